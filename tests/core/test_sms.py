"""SMS through a pluggable gateway: SMS_BACKEND names the class, like EMAIL_BACKEND."""

import json

import pytest

from noichinh.core import sms


def test_file_backend_writes_one_json_line_per_message(settings, tmp_path):
    settings.SMS_BACKEND = "noichinh.core.sms.FileBackend"
    settings.SMS_FILE_PATH = tmp_path / "sms"
    sent = sms.send_sms(to="0912 345 678", text="Đơn số 12/2026 đã được thụ lý.")
    sms.send_sms(to="+84987000111", text="Đơn số 13/2026 đã được trả lời.")
    assert sent == 1
    files = list((tmp_path / "sms").iterdir())
    assert len(files) == 1
    lines = [json.loads(line) for line in files[0].read_text(encoding="utf-8").splitlines()]
    assert [line["to"] for line in lines] == ["0912345678", "+84987000111"]
    assert lines[0]["text"] == "Đơn số 12/2026 đã được thụ lý."


def test_console_backend_prints_the_message(settings, capsys):
    settings.SMS_BACKEND = "noichinh.core.sms.ConsoleBackend"
    sms.send_sms(to="0912345678", text="Đơn số 12/2026 đã được chuyển.")
    out = capsys.readouterr().out
    assert "0912345678" in out and "Đơn số 12/2026 đã được chuyển." in out


def test_locmem_backend_keeps_an_outbox(settings):
    settings.SMS_BACKEND = "noichinh.core.sms.LocmemBackend"
    sms.outbox.clear()
    sms.send_sms(to="0912345678", text="Thử")
    assert [(m.to, m.text) for m in sms.outbox] == [("0912345678", "Thử")]


def test_a_number_that_is_not_a_phone_number_is_refused(settings):
    settings.SMS_BACKEND = "noichinh.core.sms.LocmemBackend"
    with pytest.raises(sms.SmsError):
        sms.send_sms(to="gọi tôi", text="Thử")


def test_an_unknown_backend_fails_loudly(settings):
    settings.SMS_BACKEND = "noichinh.core.sms.NoSuchBackend"
    with pytest.raises(sms.SmsError):
        sms.send_sms(to="0912345678", text="Thử")
