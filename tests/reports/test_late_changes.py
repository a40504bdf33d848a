"""Closed periods ("Đã khóa sổ"): a record dated inside one needs a reason, the form warns
before saving, the period page lists the late change, and the next report reports it as
an adjustment instead of folding it into the issued version."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from noichinh.core.closing import ClosedPeriodError
from noichinh.petitions import importing
from noichinh.petitions import services as petitions
from noichinh.petitions.models import Petition, Visit
from noichinh.reports import selectors, services
from noichinh.reports.documents import docx_report, report
from noichinh.reports.models import LateChange, Period, ReportVersion

CLOSED_DAY = dt.date(2022, 5, 10)  # Quý II/2022: closed in the demo


def _visit(users, agencies, **kw):
    return petitions.visit_create(
        actor=users["canbo"],
        agency=agencies["TTT"],
        visited_on=kw.pop("visited_on", CLOSED_DAY),
        content="Công dân hỏi về tiến độ giải quyết đơn.",
        visitor_name="Trần Văn Bình",
        **kw,
    )


def test_a_visit_dated_in_a_closed_period_needs_a_reason(demo_reports, users, agencies):
    with pytest.raises(ClosedPeriodError) as info:
        _visit(users, agencies)
    assert "Quý II/2022" in info.value.messages[0] and "Nhập lý do" in info.value.messages[0]
    assert not Visit.objects.exists() and not LateChange.objects.exists()

    visit = _visit(users, agencies, late_reason="Sổ giấy ghi bổ sung sau khi khóa sổ")
    # Every closed period containing the day: the quarter and the year (BCĐ 138, closed).
    assert {str(c.period) for c in LateChange.objects.all()} == {"Quý II/2022", "Năm 2022"}
    change = LateChange.objects.get(period__kind="Q")
    assert (change.object_id, change.on, change.reason) == (
        str(visit.pk),
        CLOSED_DAY,
        "Sổ giấy ghi bổ sung sau khi khóa sổ",
    )


def test_a_date_in_no_closed_period_needs_no_reason(q3_2022, users, agencies):
    _visit(users, agencies, visited_on=dt.date(2023, 8, 1))
    assert not LateChange.objects.exists()


def test_a_petition_received_in_a_closed_period_needs_a_reason(demo_reports, users, agencies):
    data = dict(actor=users["canbo"], agency=agencies["TTT"], received_on=CLOSED_DAY)
    with pytest.raises(ClosedPeriodError):
        petitions.petition_create(**data, content="Khiếu nại quyết định thu hồi đất.")
    assert not Petition.objects.exists()
    petitions.petition_create(
        **data, content="Khiếu nại quyết định thu hồi đất.", late_reason="Đơn thất lạc"
    )
    assert set(LateChange.objects.values_list("model", flat=True)) == {"petitions.petition"}


def test_the_form_warns_and_asks_for_a_reason_and_a_confirmation_before_saving(
    demo_reports, client, users, agencies
):
    client.force_login(users["canbo"])
    form = {
        "agency": agencies["TTT"].pk,
        "visited_on": "10/05/2022",
        "kind": "regular",
        "petition_type": "complaint",
        "field": "other",
        "people_count": 1,
        "content": "Công dân hỏi về tiến độ giải quyết đơn.",
        "visitor_name": "Trần Văn Bình",
        "answer": "guided",
    }
    page = client.post("/petitions/visits/new/", form)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="late-warning"' in html and "Quý II/2022" in html
    assert 'name="late_reason"' in html and 'type="checkbox" name="late_confirm"' in html
    assert not Visit.objects.exists()
    # A reason without the confirmation is not enough.
    page = client.post(
        "/petitions/visits/new/", {**form, "late_asked": "1", "late_reason": "Bổ sung"}
    )
    assert page.status_code == 200 and "Đánh dấu xác nhận" in page.content.decode()
    assert not Visit.objects.exists()
    done = client.post(
        "/petitions/visits/new/",
        {**form, "late_asked": "1", "late_reason": "Bổ sung sổ giấy", "late_confirm": "on"},
    )
    assert done.status_code == 302
    assert set(LateChange.objects.values_list("reason", flat=True)) == {"Bổ sung sổ giấy"}


def test_the_api_needs_the_reason_too(demo_reports, api_client, users, agencies):
    body = {
        "agency_id": agencies["TTT"].pk,
        "visited_on": "2022-05-10",
        "content": "Công dân hỏi về tiến độ giải quyết đơn.",
        "visitor_name": "Trần Văn Bình",
    }
    client = api_client.as_user(users["canbo"])
    refused = client.post("/api/v1/petitions/visits", body)
    assert refused.status_code in (400, 422)
    assert "khóa sổ" in str(refused.json())
    assert not Visit.objects.exists()
    ok = client.post("/api/v1/petitions/visits", {**body, "late_reason": "Bổ sung sổ giấy"})
    assert ok.status_code == 201
    assert LateChange.objects.filter(period__kind="Q").count() == 1


def test_an_import_with_rows_in_a_closed_period_needs_a_reason(demo_reports, users, agencies):
    header = ["Ngày tiếp", "Nội dung", "Họ tên", "Số người"]
    rows = [["10/05/2022", "Hỏi về chính sách đất đai", "Lê Văn Nam", "1"]]
    mapping = importing.propose_mapping("visit", header)
    parsed = importing.parse_rows("visit", rows, mapping, agencies["TTT"])
    assert not parsed.errors, parsed.errors
    with pytest.raises(ValidationError) as info:
        importing.import_rows(
            actor=users["canbo"], kind="visit", agency=agencies["TTT"], parsed=parsed
        )
    assert "khóa sổ" in info.value.messages[0]
    assert not Visit.objects.exists()
    count = importing.import_rows(
        actor=users["canbo"],
        kind="visit",
        agency=agencies["TTT"],
        parsed=parsed,
        late_reason="Nhập sổ giấy quý II",
    )
    assert count == 1 and Visit.objects.count() == 1
    change = LateChange.objects.get(period__kind="Q")
    assert change.action == "import" and change.agency == agencies["TTT"]


def test_the_period_page_lists_late_changes_to_the_secretariat(
    demo_reports, client, users, agencies
):
    _visit(users, agencies, late_reason="Sổ giấy ghi bổ sung")
    q2 = Period.objects.get(kind="Q", year=2022, number=2)
    client.force_login(users["thuky"])
    html = client.get(f"/reports/periods/{q2.pk}/").content.decode()
    assert 'data-testid="late-change"' in html and "Sổ giấy ghi bổ sung" in html
    client.force_login(users["canbo"])
    assert "Sổ giấy ghi bổ sung" not in client.get(f"/reports/periods/{q2.pk}/").content.decode()


def test_the_next_report_lists_the_adjustment_and_the_issued_one_stays(
    q3_2022, users, agencies, django_capture_on_commit_callbacks
):
    q2 = Period.objects.get(kind="Q", year=2022, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.report_issue(
            actor=users["thuky"],
            period=q2,
            blocs=list(q2.blocs.all()),
            number="45-BC/BNC",
            place="Hòa Sơn",
            issued_on=dt.date(2022, 7, 8),
            summary="",
        )
    issued = ReportVersion.objects.get(document=doc)
    before = issued.figures["reception.visits"]["value"]
    _visit(users, agencies, late_reason="Sổ giấy ghi bổ sung")

    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    adj = selectors.previous_adjustments(q3_2022, scope)
    assert adj.period == q2 and len(adj.changes) == 1  # the quarter's, not the year's
    rows = {row.indicator.code: (issued_value, row.value) for row, issued_value in adj.rows}
    assert rows["reception.visits"] == (before, (before or 0) + 1)
    meta = report.ReportMeta(issuer=agencies["BNC"], number="60-BC/BNC")
    data = report.assemble(q3_2022, scope, meta, with_charts=False)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_report.build(data))).paragraphs)
    assert "SỐ LIỆU ĐIỀU CHỈNH KỲ TRƯỚC" in text
    shown = "—" if before is None else before  # "—": the book had no record when issued
    line = f"Lượt tiếp công dân (Quý II/2022): đã báo cáo {shown}, nay {(before or 0) + 1}"
    assert line in text
    assert "lý do: Sổ giấy ghi bổ sung" in text
    assert ReportVersion.objects.get(pk=issued.pk).docx_sha256 == issued.docx_sha256


def test_a_resolution_dated_in_a_closed_period_needs_a_reason(demo_reports, users, agencies):
    from tests.petitions.factories import accepted_complaint

    petition = accepted_complaint(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2022, 4, 4),
        decided_on=dt.date(2022, 4, 8),
        late_reason="Đơn nhận trong quý II, vào sổ muộn",
    )
    resolve = dict(
        actor=users["canbo"], on=dt.date(2022, 6, 20), doc_no="12/QĐ-TTr", result="wrong"
    )
    with pytest.raises(ClosedPeriodError):
        petitions.petition_resolve(petition=petition, **resolve)
    petition.refresh_from_db()
    assert petition.resolved_on is None
    petitions.petition_resolve(petition=petition, late_reason="Quyết định gửi về muộn", **resolve)
    assert LateChange.objects.filter(action="resolve", period__kind="Q").get().reason == (
        "Quyết định gửi về muộn"
    )
