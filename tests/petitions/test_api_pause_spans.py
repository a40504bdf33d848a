"""The API's due-date answer lists every suspension of a step, not only the last one."""

import datetime as dt

import pytest
import time_machine

from noichinh.petitions import services
from tests.petitions.factories import accepted_complaint

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.date(2026, 7, 1))
def test_api_lists_both_suspensions_of_a_step(users, agencies, api_client):
    u = users["canbo"]
    p = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 5, 25), decided_on=dt.date(2026, 6, 1)
    )
    p = services.petition_suspend(
        actor=u, petition=p, on=dt.date(2026, 6, 5), doc_no="5/QĐ", reason="Chờ giám định"
    )
    p = services.petition_resume(actor=u, petition=p, on=dt.date(2026, 6, 8))
    p = services.petition_suspend(
        actor=u, petition=p, on=dt.date(2026, 6, 10), doc_no="6/QĐ", reason="Chờ xác minh"
    )
    p = services.petition_resume(actor=u, petition=p, on=dt.date(2026, 6, 12))
    body = api_client.as_user(u).get(f"/api/v1/petitions/{p.pk}").json()
    step = next(d for d in body["deadlines"] if d["done_on"] is None)
    assert step["paused_spans"] == [
        {
            "from_date": "2026-06-05",
            "until": "2026-06-08",
            "days": 3,
            "decision": "5/QĐ",
            "reason": "Chờ giám định",
        },
        {
            "from_date": "2026-06-10",
            "until": "2026-06-12",
            "days": 2,
            "decision": "6/QĐ",
            "reason": "Chờ xác minh",
        },
    ]
    assert step["paused_days"] == 5
