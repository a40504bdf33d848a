"""A real SMTP server for tests (aiosmtpd), started and stopped by the test.

Use the ``smtp_server`` fixture: Django's SMTP backend is pointed at it for the test, and
``smtp_server.messages`` holds every message received, parsed (``email.message.EmailMessage``),
with ``smtp_server.wait_for(count)`` to wait until that many have arrived.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collector:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._cond = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self._cond:
            self.messages.append(msg)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self._cond.notify_all()
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30.0) -> list:
        """Wait until ``count`` messages have arrived (or fail after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} e-mails at the SMTP server, got {len(self.messages)}"
                    )
                self._cond.wait(left)
            return list(self.messages)

    def to(self, address: str) -> list:
        """The messages whose envelope was addressed to ``address``."""
        return [
            m for m, (_, rcpt) in zip(self.messages, self.envelopes, strict=True) if address in rcpt
        ]

    @staticmethod
    def text(msg) -> str:
        """The whole readable text of a message (subject and every text part)."""
        parts = [str(msg["Subject"] or "")]
        for part in msg.walk():
            if part.get_content_type() in ("text/plain", "text/html"):
                parts.append(part.get_content())
        return "\n".join(parts)


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    collector = _Collector()
    port = _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield collector
    finally:
        controller.stop()
