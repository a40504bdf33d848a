"""Issue 17: the next report lists the late changes of ANY earlier closed period not yet
reported in an issued report (those recorded since the last issued version), once, each
with its period named — not only the previous period's."""

import datetime as dt
import io

from docx import Document

from noichinh.petitions import services as petitions
from noichinh.reports import selectors, services
from noichinh.reports.documents import docx_report, report
from noichinh.reports.models import LateChange, Period


def _visit(users, agencies, day, reason):
    return petitions.visit_create(
        actor=users["canbo"],
        agency=agencies["TTT"],
        visited_on=day,
        content="Công dân hỏi về tiến độ giải quyết đơn.",
        visitor_name="Trần Văn Bình",
        late_reason=reason,
    )


def test_late_changes_of_older_closed_quarters_since_the_last_issued_report_are_listed(
    q3_2022, users, agencies, django_capture_on_commit_callbacks
):
    # Recorded before the Quý II/2022 report was issued: that report carried it.
    _visit(users, agencies, dt.date(2021, 8, 5), "Bổ sung trước khi ban hành")
    q2 = Period.objects.get(report_type=q3_2022.report_type, kind="Q", year=2022, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_issue(
            actor=users["thuky"],
            period=q2,
            blocs=list(q2.blocs.all()),
            number="45-BC/BNC",
            place="Hòa Sơn",
            issued_on=dt.date(2022, 7, 8),
            summary="",
        )
    # Recorded after it, against Quý IV/2021 (closed long ago): not reported anywhere yet.
    _visit(users, agencies, dt.date(2021, 11, 10), "Sổ giấy quý IV ghi bổ sung")
    q4_2021 = Period.objects.get(report_type=q3_2022.report_type, kind="Q", year=2021, number=4)
    assert LateChange.objects.filter(period=q4_2021).count() == 1

    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    adj = selectors.previous_adjustments(q3_2022, scope)
    assert adj and adj.period == q2 and adj.changes == []
    assert [(c.period, c.reason) for c in adj.earlier] == [(q4_2021, "Sổ giấy quý IV ghi bổ sung")]

    meta = report.ReportMeta(issuer=agencies["BNC"], number="60-BC/BNC")
    data = report.assemble(q3_2022, scope, meta, with_charts=False)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_report.build(data))).paragraphs)
    assert "SỐ LIỆU ĐIỀU CHỈNH KỲ TRƯỚC" in text
    assert text.count("Sổ giấy quý IV ghi bổ sung") == 1
    assert "thuộc Quý IV/2021, ngày 10/11/2021" in text
    assert "Bổ sung trước khi ban hành" not in text


def test_without_any_issued_report_every_earlier_late_change_is_listed(q3_2022, users, agencies):
    _visit(users, agencies, dt.date(2021, 8, 5), "Bổ sung quý III/2021")
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    adj = selectors.previous_adjustments(q3_2022, scope)
    assert [c.period.title for c in adj.earlier] == ["Quý III/2021"]
    # A later quarter's report lists nothing of a period after it.
    q2_2021 = Period.objects.get(report_type=q3_2022.report_type, kind="Q", year=2021, number=2)
    assert not selectors.previous_adjustments(q2_2021, scope)
