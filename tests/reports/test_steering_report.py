"""Issue 17 §5: Ban Chỉ đạo 138's 2022 annual report is drafted by its standing agency
(Công an tỉnh) and by the secretariat of the bloc that agency belongs to; its awards part
shows the register's recipients by level and form; a year compares with one period."""

import io

import pytest
from docx import Document

from noichinh.reports.models import Period


@pytest.fixture
def bcd138_year(demo_reports):
    from noichinh.devdata.demo import briefings as briefings_demo

    briefings_demo.load(demo_reports)
    period = Period.objects.get(kind=Period.YEAR, year=2022, blocs__code="BCD138")
    return period


def _report_url(period):
    return f"/reports/periods/{period.pk}/report/"


@pytest.mark.parametrize("username", ["truongdonvi", "canbo_ca", "thuky"])
def test_the_standing_agency_and_the_secretariat_open_the_annual_report(
    client, users, bcd138_year, username
):
    client.force_login(users[username])
    response = client.get(_report_url(bcd138_year))
    assert response.status_code == 200
    assert "Ban Chỉ đạo 138" in response.content.decode()
    # and they see the period among those they report on
    detail = client.get(f"/reports/periods/{bcd138_year.pk}/")
    assert detail.status_code == 200


@pytest.mark.parametrize("username", ["canbo_vks", "truong_tt", "canbo_dv", "canbo"])
def test_other_agencies_may_not_open_the_annual_report(client, users, bcd138_year, username):
    client.force_login(users[username])
    assert client.get(_report_url(bcd138_year)).status_code == 403
    assert client.get(_report_url(bcd138_year) + "tables.xlsx").status_code == 403


def test_the_standing_agency_issues_the_report_others_may_not(users, bcd138_year):
    from django.core.exceptions import PermissionDenied

    from noichinh.reports import permissions

    assert permissions.can_issue_report(users["truongdonvi"], bcd138_year)
    assert permissions.can_issue_report(users["thuky"], bcd138_year)
    assert not permissions.can_issue_report(users["canbo_vks"], bcd138_year)
    assert not permissions.can_issue_report(users["lanhdao"], bcd138_year)
    # A steering committee's standing agency does not thereby draft the blocs' reports.
    q = Period.objects.get(kind=Period.QUARTER, year=2021, number=3)
    assert not permissions.can_issue_report(users["truongdonvi"], q)
    assert not permissions.reportable_bloc_ids(users["canbo_ca"], q)
    with pytest.raises(PermissionDenied):
        from noichinh.reports import services

        services.report_issue(
            actor=users["canbo_vks"],
            period=bcd138_year,
            blocs=list(bcd138_year.blocs.all()),
            number="1-BC/BCĐ",
            place="Hòa Sơn",
            issued_on=bcd138_year.end,
            summary="Tổng kết năm 2022",
        )


def test_awards_part_by_level_and_form(client, users, bcd138_year):
    client.force_login(users["truongdonvi"])
    html = client.get(_report_url(bcd138_year)).content.decode()
    assert 'data-testid="award-breakdown"' in html
    assert "Bộ trưởng Bộ Công an tặng Bằng khen cho 7 tập thể" in html
    assert "Chủ tịch UBND tỉnh tặng Bằng khen cho 9 tập thể và 1 cá nhân" in html
    assert "Giám đốc Công an tỉnh tặng Giấy khen cho 17 tập thể và 18 cá nhân" in html


def test_annual_report_compares_with_one_year(client, users, bcd138_year):
    client.force_login(users["truongdonvi"])
    html = client.get(_report_url(bcd138_year)).content.decode()
    assert "Kỳ trước" not in html
    assert "so kỳ trước" not in html
    assert "Cùng kỳ Năm 2021" in html or "Cùng kỳ năm 2021" in html


def test_annual_docx_has_awards_and_one_comparison(users, bcd138_year):
    from noichinh.reports.documents import docx_report, report
    from noichinh.reports.selectors import scope_for_blocs

    scope = scope_for_blocs(bcd138_year, list(bcd138_year.blocs.all()))
    meta = report.document_meta(None, scope, user=users["truongdonvi"])
    data = report.assemble(bcd138_year, scope, meta, with_charts=False)
    doc = Document(io.BytesIO(docx_report.build(data)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Bộ trưởng Bộ Công an tặng Bằng khen cho 7 tập thể" in text
    assert "Giám đốc Công an tỉnh tặng Giấy khen cho 17 tập thể và 18 cá nhân" in text
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    header = [c.text for c in table.rows[0].cells]
    assert len(header) == 6
    assert not any("kỳ trước" in h.lower() for h in header)


def test_a_steering_committee_report_uses_its_own_parts(client, users, bcd138_year):
    from noichinh.reports.models import CommitteePart

    parts = list(CommitteePart.objects.filter(bloc__code="BCD138").values_list("title", flat=True))
    assert len(parts) >= 3
    client.force_login(users["truongdonvi"])
    html = client.get(_report_url(bcd138_year)).content.decode()
    for number, title in enumerate(parts, 1):
        assert f"<h2>{number}. {title}</h2>" in html
    # not the blocs' sections
    assert "Công tác tiếp công dân</h2>" not in html
    assert "Công tác dân vận</h2>" not in html
    # the awards part holds the breakdown
    awards_part = html.split(f"{parts[-1]}</h2>", 1)[1]
    assert 'data-testid="award-breakdown"' in awards_part


def test_a_bloc_report_keeps_the_blocs_sections(client, users, demo_reports):
    client.force_login(users["thuky"])
    period = Period.objects.get(kind=Period.QUARTER, year=2021, number=3)
    html = client.get(_report_url(period)).content.decode()
    assert "1. Công tác tiếp công dân</h2>" in html
