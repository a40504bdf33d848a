"""Browser: S1 (seed 001) in the bloc report. The article says the province received "trên
7.000 lượt" in Q3/2021; the reception books of every agency hold 7.240 visits. The
secretariat's Q3/2021 bloc report shows that figure, computed from the register for the
whole province (not only the bloc's member agencies), under a name distinct from the
number of people received, and the secretariat's figures page agrees."""

import datetime as dt

import pytest

from noichinh.core.formats import vn_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s1_data(org):
    from noichinh.devdata.demo import petitions as petitions_demo
    from noichinh.devdata.demo import reports as reports_demo

    petitions_demo.load(org)
    reports_demo.load(org)
    return org


def test_s1_bloc_report_shows_the_provinces_visits_from_the_register(s1_data, page, login_as):
    from noichinh.petitions.models import Visit
    from noichinh.reports import selectors
    from noichinh.reports.models import Period

    start, end = dt.date(2021, 7, 1), dt.date(2021, 9, 30)
    province = Visit.objects.filter(visited_on__range=(start, end)).count()
    people = sum(
        Visit.objects.filter(visited_on__range=(start, end)).values_list("people_count", flat=True)
    )
    assert province > 7000
    period = Period.objects.get(kind="Q", year=2021, number=3, report_type__code="party_briefing")
    members = selectors.scope_for_blocs(period, list(period.blocs.all())).agency_ids
    assert Visit.objects.filter(visited_on__range=(start, end), agency_id__in=members).count() < (
        province
    )  # the bloc's agencies alone would under-report

    page.context.set_default_timeout(60_000)
    login_as("thuky")
    page.goto(f"{page.base}/reports/periods/{period.pk}/report/")
    rows = page.locator("[data-testid=section-table] tbody tr")
    visits = rows.filter(has_text="Lượt tiếp công dân (toàn tỉnh)")
    assert visits.count() == 1
    cells = visits.locator("td")
    assert cells.nth(2).inner_text() == "lượt"
    assert cells.nth(3).inner_text() == vn_number(province)
    # The number of people received is a figure of its own, never mixed with the visits.
    people_row = rows.filter(has_text="Số người được tiếp (lượt người) (toàn tỉnh)")
    assert people_row.locator("td").nth(3).inner_text() == vn_number(people)
    # No register record before Q3/2021: its comparisons say "—", not 0 and "+7.240".
    assert cells.nth(6).inner_text() == "—" and cells.nth(7).inner_text() == "—"

    # The secretariat's figures page shows the same province figure.
    page.goto(f"{page.base}/petitions/figures/?from=01/07/2021&to=30/09/2021")
    shown = page.locator("[data-testid='figure-reception.visits'] [data-testid=value]")
    assert shown.inner_text() == vn_number(province)
