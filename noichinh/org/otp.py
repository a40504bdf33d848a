"""The second factor (django-otp): a TOTP app, and recovery codes from its static-token plugin.

Write actions, kept apart from services.py but following its rules: keyword-only, one
transaction, the audit entry written here. A recovery code works once.
"""

import math

from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from noichinh.core import audit, clock

RECOVERY_CODES = 10
TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def has_second_factor(user) -> bool:
    return bool(user and user.is_authenticated and user_has_device(user, confirmed=True))


def pending_totp_device(user) -> TOTPDevice:
    """The app being enrolled: the unconfirmed device, made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def seconds_to_wait(user) -> int:
    """After wrong codes each device makes the next try wait (1, 2, 4… seconds): how long."""
    now = clock.now()
    wait = 0
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            allowed, data = device.verify_is_allowed()
            if not allowed and data and data.get("locked_until"):
                wait = max(wait, math.ceil((data["locked_until"] - now).total_seconds()))
    return wait


def _normalise(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()


@transaction.atomic
def totp_confirm(*, actor, device: TOTPDevice, token: str) -> list[str] | None:
    """Turn the app on once it shows a right code; returns the first recovery codes."""
    if device.user_id != actor.pk or device.confirmed:
        return None
    if not device.verify_token(_normalise(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor=actor, action="otp_enrol", obj=actor, changes={"device": device.name})
    return _new_recovery_codes(actor)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def recovery_codes_renew(*, actor) -> list[str]:
    """New recovery codes (shown once); the old ones stop working."""
    codes = _new_recovery_codes(actor)
    audit.record(actor=actor, action="otp_recovery_renew", obj=actor)
    return codes


@transaction.atomic
def second_factor_disable(*, actor) -> None:
    TOTPDevice.objects.filter(user=actor).delete()
    StaticDevice.objects.filter(user=actor).delete()
    audit.record(actor=actor, action="otp_disable", obj=actor)


@transaction.atomic
def second_factor_verify(*, user, token: str):
    """The device that accepts ``token`` (the app's code or an unused recovery code), or None.

    Each device throttles its own failures (django-otp's ThrottlingMixin: a growing delay
    after each wrong code), so guessing a six-digit code is slow."""
    token = _normalise(token)
    if not token:
        return None
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            audit.record(
                actor=user,
                action="otp_recovery_used",
                obj=user,
                changes={"left": device.token_set.count()},
            )
            return device
    return None
