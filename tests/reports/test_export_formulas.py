"""Report tables and agency templates write typed text as text, not formulas (issue 15 §7)."""

import datetime as dt

import pytest

from tests.core.test_export_formulas import PAYLOAD, _assert_text, _cells

pytestmark = pytest.mark.django_db


def test_agency_submission_template_writes_its_narrative_as_text(q3_2022, client, users, agencies):
    from noichinh.reports.models import Submission

    Submission.objects.create(period=q3_2022, agency=agencies["TTT"], results=PAYLOAD)
    client.force_login(users["canbo"])
    r = client.get(f"/reports/periods/{q3_2022.pk}/submission/template.xlsx")
    assert r.status_code == 200
    _assert_text(r.content, PAYLOAD)


def test_report_tables_write_agency_names_as_text(demo_reports):
    from noichinh.reports import selectors
    from noichinh.reports.documents import pdf_xlsx, report
    from noichinh.reports.models import Period

    agency = demo_reports["agencies"]["CA"]
    agency.name = "=Công an tỉnh"
    agency.save(update_fields=["name"])
    period = Period.objects.get(kind="Q", year=2022, number=2)
    scope = selectors.scope_for_blocs(period, list(period.blocs.all()))
    meta = report.ReportMeta(
        issuer=demo_reports["agencies"]["BNC"],
        number="45-BC/BNC",
        place="Hòa Sơn",
        issued_on=dt.date(2022, 7, 8),
        signer_title="Phó Trưởng Ban",
        signer_name="Nguyễn Văn An",
        recipients=report.default_recipients(scope.label),
    )
    content = pdf_xlsx.xlsx(report.assemble(period, scope, meta))
    _assert_text(content, "=Công an tỉnh")
    figures = [c for c in _cells(content) if isinstance(c.value, int | float)]
    assert figures and all(c.data_type == "n" for c in figures)
