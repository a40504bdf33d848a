"""The as-of supervision list shows each case's stage and limit on that date (issue 23 §2)."""

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from noichinh.cases import selectors, services
from noichinh.cases.models import CaseStage
from noichinh.core.formats import vn_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved_on_case(case_factory, users, agencies):
    """Investigated from 01/02/2025, extended on 01/05/2025, indicted from 01/09/2025."""
    case = case_factory(title="Vụ án đã chuyển truy tố", arisen_on=dt.date(2025, 1, 1))
    services.supervision_record(
        actor=users["thuky"], case=case, kind="add", number="9-QĐ/TU", date=dt.date(2025, 1, 15)
    )
    stage = services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.INVESTIGATION,
        agency=agencies["CA"],
        started_on=dt.date(2025, 2, 1),
    )
    first_due = stage.due_on
    extension = services.stage_extend(
        actor=users["thuky"], stage=stage, decision_number="1/QĐ", decision_date=dt.date(2025, 5, 1)
    )
    services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.INDICTMENT,
        agency=agencies["VKS"],
        started_on=dt.date(2025, 9, 1),
    )
    return case, first_due, extension.due_on


def _row(client, day):
    response = client.get(reverse("cases:case_list"), {"on_list": vn_date(day)})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    rows = [
        r for r in doc.xpath('//tr[@data-testid="case-row"]') if "đã chuyển" in r.text_content()
    ]
    assert len(rows) == 1
    return [" ".join(td.text_content().split()) for td in rows[0].xpath("./td")]


def test_the_list_as_of_a_past_date_shows_that_dates_stage_and_limit(client, users, moved_on_case):
    case, first_due, extended_due = moved_on_case
    assert first_due and extended_due and first_due != extended_due
    client.force_login(users["thuky"])
    march = _row(client, dt.date(2025, 3, 1))
    assert "Điều tra" in march[2] and "Truy tố" not in march[2]
    assert vn_date(first_due) in march[3] and vn_date(extended_due) not in march[3]
    june = _row(client, dt.date(2025, 6, 1))
    assert "Điều tra" in june[2]
    assert vn_date(extended_due) in june[3]
    october = _row(client, dt.date(2025, 10, 1))
    assert "Truy tố" in october[2]
    assert "theo dõi" in october[6]


def test_the_case_timeline_is_in_date_order(moved_on_case, users):
    case, _first, _extended = moved_on_case
    days = [event["date"] for event in selectors.timeline(case)]
    assert days == sorted(days)
