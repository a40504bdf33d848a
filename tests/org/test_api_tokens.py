"""Personal API tokens expire, say so when issued, and die with the password they came with."""

import datetime as dt
import importlib
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

ISSUED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PATH = "/api/v1/org/agencies"


def _issue(user):
    from noichinh.org.models import ApiToken

    return ApiToken.issue(user)


def _get(client, key):
    return client.get(PATH, headers={"Authorization": f"Bearer {key}"})


def test_a_token_works_until_its_expiry_then_is_refused(client, users, settings):
    settings.API_TOKEN_DAYS = 90
    with time_machine.travel(ISSUED, tick=False):
        token, key = _issue(users["canbo"])
    assert token.expires_at == ISSUED + dt.timedelta(days=90)
    with time_machine.travel(ISSUED + dt.timedelta(days=89, hours=23), tick=False):
        assert _get(client, key).status_code == 200
    with time_machine.travel(ISSUED + dt.timedelta(days=90, seconds=1), tick=False):
        assert _get(client, key).status_code == 401


def test_the_lifetime_is_a_setting(client, users, settings):
    settings.API_TOKEN_DAYS = 7
    with time_machine.travel(ISSUED, tick=False):
        _token, key = _issue(users["canbo"])
    with time_machine.travel(ISSUED + dt.timedelta(days=8), tick=False):
        assert _get(client, key).status_code == 401


def test_the_expiry_is_shown_when_the_token_is_issued(users, settings):
    settings.API_TOKEN_DAYS = 90
    out, err = StringIO(), StringIO()
    with time_machine.travel(ISSUED, tick=False):
        call_command("create_api_token", "canbo", stdout=out, stderr=err)
    assert out.getvalue().strip().startswith("nc_")  # stdout: the key alone, for scripts
    # 2026-05-31 09:00 UTC is 16:00 in Hà Nội.
    assert "Mã hết hạn lúc 31/05/2026 16:00" in err.getvalue()


def test_a_token_without_an_expiry_is_refused(client, users):
    from noichinh.org.models import ApiToken

    token, key = _issue(users["canbo"])
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
    assert _get(client, key).status_code == 401


def test_changing_the_password_on_the_password_page_revokes_the_tokens(client, users):
    _token, key = _issue(users["canbo"])
    _other, other_key = _issue(users["thuky"])
    assert _get(client, key).status_code == 200
    client.force_login(users["canbo"])
    response = client.post(
        "/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Mat-khau-moi-2026!",
            "new_password2": "Mat-khau-moi-2026!",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert _get(client, key).status_code == 401
    assert _get(client, other_key).status_code == 200  # someone else's token is untouched


def test_a_password_set_anywhere_else_revokes_the_tokens_too(client, users):
    """The admin's password form and `changepassword` both end in set_password() + save()."""
    _token, key = _issue(users["canbo"])
    user = users["canbo"]
    user.set_password("Mat-khau-khac-2026!")
    user.save()
    assert _get(client, key).status_code == 401


def test_saving_a_user_without_a_new_password_keeps_the_tokens(client, users):
    _token, key = _issue(users["canbo"])
    user = users["canbo"]
    user.full_name = "Trần Văn Bình (đổi tên)"
    user.save()
    assert _get(client, key).status_code == 200


def test_tokens_issued_before_expiry_existed_get_one_from_their_issue_date(users, settings):
    from django.apps import apps

    from noichinh.org.models import ApiToken

    settings.API_TOKEN_DAYS = 90
    token, _key = _issue(users["canbo"])
    created = timezone.now() - dt.timedelta(days=100)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None, created_at=created)
    migration = importlib.import_module("noichinh.org.migrations.0004_auth_apitoken_expiry_for_existing")
    migration.give_expiry(apps, None)
    token.refresh_from_db()
    assert token.expires_at == created + dt.timedelta(days=90)
