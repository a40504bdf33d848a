"""Two officers receiving petitions at the same moment both get a number."""

import datetime as dt

import pytest

from noichinh.petitions import services
from noichinh.petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_a_taken_automatic_number_moves_on_to_the_next_free_one(users, agencies, monkeypatch):
    officer, agency = users["canbo"], agencies["TTT"]
    first = services.petition_create(
        actor=officer, agency=agency, received_on=dt.date(2026, 11, 2), content="Kiến nghị về đường"
    )
    # Simulate the race: the number lookup still answers the number the other officer just took.
    real = services.next_receipt_no
    calls = []

    def stale(agency_, year):
        calls.append(year)
        return first.receipt_no if len(calls) == 1 else real(agency_, year)

    monkeypatch.setattr(services.intake, "next_receipt_no", stale)
    second = services.petition_create(
        actor=officer, agency=agency, received_on=dt.date(2026, 11, 2), content="Phản ánh về chợ"
    )
    assert second.receipt_no != first.receipt_no
    assert Petition.objects.filter(agency=agency).count() == 2


def test_a_number_typed_by_hand_that_is_taken_is_refused(users, agencies):
    from django.core.exceptions import ValidationError

    officer, agency = users["canbo"], agencies["TTT"]
    first = services.petition_create(
        actor=officer, agency=agency, received_on=dt.date(2026, 11, 2), content="Kiến nghị về đường"
    )
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        services.petition_create(
            actor=officer,
            agency=agency,
            received_on=dt.date(2026, 11, 2),
            content="Khác",
            receipt_no=first.receipt_no,
        )
