"""Every page of the petitions and portal areas says which methods it takes (issue 22 §4): a GET
to a page that only takes a POST answers 405, never a 500, and no GET changes anything."""

import datetime as dt

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from noichinh.core.models import AuditEntry
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def _patterns(namespace):
    resolver = get_resolver().namespace_dict[namespace][1]
    out = []

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern) and p.name:
                out.append(p)

    walk(resolver.url_patterns)
    return out


def _kwargs(pattern, pk):
    converters = pattern.pattern.converters
    return {
        name: (pk if type(conv).__name__ == "IntConverter" else "x")
        for name, conv in converters.items()
    }


@pytest.mark.parametrize("namespace", ["petitions", "portal"])
@time_machine.travel(TODAY)
def test_a_get_to_any_page_is_answered_and_changes_nothing(client, users, agencies, namespace):
    petition = make_petition(users["canbo"], agencies["TTT"])
    client.force_login(users["truong_tt"])
    before = AuditEntry.objects.count()
    seen = []
    for pattern in _patterns(namespace):
        url = reverse(f"{namespace}:{pattern.name}", kwargs=_kwargs(pattern, petition.pk))
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        seen.append((pattern.name, response.status_code))
    assert AuditEntry.objects.count() == before, seen
    assert len(seen) > 10


@pytest.mark.parametrize("namespace", ["petitions", "portal"])
def test_a_post_only_page_answers_a_get_with_405(client, users, agencies, namespace):
    """A page that takes only a POST is declared so (``require_POST``): a GET gets 405."""
    from django.test import RequestFactory

    petition = make_petition(users["canbo"], agencies["TTT"])
    factory = RequestFactory()
    checked = 0
    for pattern in _patterns(namespace):
        kwargs = _kwargs(pattern, petition.pk)
        url = reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)
        put = factory.generic("PUT", url)
        put.user = users["truong_tt"]
        put.session = client.session
        # Every page refuses a method it does not take (PUT is taken by none).
        assert pattern.callback(put, **kwargs).status_code == 405, url
        checked += 1
    assert checked > 10
