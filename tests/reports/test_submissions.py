from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.reports import services
from noichinh.reports.models import Submission, SubmissionValue


def _police(q3_2022, users, agencies):
    return services.submission_start(actor=users["canbo_ca"], period=q3_2022, agency=agencies["CA"])


def test_officer_saves_submits_and_head_approves(q3_2022, users, agencies):
    sub = _police(q3_2022, users, agencies)
    services.submission_save(
        actor=users["canbo_ca"],
        submission=sub,
        values={"crimes.detected": Decimal(150), "investigation.clearance_rate": Decimal("87.5")},
        narrative={"results": "Kết quả tốt."},
    )
    services.submission_submit(actor=users["canbo_ca"], submission=sub)
    assert sub.status == Submission.SUBMITTED
    services.submission_approve(actor=users["truongdonvi"], submission=sub)
    sub.refresh_from_db()
    assert sub.status == Submission.APPROVED and sub.results == "Kết quả tốt."
    assert sub.approved_by == users["truongdonvi"]


def test_head_returns_with_a_comment_and_officer_edits_again(q3_2022, users, agencies):
    sub = _police(q3_2022, users, agencies)
    services.submission_save(
        actor=users["canbo_ca"], submission=sub, values={"crimes.detected": Decimal(1)}
    )
    services.submission_submit(actor=users["canbo_ca"], submission=sub)
    with pytest.raises(ValidationError):
        services.submission_return(actor=users["truongdonvi"], submission=sub, comment="")
    services.submission_return(
        actor=users["truongdonvi"], submission=sub, comment="Số vụ phạm tội chưa khớp."
    )
    assert sub.status == Submission.RETURNED
    services.submission_save(
        actor=users["canbo_ca"], submission=sub, values={"crimes.detected": Decimal(160)}
    )
    assert sub.values.get().value == 160


