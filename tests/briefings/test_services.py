import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from noichinh.briefings import figures, selectors, services
from noichinh.briefings.models import (
    AwardDecision,
    AwardRecipient,
    Conference,
    ConferenceFigure,
    Task,
    TaskReminder,
)
from noichinh.core.models import AuditEntry
from noichinh.devdata.demo import briefings as demo

pytestmark = pytest.mark.django_db


def test_conference_title_and_period_come_from_blocs_and_code(conference):
    assert conference.title == "Hội nghị giao ban khối Nội chính, Dân vận quý III/2022"
    assert conference.period_label == "Quý III/2022"
    assert (conference.period_start, conference.period_end) == (
        dt.date(2022, 7, 1),
        dt.date(2022, 9, 30),
    )
    assert AuditEntry.objects.filter(model="briefings.conference").count() == 1


def test_conference_needs_a_bloc_and_a_valid_period(users):
    with pytest.raises(ValidationError) as exc:
        services.conference_create(
            actor=users["thuky"], blocs=[], date=dt.date(2022, 10, 1), period_code="2022-Q5"
        )
    assert "Chọn ít nhất một khối" in str(exc.value)
    assert "Kỳ không hợp lệ" in str(exc.value)
    assert not Conference.objects.exists()


def test_officer_cannot_record_a_conference(users, blocs):
    with pytest.raises(PermissionDenied):
        services.conference_create(
            actor=users["canbo_ca"], blocs=[blocs["NOI_CHINH"]], date=dt.date(2022, 10, 1)
        )


def test_deadline_before_the_conference_is_refused_and_nothing_saved(make_task):
    with pytest.raises(ValidationError) as exc:
        make_task(deadline=dt.date(2022, 9, 1))
    assert "trước ngày giao nhiệm vụ" in exc.value.message_dict["deadline"][0]
    assert not Task.objects.exists()


def test_task_needs_a_deadline_or_regular(users, agencies, conference):
    with pytest.raises(ValidationError) as exc:
        services.task_create(
            actor=users["thuky"],
            conference=conference,
            text="Việc không hạn",
            lead_agency=agencies["CA"],
            coordinators=[],
            deadline=None,
            is_regular=False,
        )
    assert "thường xuyên" in exc.value.message_dict["deadline"][0]


def test_regular_task_shows_thuong_xuyen_and_is_never_overdue(make_task):
    task = make_task(deadline=None)
    assert task.deadline_display == "Thường xuyên"
    with time_machine.travel(dt.date(2030, 1, 1)):
        assert task.state == Task.STATE_NOT_STARTED


def test_state_becomes_overdue_after_the_deadline_by_the_clock(make_task):
    task = make_task(deadline=dt.date(2022, 12, 31))
    with time_machine.travel(dt.datetime(2022, 12, 31, 10)):
        assert task.state == Task.STATE_NOT_STARTED
        assert task.is_due_soon
    with time_machine.travel(dt.datetime(2023, 1, 2, 10)):
        assert task.state == Task.STATE_OVERDUE
        assert list(Task.objects.filter(Task.overdue_q(dt.date(2023, 1, 2)))) == [task]


def test_progress_then_proposal_then_acceptance_late(users, make_task):
    task = make_task(deadline=dt.date(2022, 12, 31))
    with time_machine.travel(dt.datetime(2023, 1, 10, 9)):
        services.task_report_progress(actor=users["canbo_ca"], task=task, note="Đang làm")
        task.refresh_from_db()
        assert task.status == Task.IN_PROGRESS
        services.task_report_progress(
            actor=users["truongdonvi"], task=task, note="Đã xong", propose=True
        )
        services.task_accept(actor=users["thuky"], task=task)
    task.refresh_from_db()
    assert task.state == Task.STATE_DONE_LATE
    assert task.completed_on == dt.date(2023, 1, 10)
    assert [u.kind for u in task.updates.all()] == ["progress", "propose", "accept"]


