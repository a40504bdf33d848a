"""Withdrawn records (soft delete with a reason) leave every count and list; an
administrator restores them; both steps are in the history."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.briefings import figures, selectors, services
from noichinh.briefings.models import (
    AwardDecision,
    ConclusionNotice,
    Conference,
    ConferenceFigure,
    InspectionPlan,
    Task,
)
from noichinh.core.models import AuditEntry

pytestmark = pytest.mark.django_db

YEAR = {"start": dt.date(2022, 1, 1), "end": dt.date(2022, 12, 31)}


def _award(users, number, **kw):
    return services.award_decision_create(
        actor=users["thuky"],
        issuer_level=kw.pop("issuer", "provincial_chair"),
        form=kw.pop("form", "bang_khen"),
        number=number,
        signed_on=kw.pop("signed_on", dt.date(2022, 6, 1)),
        collectives=kw.pop("collectives", ["Công an xã A", "Công an xã B"]),
        individuals=kw.pop("individuals", ["Nguyễn Văn An"]),
        **kw,
    )


def _figure(code):
    return figures.FIGURES[code](agency_ids=None, unit_ids=None, **YEAR)


def test_withdrawn_award_leaves_the_figures_the_summary_and_the_list(users):
    kept = _award(users, "1/QĐ")
    mistake = _award(users, "2/QĐ")
    assert _figure("awards.collectives") == 4
    services.record_withdraw(actor=users["thuky"], obj=mistake, reason="Nhập nhầm hai lần")
    assert _figure("awards.collectives") == 2
    assert _figure("awards.individuals") == 1
    assert _figure("awards.provincial_chair.bang_khen.collectives") == 2
    decisions = selectors.award_decision_list()
    assert list(decisions) == [kept]
    summary = selectors.award_summary(decisions=decisions)
    assert [(r["collectives"], r["individuals"]) for r in summary] == [(2, 1)]
    # Kept in the database, with who, when and why.
    mistake = AwardDecision.all_objects.get(pk=mistake.pk)
    assert mistake.withdrawn_reason == "Nhập nhầm hai lần"
    assert mistake.withdrawn_by == users["thuky"]


def test_a_withdrawn_number_may_be_entered_again(users):
    mistake = _award(users, "5/QĐ")
    services.record_withdraw(actor=users["thuky"], obj=mistake, reason="Sai cấp khen")
    again = _award(users, "5/QĐ")
    assert again.pk != mistake.pk
    with pytest.raises(ValidationError):
        services.record_restore(actor=users["admin"], obj=mistake)


def test_withdraw_needs_a_reason_and_changes_nothing_without_one(users):
    decision = _award(users, "3/QĐ")
    with pytest.raises(ValidationError) as exc:
        services.record_withdraw(actor=users["thuky"], obj=decision, reason="  ")
    assert "lý do" in exc.value.message_dict["reason"][0]
    assert AwardDecision.objects.filter(pk=decision.pk).exists()


def test_officer_may_not_withdraw_and_secretariat_may_not_restore(users):
    decision = _award(users, "4/QĐ")
    with pytest.raises(PermissionDenied):
        services.record_withdraw(actor=users["canbo_ca"], obj=decision, reason="x")
    services.record_withdraw(actor=users["thuky"], obj=decision, reason="Nhập nhầm")
    with pytest.raises(PermissionDenied):
        services.record_restore(actor=users["thuky"], obj=decision)
    assert not AwardDecision.objects.filter(pk=decision.pk).exists()
    services.record_restore(actor=users["admin"], obj=decision, reason="Thu hồi nhầm")
    assert AwardDecision.objects.filter(pk=decision.pk).exists()
    assert _figure("awards.collectives") == 2
    actions = list(
        AuditEntry.objects.filter(model="briefings.awarddecision", object_id=str(decision.pk))
        .order_by("id")
        .values_list("action", "reason")
    )
    assert actions == [("create", ""), ("withdraw", "Nhập nhầm"), ("restore", "Thu hồi nhầm")]


def test_withdrawn_task_leaves_the_task_figures_lists_and_counts(users, make_task):
    kept = make_task()
    mistake = make_task()
    ca = {"agency_ids": {users["canbo_ca"].agency_id}, "unit_ids": None}
    q4 = {"start": dt.date(2022, 10, 1), "end": dt.date(2022, 12, 31)}
    assert figures.FIGURES["tasks.assigned"](**ca, **q4) == 2
    services.record_withdraw(actor=users["thuky"], obj=mistake, reason="Trùng nhiệm vụ 1")
    assert figures.FIGURES["tasks.assigned"](**ca, **q4) == 1
    assert figures.FIGURES["tasks.open"](**ca, **q4) == 1
    assert list(selectors.task_list(user=users["canbo_ca"])) == [kept]
    assert selectors.task_counts(user=users["thuky"])["open"] == 1
    conference = selectors.conference_list(user=users["thuky"]).get()
    assert conference.task_count == 1


def test_withdrawn_conference_takes_its_figures_notice_tasks_and_awards(
    users, conference, make_task
):
    make_task()
    services.figure_add(actor=users["thuky"], conference=conference, value=5, unit="vụ")
    services.notice_save(actor=users["thuky"], conference=conference, issued_on=conference.date)
    decision = _award(users, "9/QĐ", conference=conference)
    services.record_withdraw(actor=users["thuky"], obj=conference, reason="Hội nghị nhập trùng")
    assert not Conference.objects.exists()
    assert not Task.objects.exists()
    assert not ConferenceFigure.objects.exists()
    assert not ConclusionNotice.objects.exists()
    assert not AwardDecision.objects.exists()
    assert _figure("awards.collectives") == 0
    services.record_restore(actor=users["admin"], obj=Conference.all_objects.get())
    assert Task.objects.count() == 1
    assert ConferenceFigure.objects.count() == 1
    assert AwardDecision.objects.get() == decision


def test_a_new_notice_replaces_a_withdrawn_one(users, conference):
    notice = services.notice_save(
        actor=users["thuky"], conference=conference, issued_on=conference.date, number="1-TB/TU"
    )
    services.record_withdraw(actor=users["thuky"], obj=notice, reason="Sai số")
    again = services.notice_save(
        actor=users["thuky"], conference=conference, issued_on=conference.date, number="2-TB/TU"
    )
    assert ConclusionNotice.objects.get() == again
    assert again.number == "2-TB/TU"


def test_withdrawn_plan_no_longer_overlaps_nor_counts(users, agencies):
    from noichinh.org.models import AreaUnit

    unit = AreaUnit.objects.filter(level="commune").first()
    a = services.plan_create(
        actor=users["truong_tt"], agency=agencies["TTT"], year=2022, unit=unit, subject="Đất đai"
    )
    b = services.plan_create(
        actor=users["truongdonvi"], agency=agencies["CA"], year=2022, unit=unit, subject="PCCC"
    )
    assert selectors.plan_overlaps([a]) == {a.pk: [b]}
    assert _figure("inspections.planned") == 2
    with pytest.raises(PermissionDenied):  # another agency's plan
        services.record_withdraw(actor=users["truong_tt"], obj=b, reason="x")
    services.record_withdraw(actor=users["truongdonvi"], obj=b, reason="Hoãn sang năm sau")
    assert selectors.plan_overlaps([a]) == {}
    assert _figure("inspections.planned") == 1
    assert _figure("inspections.overlapping") == 0
    assert list(selectors.plan_list(user=users["truong_tt"])) == [a]
    assert InspectionPlan.all_objects.count() == 2


@pytest.fixture
def as_user(client, users):
    def _as(username):
        client.force_login(users[username])
        return client

    return _as


def test_withdraw_page_asks_for_a_reason_then_withdraws(as_user, users):
    decision = _award(users, "7/QĐ")
    client = as_user("thuky")
    page = client.get(f"/briefings/withdraw/award/{decision.pk}/")
    assert "Xác nhận thu hồi" in page.content.decode()
    response = client.post(f"/briefings/withdraw/award/{decision.pk}/", {"reason": ""})
    assert response.status_code == 200
    assert "Ghi rõ lý do thu hồi." in response.content.decode()
    assert AwardDecision.objects.filter(pk=decision.pk).exists()
    response = client.post(f"/briefings/withdraw/award/{decision.pk}/", {"reason": "Nhập nhầm"})
    assert response.status_code == 302
    assert not AwardDecision.objects.filter(pk=decision.pk).exists()
    listing = client.get("/briefings/withdrawn/").content.decode()
    assert "Nhập nhầm" in listing
    assert "Khôi phục</button>" not in listing  # only the administrator restores


def test_officer_is_refused_the_withdraw_page_and_the_restore(as_user, users):
    decision = _award(users, "8/QĐ")
    assert as_user("canbo_ca").get(f"/briefings/withdraw/award/{decision.pk}/").status_code == 403
    assert (
        as_user("canbo_ca")
        .post(f"/briefings/withdraw/award/{decision.pk}/", {"reason": "x"})
        .status_code
        == 403
    )
    assert as_user("canbo_ca").get("/briefings/withdrawn/").status_code == 403
    services.record_withdraw(actor=users["thuky"], obj=decision, reason="Nhập nhầm")
    as_user("thuky").post(f"/briefings/restore/award/{decision.pk}/")
    assert not AwardDecision.objects.filter(pk=decision.pk).exists()
    as_user("admin").post(f"/briefings/restore/award/{decision.pk}/")
    assert AwardDecision.objects.filter(pk=decision.pk).exists()


def test_unknown_kind_is_404(as_user):
    assert as_user("thuky").get("/briefings/withdraw/user/1/").status_code == 404


def test_api_and_export_leave_out_withdrawn_tasks_and_awards(api_client, client, users, make_task):
    import io

    from openpyxl import load_workbook

    kept, mistake = make_task(text="Nhiệm vụ giữ lại"), make_task(text="Nhiệm vụ nhập nhầm")
    _award(users, "21/QĐ")
    wrong = _award(users, "22/QĐ")
    services.record_withdraw(actor=users["thuky"], obj=mistake, reason="Trùng")
    services.record_withdraw(actor=users["thuky"], obj=wrong, reason="Trùng")
    api = api_client.as_user(users["canbo_ca"])
    assert [t["id"] for t in api.get("/api/v1/briefings/tasks").json()["items"]] == [kept.pk]
    assert (
        api.post(f"/api/v1/briefings/tasks/{mistake.pk}/progress", {"note": "x"}).status_code == 404
    )
    rows = api.get("/api/v1/briefings/awards/summary").json()
    rows = rows["items"] if isinstance(rows, dict) else rows
    assert [(r["collectives"], r["individuals"]) for r in rows] == [(2, 1)]
    client.force_login(users["canbo_ca"])
    sheet = load_workbook(io.BytesIO(client.get("/briefings/tasks/export.xlsx").content)).active
    texts = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert texts == ["Nhiệm vụ giữ lại"]
    assert client.get(f"/briefings/tasks/{mistake.pk}/").status_code == 404


def test_a_task_of_a_withdrawn_conference_comes_back_with_the_conference_only(
    users, conference, make_task
):
    task = make_task()
    services.record_withdraw(actor=users["thuky"], obj=conference, reason="Nhập trùng")
    with pytest.raises(ValidationError, match="khôi phục hội nghị trước"):
        services.record_restore(actor=users["admin"], obj=Task.all_objects.get(pk=task.pk))
    assert not Task.objects.exists()