@pytest.mark.parametrize(
    "values, message",
    [
        ({"crimes.detected": Decimal(-1)}, "không được âm"),
        ({"investigation.clearance_rate": Decimal(120)}, "từ 0 đến 100"),
        (
            {"cases.prosecuted": Decimal(5), "cases.corruption_prosecuted": Decimal(9)},
            "lớn hơn chỉ tiêu tổng",
        ),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(q3_2022, users, agencies, values, message):
    sub = _police(q3_2022, users, agencies)
    services.submission_save(
        actor=users["canbo_ca"], submission=sub, values={"crimes.detected": Decimal(7)}
    )
    with pytest.raises(ValidationError) as exc:
        services.submission_save(actor=users["canbo_ca"], submission=sub, values=values)
    assert any(message in m for m in exc.value.messages)
    assert list(sub.values.values_list("indicator__code", "value")) == [
        ("crimes.detected", Decimal(7))
    ]


def test_unusual_jump_against_last_quarter_is_flagged_not_refused(q3_2022, users, agencies):
    sub = _police(q3_2022, users, agencies)
    previous = SubmissionValue.objects.get(
        submission__period__year=2022,
        submission__period__number=2,
        submission__agency=agencies["CA"],
        indicator__code="crimes.detected",
    ).value
    flagged = services.submission_save(
        actor=users["canbo_ca"],
        submission=sub,
        values={"crimes.detected": previous * 5, "cases.prosecuted": Decimal(130)},
    )
    assert flagged == {"crimes.detected"}
    assert sub.values.get(indicator__code="crimes.detected").flagged


def test_officer_cannot_edit_another_agencys_submission(q3_2022, users, agencies):
    sub = _police(q3_2022, users, agencies)
    for username in ("canbo", "thuky", "lanhdao", "truong_tt"):
        with pytest.raises(PermissionDenied):
            services.submission_save(
                actor=users[username], submission=sub, values={"crimes.detected": Decimal(1)}
            )


def test_officer_cannot_start_another_agencys_submission(q3_2022, users, agencies):
    with pytest.raises(PermissionDenied):
        services.submission_start(actor=users["canbo"], period=q3_2022, agency=agencies["CA"])


def test_only_the_agencys_head_approves(q3_2022, users, agencies):
    sub = _police(q3_2022, users, agencies)
    services.submission_save(
        actor=users["canbo_ca"], submission=sub, values={"crimes.detected": Decimal(1)}
    )
    services.submission_submit(actor=users["canbo_ca"], submission=sub)
    for username in ("canbo_ca", "truong_tt", "thuky", "lanhdao"):
        with pytest.raises(PermissionDenied):
            services.submission_approve(actor=users[username], submission=sub)
    services.submission_approve(actor=users["truongdonvi"], submission=sub)


def test_submitted_report_is_no_longer_editable(q3_2022, users, agencies):
    sub = _police(q3_2022, users, agencies)
    services.submission_save(
        actor=users["canbo_ca"], submission=sub, values={"crimes.detected": Decimal(1)}
    )
    services.submission_submit(actor=users["canbo_ca"], submission=sub)
    with pytest.raises(PermissionDenied):
        services.submission_save(
            actor=users["canbo_ca"], submission=sub, values={"crimes.detected": Decimal(2)}
        )


def test_closed_period_takes_no_submission(q3_2022, users, agencies):
    services.period_close(actor=users["thuky"], period=q3_2022)
    with pytest.raises(ValidationError):
        _police(q3_2022, users, agencies)


def test_agency_outside_the_periods_blocs_cannot_submit(q3_2022, users, agencies, org):
    from noichinh.org.models import User

    officer = User.objects.create(username="canbo_btg", role="officer", agency=agencies["BTG"])
    with pytest.raises(ValidationError):
        services.submission_start(actor=officer, period=q3_2022, agency=agencies["BTG"])


def test_web_form_accepts_vietnamese_numbers_and_keeps_input_on_error(
    q3_2022, client, users, agencies
):
    client.force_login(users["canbo_ca"])
    url = f"/reports/periods/{q3_2022.pk}/submission/edit/"
    response = client.post(url, {"v_crimes.detected": "1.234", "v_cases.prosecuted": "abc"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "không phải là số" in body and 'value="1.234"' in body
    assert not Submission.objects.filter(period=q3_2022, agency=agencies["CA"]).exists()
    response = client.post(
        url, {"v_crimes.detected": "1.234", "v_investigation.clearance_rate": "87,5"}
    )
    assert response.status_code == 302
    sub = Submission.objects.get(period=q3_2022, agency=agencies["CA"])
    assert dict(sub.values.values_list("indicator__code", "value")) == {
        "crimes.detected": Decimal(1234),
        "investigation.clearance_rate": Decimal("87.5"),
    }


def test_web_form_lists_part_greater_than_total(q3_2022, client, users, agencies):
    client.force_login(users["canbo_ca"])
    response = client.post(
        f"/reports/periods/{q3_2022.pk}/submission/edit/",
        {
            "v_cases.prosecuted": "3",
            "v_cases.corruption_prosecuted": "4",
            "v_crimes.detected": "-2",
        },
    )
    body = response.content.decode()
    assert "lớn hơn chỉ tiêu tổng" in body and "không được âm" in body
    assert not SubmissionValue.objects.filter(submission__period=q3_2022).exists()


@pytest.mark.parametrize("username, status", [("canbo", 404), ("lanhdao", 200), ("thuky", 200)])
def test_who_may_read_a_submission(q3_2022, client, users, agencies, username, status):
    sub = _police(q3_2022, users, agencies)
    client.force_login(users[username])
    assert client.get(f"/reports/submissions/{sub.pk}/").status_code == status


def test_secretariat_sees_who_has_not_submitted_and_sends_reminders(
    q3_2022, client, users, agencies
):
    from noichinh.reports.models import Reminder

    client.force_login(users["thuky"])
    body = client.get(f"/reports/periods/{q3_2022.pk}/").content.decode()
    assert "Chưa có báo cáo" in body and agencies["MTTQ"].name in body
    response = client.post(
        f"/reports/periods/{q3_2022.pk}/remind/",
        {"agency": [agencies["MTTQ"].pk, agencies["CA"].pk]},
    )
    assert response.status_code == 302
    assert Reminder.objects.filter(period=q3_2022).count() == 2
    client.force_login(users["canbo_ca"])
    assert "Nhắc nhở" in client.get("/").content.decode()


def test_officer_cannot_send_reminders(q3_2022, users, agencies):
    with pytest.raises(PermissionDenied):
        services.reminders_send(actor=users["canbo"], period=q3_2022, agencies=[agencies["CA"]])