def test_secretariat_returns_a_proposal(users, make_task):
    task = make_task()
    services.task_report_progress(actor=users["canbo_ca"], task=task, note="Xong", propose=True)
    services.task_return(actor=users["thuky"], task=task, note="Thiếu báo cáo kết quả")
    task.refresh_from_db()
    assert task.status == Task.IN_PROGRESS


def test_coordinating_agency_reports_but_may_not_propose_completion(users, make_task):
    task = make_task(lead="TTT", coordinators=["CA"])
    services.task_report_progress(actor=users["canbo_ca"], task=task, note="Đã phối hợp")
    with pytest.raises(PermissionDenied):
        services.task_report_progress(actor=users["canbo_ca"], task=task, note="x", propose=True)


def test_other_agency_cannot_report_progress(users, make_task):
    task = make_task(lead="TTT")
    with pytest.raises(PermissionDenied):
        services.task_report_progress(actor=users["canbo_ca"], task=task, note="Không phải việc")
    assert not task.updates.exists()


def test_officer_cannot_accept_or_cancel(users, make_task):
    task = make_task()
    with pytest.raises(PermissionDenied):
        services.task_accept(actor=users["canbo_ca"], task=task)
    with pytest.raises(PermissionDenied):
        services.task_cancel(actor=users["canbo_ca"], task=task, decision="QĐ 1")


def test_cancel_by_decision(users, make_task):
    task = make_task()
    services.task_cancel(actor=users["thuky"], task=task, decision="Quyết định số 5-QĐ/TU")
    task.refresh_from_db()
    assert task.state == Task.STATE_CANCELLED
    with pytest.raises(ValidationError):
        services.task_report_progress(actor=users["canbo_ca"], task=task, note="x")


def test_unfinished_tasks_carry_into_the_next_conference(users, blocs, make_task):
    open_task = make_task(text="Còn dở")
    done = make_task(text="Đã xong")
    services.task_accept(actor=users["thuky"], task=done, completed_on=dt.date(2022, 11, 1))
    other_bloc = make_task(text="Khối khác")
    later = services.conference_create(
        actor=users["thuky"],
        blocs=[blocs["NOI_CHINH"]],
        period_code="2022-Q4",
        date=dt.date(2023, 1, 12),
    )
    carried = set(later.carried_tasks.all())
    assert open_task in carried and other_bloc in carried
    assert done not in carried
    unrelated = services.conference_create(
        actor=users["thuky"], blocs=[blocs["BCD138"]], date=dt.date(2023, 1, 12)
    )
    assert not unrelated.carried_tasks.exists()


