"""Browser: a head of agency, who may reveal identities, must turn on two-factor authentication
at the first login, then logs in with the code (here a recovery code, as without the phone)."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password_step(page, username):
    page.context.clear_cookies()
    page.goto(page.base + "/login/")
    assert page.locator("input[name=token]").count() == 0  # no code asked on the login page
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")


def test_head_enrols_at_first_login_then_logs_in_with_a_recovery_code(org, page, settings):
    settings.OTP_REQUIRED = True
    _password_step(page, "truongdonvi")
    page.wait_for_selector("[data-testid=otp-required]")
    secret = page.locator("[data-testid=totp-secret]").inner_text()
    page.fill("#token", f"{totp(base64.b32decode(secret)):06d}")
    page.click("form:has(#token) button[type=submit]")
    expect(page.locator("[data-testid=recovery-codes] code")).to_have_count(10)
    codes = page.locator("[data-testid=recovery-codes] code").all_inner_texts()
    page.click("text=Tiếp tục")
    page.wait_for_selector("[data-testid=whoami]")
    assert page.url.rstrip("/") == page.base

    _password_step(page, "truongdonvi")
    page.wait_for_selector("#id_token")
    page.fill("#id_token", codes[0])
    page.click("form.login button[type=submit]")
    page.wait_for_selector("[data-testid=whoami]")
    assert "/login/" not in page.url and "/org/2fa/" not in page.url


def test_leadership_is_not_asked_for_a_second_factor(org, page, settings):
    settings.OTP_REQUIRED = True
    _password_step(page, "lanhdao")
    page.wait_for_selector("[data-testid=whoami]")
    assert page.url.rstrip("/") == page.base
