import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from noichinh.petitions import figures, permissions, services
from noichinh.petitions.models import Petition, Visit
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_q3_2021_has_more_than_7000_visits(org):
    from noichinh.devdata.demo import petitions as demo

    demo.load(org)
    counts = (Visit.objects.count(), Petition.objects.count())
    demo.load(org)
    assert (Visit.objects.count(), Petition.objects.count()) == counts
    n = figures.FIGURES["reception.visits"](
        agency_ids=None, unit_ids=None, start=dt.date(2021, 7, 1), end=dt.date(2021, 9, 30)
    )
    assert n > 7000
    assert Petition.objects.filter(duplicate_of__isnull=False).exists()
    assert Petition.objects.filter(is_mass=True).exists()
    assert Petition.objects.filter(is_over_level=True).exists()
    assert (
        Petition.objects.filter(type="denunciation", sender_name="")
        .exclude(sealed_identity="")
        .exists()
    )


def test_secretariat_sees_bloc_agencies_but_does_not_handle(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    thuky = users["thuky"]
    assert permissions.can_view_petition(thuky, p)
    assert p in permissions.visible_petitions(thuky)
    assert not permissions.can_handle_petition(thuky, p)
    with pytest.raises(PermissionDenied):
        services.petition_classify(
            actor=thuky,
            petition=p,
            type="complaint",
            field="land",
            meets_conditions=True,
            in_competence=True,
        )


def test_outside_bloc_officer_sees_nothing(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    assert not permissions.can_view_petition(users["canbo_dv"], p)
    assert p not in permissions.visible_petitions(users["canbo_dv"])


def test_head_sees_subordinate_agency_petitions(users, agencies):
    p = make_petition(users["canbo_ca"], agencies["CA-HS-PB"], received_on=dt.date(2025, 1, 20))
    assert permissions.can_view_petition(users["truongdonvi"], p)
    assert permissions.can_handle_petition(users["truongdonvi"], p)
    assert not permissions.can_handle_petition(users["canbo"], p)


def test_figures_follow_the_contract_signature(users, agencies):
    make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2025, 1, 20))
    for code, fn in figures.FIGURES.items():
        value = fn(
            agency_ids={agencies["TTT"].pk},
            unit_ids=None,
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 3, 31),
        )
        assert isinstance(value, int), code
    assert (
        figures.FIGURES["petitions.received"](
            agency_ids={agencies["CA"].pk},
            unit_ids=None,
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 3, 31),
        )
        == 0
    )
