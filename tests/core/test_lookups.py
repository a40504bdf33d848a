"""``field__in_literal`` (core.lookups): the states written into the SQL, and nothing else."""

import pytest

from noichinh.petitions.models import Petition
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db


def test_in_literal_filters_like_in_with_the_values_in_the_sql(users, agencies):
    made = make_petition(users["canbo"], agencies["TTT"], content="Đơn về đất đai")
    qs = Petition.objects.filter(state__in_literal=("received", "classified"))
    assert list(qs) == list(Petition.objects.filter(state__in=("received", "classified")))
    assert made in qs
    assert not Petition.objects.filter(state__in_literal=("archived",)).exists()
    sql, params = qs.query.sql_with_params()
    assert "IN ('received', 'classified')" in sql and "received" not in params


@pytest.mark.parametrize("values", [("x') OR 1=1 --",), ("Received",), (), (3,)])
def test_in_literal_refuses_anything_but_code_words(values):
    with pytest.raises(ValueError):
        list(Petition.objects.filter(state__in_literal=values))
