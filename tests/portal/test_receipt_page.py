"""The receipt a sender keeps: the code in groups, a QR code of the follow-up page, and a PDF
with the agency, receipt number, date, legal time limit and how to follow up."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _send(client, agencies):
    response = client.post(
        "/portal/gui-don/",
        {
            "type": "complaint",
            "agency": agencies["TTT"].pk,
            "field": "land",
            "content": "Khiếu nại quyết định thu hồi đất.",
            "sender_name": "Lê Văn Công Khai",
            "sender_address": "Thôn Đông",
        },
    )
    assert response.status_code == 302
    return client.get(response["Location"])


def test_receipt_shows_code_qr_deadline_and_how_to_follow_up(client, agencies, settings):
    settings.PUBLIC_BASE_URL = "https://tiepcongdan.example.gov.vn"
    page = _send(client, agencies).content.decode()
    code = re.search(r'data-testid="receipt-code">([^<]+)<', page).group(1)
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){6}", code)
    assert 'data-testid="receipt-qr"' in page and "data:image/svg+xml;base64," in page
    assert "Hạn xử lý đơn theo quy định" in page and "Thanh tra tỉnh" in page
    assert "https://tiepcongdan.example.gov.vn/portal/tra-cuu/" in page
    assert "chữ O đọc là số 0" in page


def test_the_qr_code_leads_to_the_lookup_page_with_the_code_after_the_hash(agencies):
    import base64

    from noichinh.petitions.models import Petition
    from noichinh.portal import receipt, services

    petition, code = services.portal_submit(
        agency=agencies["TTT"],
        type="complaint",
        content="Khiếu nại.",
        sender_name="A",
        sender_address="B",
    )
    context = receipt.context(Petition.objects.get(pk=petition.pk), code)
    svg = base64.b64decode(context["qr"].split(",", 1)[1]).decode()
    assert svg.startswith("<?xml") and "<svg" in svg and "path" in svg
    assert context["follow_up_url"].endswith("/portal/tra-cuu/")


def test_the_pdf_receipt_is_a_pdf_of_the_printed_receipt(client, agencies, monkeypatch):
    from django.template import loader

    from noichinh.petitions.models import Petition

    _send(client, agencies)
    rendered = []
    real = loader.render_to_string

    def spy(name, context=None, *args, **kwargs):
        html = real(name, context, *args, **kwargs)
        rendered.append(html)
        return html

    monkeypatch.setattr("noichinh.portal.receipt.render_to_string", spy)
    response = client.get("/portal/da-gui/bien-nhan.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    petition = Petition.objects.get()
    html = rendered[0]
    assert "GIẤY BIÊN NHẬN ĐƠN" in html and petition.receipt_no in html
    assert "Thanh tra tỉnh" in html and "Hạn xử lý đơn theo quy định" in html
    assert "Cách theo dõi đơn" in html and 'data-testid="receipt-code"' in html


def test_no_pdf_receipt_without_the_sending_session(client, org):
    response = client.get("/portal/da-gui/bien-nhan.pdf")
    assert response.status_code == 302 and response["Location"].endswith("/portal/tra-cuu/")
