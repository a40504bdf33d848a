"""The test SMTP server receives what Django's SMTP backend sends."""

from django.core.mail import send_mail


def test_mail_reaches_the_local_smtp_server(smtp_server):
    send_mail("Thông báo", "Nội dung thử", "noreply@noichinh.test", ["can.bo@noichinh.test"])
    [msg] = smtp_server.wait_for(1)
    assert msg["Subject"] == "Thông báo"
    assert smtp_server.to("can.bo@noichinh.test") == [msg]
    assert "Nội dung thử" in smtp_server.text(msg)
