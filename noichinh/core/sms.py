"""Text messages (SMS) through a pluggable gateway, chosen like Django's EMAIL_BACKEND.

``SMS_BACKEND`` names a class with ``send_messages(messages) -> int``; the province plugs in
its provider by writing one such class (docs/deploy.md, "Tin nhắn SMS"). Shipped here:

- ``ConsoleBackend``: prints each message (development, the default);
- ``FileBackend``: appends one JSON line per message to a file under ``SMS_FILE_PATH``;
- ``LocmemBackend``: keeps them in ``noichinh.core.sms.outbox`` (tests);
- ``DummyBackend``: drops them.

A backend raises ``SmsError`` when the gateway refuses; callers record the failure.
"""

import dataclasses
import datetime as dt
import json
import re
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

_PHONE = re.compile(r"^\+?[0-9]{8,15}$")


class SmsError(Exception):
    pass


@dataclasses.dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


def clean_number(number: str) -> str:
    """The number without spaces, dots or dashes; SmsError when it is not a phone number."""
    cleaned = re.sub(r"[\s.\-()]", "", number or "")
    if not _PHONE.match(cleaned):
        raise SmsError("Số điện thoại không hợp lệ.")
    return cleaned


class BaseBackend:
    """The interface: a provider's backend subclasses this and implements ``send_messages``."""

    def __init__(self, fail_silently: bool = False, **kwargs):
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[SmsMessage]) -> int:  # pragma: no cover
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send_messages(self, messages):
        for message in messages:
            sys.stdout.write(f"SMS tới {message.to}: {message.text}\n")
        sys.stdout.flush()
        return len(messages)


class FileBackend(BaseBackend):
    _lock = threading.Lock()

    def send_messages(self, messages):
        folder = Path(getattr(settings, "SMS_FILE_PATH", "") or Path(settings.VAR_DIR) / "sms")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{dt.date.today():%Y-%m-%d}.jsonl"
        with self._lock, path.open("a", encoding="utf-8") as out:
            for message in messages:
                line = {"to": message.to, "text": message.text, "at": dt.datetime.now().isoformat()}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return len(messages)


outbox: list[SmsMessage] = []


class LocmemBackend(BaseBackend):
    def send_messages(self, messages):
        outbox.extend(messages)
        return len(messages)


class DummyBackend(BaseBackend):
    def send_messages(self, messages):
        return len(messages)


def get_backend(**kwargs) -> BaseBackend:
    path = getattr(settings, "SMS_BACKEND", "") or "noichinh.core.sms.ConsoleBackend"
    try:
        return import_string(path)(**kwargs)
    except ImportError as exc:
        raise SmsError(f"SMS_BACKEND không tải được: {path}") from exc


def send_sms(*, to: str, text: str) -> int:
    """Send one text message through the configured backend; the number of messages sent."""
    message = SmsMessage(to=clean_number(to), text=text)
    return get_backend().send_messages([message])
