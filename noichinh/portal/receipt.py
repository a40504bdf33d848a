"""The receipt a sender keeps: agency, receipt number, date, legal time limit, how to follow up,
the receipt code and a QR code of the follow-up page, as a page and as a PDF (WeasyPrint).

The QR code holds the follow-up page's address with the code after ``#``: a fragment is never
sent to the server (nor written to its logs); the lookup page's script copies it into the
field, and without scripts the code printed beside the QR code is typed in."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from noichinh.core import clock


def follow_up_url() -> str:
    return settings.PUBLIC_BASE_URL + reverse("portal:lookup")


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=6)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def context(petition, code: str) -> dict:
    from noichinh.portal.selectors import rule_names

    step = petition.deadlines.filter(done_on__isnull=True).order_by("-id").first()
    return {
        "petition": petition,
        "code": code,
        "qr": qr_data_uri(f"{follow_up_url()}#{code}"),
        "follow_up_url": follow_up_url(),
        "step_name": rule_names().get(step.rule, "") if step else "",
        "printed_at": clock.now(),
    }


def pdf(petition, code: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("portal/receipt_print.html", context(petition, code))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
