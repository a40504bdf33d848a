import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture
def catalogue(db):
    from noichinh.reports.seed import ensure_catalogue

    ensure_catalogue()


@pytest.fixture
def demo_reports(org, catalogue):
    """The reports demo: Q3/2021 and Q2/2022 with approved figures, other closed periods."""
    from noichinh.devdata.demo import reports as demo

    demo.load(org)
    return org


@pytest.fixture
def q3_2022(demo_reports, users):
    """Quý III/2022 opened by the secretariat for the khối Nội chính and khối Dân vận."""
    from noichinh.reports import services
    from noichinh.reports.models import Period, ReportType

    blocs = demo_reports["blocs"]
    return services.period_create(
        actor=users["thuky"],
        report_type=ReportType.objects.get(code="party_briefing"),
        kind=Period.QUARTER,
        year=2022,
        number=3,
        due=dt.date(2022, 9, 20),
        blocs=[blocs["NOI_CHINH"], blocs["DAN_VAN"]],
        open_now=True,
    )


def D(v):
    return Decimal(str(v))
