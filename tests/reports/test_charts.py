"""Issue 17 §4: charts people can read — a register indicator's chart by agency has data,
axes never read "-0", a breakdown is drawn only for two agencies or more."""

import io

import pytest
from PIL import Image

from noichinh.reports import selectors
from noichinh.reports.documents import charts, report
from noichinh.reports.models import Indicator, Period


@pytest.fixture
def bcd138_year(demo_reports):
    from noichinh.devdata.demo import briefings as briefings_demo

    briefings_demo.load(demo_reports)
    return Period.objects.get(kind=Period.YEAR, year=2022, blocs__code="BCD138")


def test_register_indicator_by_agency_has_data(bcd138_year):
    scope = selectors.scope_for_blocs(bcd138_year, list(bcd138_year.blocs.all()))
    ind = Indicator.objects.get(code="awards.collectives")
    rows = selectors.breakdown_by_agency(bcd138_year, scope, ind)
    assert rows, "the register's figure is split by the agencies of the scope"
    assert sum(v for _a, v in rows) == 33  # 7 + 9 + 17 collectives in 2022
    values = [v for _a, v in rows]
    assert values == sorted(values, reverse=True) and all(v > 0 for v in values)


def test_register_chart_by_agency_through_the_page(client, users, bcd138_year):
    client.force_login(users["truongdonvi"])
    url = f"/reports/periods/{bcd138_year.pk}/chart/agencies.png?indicator=awards.collectives"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.width > 300
    client.force_login(users["canbo_vks"])
    assert client.get(url).status_code == 403


def test_axis_ticks_never_read_minus_zero():
    assert charts.tick(-0.0) == "0"
    assert charts.tick(-0.04) == "0"
    assert charts.tick(7240) == "7.240"
    assert charts.tick(2.5) == "2,5"


def test_empty_charts_say_so_instead_of_empty_axes():
    png = charts.breakdown_png("Lượt tiếp công dân", [], "lượt")
    assert Image.open(io.BytesIO(png)).format == "PNG"
    png = charts.trend_png("Lượt tiếp công dân", [("Quý I/2022", None), ("Quý II/2022", 0)])
    assert Image.open(io.BytesIO(png)).format == "PNG"


def test_no_breakdown_chart_for_a_single_agency(demo_reports):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    scope = selectors.scope_for_blocs(period, list(period.blocs.all()))
    agg = selectors.aggregate(period, scope)
    for row in selectors.chart_indicators(agg):
        if not row.indicator.is_computed:
            row.agencies = 1  # as if one agency had reported each entered figure
    captions = [caption for caption, _png in report.build_charts(agg)]
    assert not any("theo cơ quan" in c for c in captions)
    # with two agencies or more, the breakdown is there
    agg = selectors.aggregate(period, scope)
    captions = [caption for caption, _png in report.build_charts(agg)]
    assert any("theo cơ quan" in c for c in captions)


def test_the_same_charts_are_drawn_once(demo_reports, monkeypatch):
    """Issue 21: two matplotlib charts were ≈250 ms of every DOCX build; a chart of the same
    figures is drawn once and its PNG reused (an issued version's figures do not change)."""
    period = Period.objects.get(kind="Q", year=2022, number=2)
    scope = selectors.scope_for_blocs(period, list(period.blocs.all()))
    agg = selectors.aggregate(period, scope)
    charts.drawn.cache_clear()
    first = report.build_charts(agg)
    assert first
    drawn = []
    real = charts._png
    monkeypatch.setattr(charts, "_png", lambda fig: drawn.append(1) or real(fig))
    again = report.build_charts(selectors.aggregate(period, scope))
    assert again == first
    assert drawn == []
    # Other figures are drawn anew.
    other = charts.drawn("trend", "Chỉ tiêu khác", (("Quý 1", 3), ("Quý 2", 4)), "vụ")
    assert drawn == [1] and other.startswith(b"\x89PNG")