def test_attachment_is_stored_and_recorded(users, make_task, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = make_task()
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    update = services.task_report_progress(
        actor=users["canbo_ca"], task=task, note="Kèm báo cáo", attachment=upload
    )
    assert update.attachment_name == "bao-cao.pdf"
    # Encrypted at rest under a random name (issue 15 §8); read back through core.files.
    from noichinh.core import files as core_files

    assert update.attachment.name.endswith(".sealed")
    assert (tmp_path / update.attachment.name).read_bytes() != b"%PDF-1.4 test"
    assert core_files.read(update.attachment) == b"%PDF-1.4 test"


def test_money_figure_is_integer_dong_and_shown_vietnamese(users, conference):
    figure = services.figure_add(
        actor=users["thuky"],
        conference=conference,
        value="7.300.000.000",
        unit="đồng",
        qualifier="gt",
    )
    assert figure.value == 7_300_000_000
    assert figure.display == "trên 7,3 tỷ đồng"
    with pytest.raises(ValidationError):
        services.figure_add(actor=users["thuky"], conference=conference, value="abc")
    with pytest.raises(ValidationError):
        services.figure_add(actor=users["thuky"], conference=conference, value="1,5", unit="đồng")
    assert ConferenceFigure.objects.count() == 1


def test_decimal_figure_keeps_its_decimals(users, conference):
    figure = services.figure_add(
        actor=users["thuky"], conference=conference, value="1.4", unit="kg", qualifier="approx"
    )
    assert figure.display == "khoảng 1,4 kg"


def _award(users, number, issuer="provincial_chair", **kw):
    return services.award_decision_create(
        actor=users["thuky"],
        issuer_level=issuer,
        form=kw.pop("form", "bang_khen"),
        number=number,
        signed_on=kw.pop("signed_on", dt.date(2022, 12, 20)),
        collectives=kw.pop("collectives", ["Công an xã A"]),
        individuals=kw.pop("individuals", []),
        **kw,
    )


def test_duplicate_award_number_for_the_same_issuer_is_refused(users):
    _award(users, "12/QĐ-UBND")
    with pytest.raises(ValidationError) as exc:
        _award(users, "12/QĐ-UBND", collectives=["Công an xã B"])
    assert "đã có trong sổ khen thưởng" in exc.value.message_dict["number"][0]
    assert AwardDecision.objects.count() == 1
    assert AwardRecipient.objects.count() == 1
    _award(users, "12/QĐ-UBND", issuer="police_director")  # another issuer may reuse it
    assert AwardDecision.objects.count() == 2


def test_award_needs_recipients_and_a_past_date(users):
    with pytest.raises(ValidationError) as exc:
        _award(users, "1", collectives=[], signed_on=dt.date(2100, 1, 1))
    assert set(exc.value.message_dict) == {"collectives", "signed_on"}


def test_officer_cannot_record_awards(users):
    with pytest.raises(PermissionDenied):
        services.award_decision_create(
            actor=users["canbo_ca"],
            issuer_level="police_director",
            form="giay_khen",
            signed_on=dt.date(2022, 1, 1),
            collectives=["X"],
        )


def test_award_summary_and_figures_count_recipients(users, agencies):
    _award(users, "1/QĐ", collectives=["A", "B"], individuals=["C"], agency=agencies["CA"])
    _award(
        users,
        "2/QĐ",
        issuer="police_director",
        form="giay_khen",
        collectives=[],
        individuals=["D", "E"],
    )
    summary = selectors.award_summary(decisions=AwardDecision.objects.all())
    assert [(r["issuer"], r["form"], r["collectives"], r["individuals"]) for r in summary] == [
        ("Chủ tịch UBND tỉnh", "Bằng khen", 2, 1),
        ("Giám đốc Công an tỉnh", "Giấy khen", 0, 2),
    ]
    year = {"start": dt.date(2022, 1, 1), "end": dt.date(2022, 12, 31)}
    f = figures.FIGURES
    assert f["awards.collectives"](agency_ids=None, unit_ids=None, **year) == 2
    assert f["awards.individuals"](agency_ids=None, unit_ids=None, **year) == 3
    assert f["awards.individuals"](agency_ids={agencies["CA"].id}, unit_ids=None, **year) == 1
    assert (
        f["awards.police_director.giay_khen.individuals"](agency_ids=None, unit_ids=None, **year)
        == 2
    )
    assert f["awards.bang_khen.collectives"](agency_ids=None, unit_ids=None, **year) == 2


def test_task_figures_match_the_lists(users, agencies, make_task):
    on_time = make_task(deadline=dt.date(2022, 11, 30))
    late = make_task(deadline=dt.date(2022, 11, 30))
    overdue = make_task(deadline=dt.date(2022, 11, 30))
    make_task(lead="TTT", deadline=dt.date(2022, 11, 30))
    with time_machine.travel(dt.datetime(2023, 2, 1, 9)):
        services.task_accept(actor=users["thuky"], task=on_time, completed_on=dt.date(2022, 11, 20))
        services.task_accept(actor=users["thuky"], task=late, completed_on=dt.date(2022, 12, 10))
        q4 = {"start": dt.date(2022, 10, 1), "end": dt.date(2022, 12, 31)}
        ca = {agencies["CA"].id}
        f = figures.FIGURES
        assert f["tasks.assigned"](agency_ids=ca, unit_ids=None, **q4) == 3
        assert f["tasks.done_on_time"](agency_ids=ca, unit_ids=None, **q4) == 1
        assert f["tasks.done_late"](agency_ids=ca, unit_ids=None, **q4) == 1
        overdue_list = selectors.task_list(user=users["canbo_ca"], view="overdue")
        assert list(overdue_list) == [overdue]
        assert f["tasks.overdue"](agency_ids=ca, unit_ids=None, **q4) == overdue_list.count()
        assert f["tasks.overdue"](agency_ids=None, unit_ids=None, **q4) == 2


def test_reminders_are_sent_once(users, make_task, mailoutbox):
    users["canbo_ca"].email = "ca@example.org"
    users["canbo_ca"].save()
    make_task(deadline=dt.date(2022, 12, 31))
    make_task(deadline=dt.date(2022, 12, 1))
    with time_machine.travel(dt.datetime(2022, 12, 28, 8)):
        call_command("send_task_reminders")
        call_command("send_task_reminders")
    assert TaskReminder.objects.count() == 2
    assert len(mailoutbox) == 2
    assert {r.kind for r in TaskReminder.objects.all()} == {"overdue", "due_soon"}


def test_inspection_plan_overlap_is_seen_by_both_agencies_and_the_secretariat(users, agencies):
    from noichinh.org.models import AreaUnit

    unit = AreaUnit.objects.get(code="HS-X-DL")
    mine = services.plan_create(
        actor=users["canbo"], agency=agencies["TTT"], year=2026, unit=unit, subject="Đất đai"
    )
    assert not selectors.plan_overlaps([mine])
    theirs = services.plan_create(
        actor=users["canbo_ca"], agency=agencies["CA"], year=2026, unit=unit, subject="PCCC"
    )
    services.plan_create(
        actor=users["canbo_ca"], agency=agencies["CA"], year=2027, unit=unit, subject="Năm sau"
    )
    for username in ("canbo", "canbo_ca", "thuky"):
        visible = list(selectors.plan_list(user=users[username], year="2026"))
        overlaps = selectors.plan_overlaps(visible)
        assert mine in visible and theirs in visible
        assert overlaps[mine.pk] == [theirs] and overlaps[theirs.pk] == [mine]
    assert not selectors.plan_list(user=users["canbo_vks"], year="2026").exists()


def test_plan_for_another_agency_is_refused(users, agencies):
    from noichinh.org.models import AreaUnit

    with pytest.raises(PermissionDenied):
        services.plan_create(
            actor=users["canbo"],
            agency=agencies["CA"],
            year=2026,
            unit=AreaUnit.objects.get(code="HS-X-DL"),
            subject="x",
        )
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=users["canbo"], agency=agencies["TTT"], year=2026, subject="x")
    assert "target_agency" in exc.value.message_dict


def test_demo_is_idempotent_and_has_s4_counts(org):
    demo.load(org)
    entries = AuditEntry.objects.count()
    demo.load(org)
    assert AuditEntry.objects.count() == entries
    summary = {
        (r["issuer_level"], r["form_code"]): (r["collectives"], r["individuals"])
        for r in selectors.award_summary(decisions=AwardDecision.objects.all())
    }
    assert summary == {
        ("minister_public_security", "bang_khen"): (7, 0),
        ("provincial_chair", "bang_khen"): (9, 1),
        ("police_director", "giay_khen"): (17, 18),
    }
    assert not Conference.objects.filter(period_code="2022-Q3").exists()


def test_background_task_sends_reminders_once(make_task):
    from noichinh.briefings import tasks

    make_task(deadline=dt.date(2022, 12, 1))
    with time_machine.travel(dt.datetime(2023, 1, 5, 8)):
        assert tasks.send_task_reminders.call() == 1
        assert tasks.send_task_reminders.call() == 0
