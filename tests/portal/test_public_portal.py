"""The public portal: no account, Vietnamese, plain forms (no JavaScript), receipt codes,
rate limits, file limits, anonymous denunciations."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from noichinh.petitions.models import Petition
from noichinh.portal import codes
from noichinh.portal.models import PortalAccess, PortalMessage, code_hash
from tests.portal.conftest import CONTENT, IDENTITY, pdf

pytestmark = pytest.mark.django_db


def _form(agencies, **extra):
    data = {
        "type": "complaint",
        "agency": agencies["BTCD"].pk,
        "field": "land",
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": "Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND.",
        "sender_name": "Lê Văn Công Khai",
        "sender_address": "Thôn Đông, xã Hòa Bình",
        "sender_phone": "0987000111",
    }
    data.update(extra)
    return data


def _submit(client, agencies, **extra):
    response = client.post("/portal/gui-don/", _form(agencies, **extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    return re.search(r'data-testid="receipt-code">([^<]+)<', page.content.decode()).group(1), page


def test_portal_pages_need_no_account_and_are_vietnamese(client, org):
    for url in ["/portal/", "/portal/gui-don/", "/portal/tra-cuu/"]:
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert 'lang="vi"' in body
        # Works without JavaScript; the one script is a file of the site (nothing inline).
        assert re.findall(r"<script[^>]*>", body) == ['<script src="/static/js/portal.js" defer>']
        assert "style=" not in body
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_default_agency_is_the_citizen_reception_board(client, agencies):
    form = client.get("/portal/gui-don/").context["form"]
    assert form.fields["agency"].initial == agencies["BTCD"].pk


def test_portal_explains_what_the_law_allows_for_anonymous_denunciations(client, org):
    body = client.get("/portal/gui-don/").content.decode()
    assert "Điều 25 Luật Tố cáo năm 2018" in body
    assert "không được thụ lý, giải quyết như một tố cáo" in body


def test_submission_creates_a_portal_petition_and_a_receipt_code(client, agencies):
    code, page = _submit(client, agencies)
    petition = Petition.objects.get()
    assert petition.channel == "portal" and petition.agency == agencies["BTCD"]
    assert petition.next_due is not None
    assert len(code) >= 22
    access = PortalAccess.objects.get()
    assert access.code_hash == code_hash(codes.normalise(code)) and code not in access.code_hash
    # The code is shown once only.
    assert client.get("/portal/da-gui/").status_code == 302


def test_codes_are_random(client, agencies):
    first, _ = _submit(client, agencies)
    second, _ = _submit(client, agencies, content="Nội dung khác hẳn.")
    assert first != second


def test_citizen_reads_status_answer_and_replies_with_the_code(client, agencies, users):
    from noichinh.portal import services

    code, _ = _submit(client, agencies)
    client.post("/portal/thoat/")
    petition = Petition.objects.get()
    services.portal_answer(
        actor=users["canbo_tcd"],
        petition=petition,
        kind="question",
        text="Đề nghị bổ sung bản sao QĐ.",
    )
    response = client.post("/portal/tra-cuu/", {"code": f"  {code} "})
    assert response.status_code == 302
    body = client.get("/portal/ho-so/").content.decode()
    assert "Đề nghị bổ sung bản sao QĐ." in body
    assert agencies["BTCD"].name in body
    assert petition.next_due.strftime("%d/%m/%Y") in body
    response = client.post(
        "/portal/ho-so/phan-hoi/", {"text": "Tôi gửi kèm bản sao.", "files": [pdf("qd.pdf")]}
    )
    assert response.status_code == 302
    reply = PortalMessage.objects.get(kind="reply")
    assert reply.petition == petition and petition.attachments.count() == 1


def _strip(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def test_wrong_unknown_and_malformed_codes_get_the_same_answer_and_work(client, agencies):
    code, _ = _submit(client, agencies)
    client.post("/portal/thoat/")
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    bodies, queries = [], []
    for attempt in [wrong, "x" * len(code), "không-phải-mã", ""]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.post("/portal/tra-cuu/", {"code": attempt})
        assert response.status_code == 200
        bodies.append(_strip(response.content.decode()))
        queries.append(len([q for q in ctx.captured_queries if "portal_portalaccess" in q["sql"]]))
    assert len(set(bodies)) == 1
    assert "Mã tra cứu không đúng hoặc không tồn tại" in bodies[0]
    assert queries == [1, 1, 1, 1]


def test_lookups_are_rate_limited_per_address(client, agencies, settings):
    settings.PORTAL_RATE_LIMITS = {"lookup_ip": (3, 600)}
    for _ in range(3):
        assert client.post("/portal/tra-cuu/", {"code": "sai"}).status_code == 200
    assert client.post("/portal/tra-cuu/", {"code": "sai"}).status_code == 429


def test_lookups_are_rate_limited_per_code(client, agencies, settings):
    code, _ = _submit(client, agencies)
    settings.PORTAL_RATE_LIMITS = {"code": (2, 600)}
    for n in range(2):
        response = client.post("/portal/tra-cuu/", {"code": code}, REMOTE_ADDR=f"10.0.0.{n + 1}")
        assert response.status_code == 302
    assert (
        client.post("/portal/tra-cuu/", {"code": code}, REMOTE_ADDR="10.0.0.9").status_code == 429
    )


def test_submissions_are_rate_limited_per_address(client, agencies, settings):
    settings.PORTAL_RATE_LIMITS = {"submit_ip": (1, 3600)}
    _submit(client, agencies)
    assert client.post("/portal/gui-don/", _form(agencies)).status_code == 429
    assert Petition.objects.count() == 1


@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "chỉ nhận các loại"),
        (SimpleUploadedFile("gia.pdf", b"<html>not a pdf</html>"), "nội dung không đúng loại"),
        (SimpleUploadedFile("lon.pdf", b"%PDF" + b"0" * 2048), "lớn hơn"),
    ],
)
def test_bad_attachments_are_refused_with_a_clear_message_and_nothing_is_saved(
    client, agencies, settings, upload, message
):
    settings.PORTAL_MAX_FILE_BYTES = 1024
    response = client.post("/portal/gui-don/", _form(agencies, files=[upload]))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Lê Văn Công Khai" in body  # the form keeps what was typed
    assert Petition.objects.count() == 0


def test_too_many_attachments_are_refused(client, agencies, settings):
    settings.PORTAL_MAX_FILES = 1
    response = client.post("/portal/gui-don/", _form(agencies, files=[pdf("a.pdf"), pdf("b.pdf")]))
    assert "tối đa 1 tệp" in response.content.decode()
    assert Petition.objects.count() == 0


def test_missing_fields_give_vietnamese_errors_not_500(client, agencies):
    response = client.post("/portal/gui-don/", {"type": "complaint", "agency": agencies["BTCD"].pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nhập nội dung đơn." in body and "Nhập họ và tên người gửi." in body


def test_only_a_denunciation_may_be_anonymous(client, agencies):
    response = client.post("/portal/gui-don/", _form(agencies, is_anonymous="on"))
    assert "Chỉ đơn tố cáo mới có thể gửi không ghi danh." in response.content.decode()
    code, _ = _submit(
        client,
        agencies,
        type="denunciation",
        is_anonymous="on",
        sender_name="",
        sender_address="",
        content=CONTENT,
    )
    petition = Petition.objects.get()
    assert petition.is_anonymous and petition.identity() == {}


def test_a_denunciation_through_the_portal_is_sealed(client, agencies):
    _submit(client, agencies, type="denunciation", content=CONTENT, **IDENTITY)
    petition = Petition.objects.get()
    assert petition.sender_name == "" and petition.sender_folded == ""
    assert IDENTITY["sender_name"] not in petition.sealed_identity
    assert petition.identity()["name"] == IDENTITY["sender_name"]


def test_officer_answers_from_the_petition_panel(client, agencies, users):
    _submit(client, agencies)
    petition = Petition.objects.get()
    client.force_login(users["canbo_tcd"])
    response = client.post(
        f"/portal/don/{petition.pk}/", {"kind": "answer", "text": "Đơn đã được chuyển UBND."}
    )
    assert response.status_code == 302
    assert PortalMessage.objects.get().author == users["canbo_tcd"]


def test_officer_of_another_agency_cannot_open_the_panel(client, agencies, users):
    _submit(client, agencies)
    petition = Petition.objects.get()
    client.force_login(users["canbo_vks"])
    assert client.get(f"/portal/don/{petition.pk}/").status_code == 404


def test_officer_issues_a_new_code_and_the_old_one_stops_working(client, agencies, users):
    old, _ = _submit(client, agencies)
    petition = Petition.objects.get()
    client.force_login(users["canbo_tcd"])
    response = client.post(f"/portal/don/{petition.pk}/cap-ma/")
    new = re.search(r'data-testid="issued-code">([^<]+)<', response.content.decode()).group(1)
    client.logout()
    assert client.post("/portal/tra-cuu/", {"code": old}).status_code == 200
    assert client.post("/portal/tra-cuu/", {"code": new}).status_code == 302


def test_status_page_without_a_code_sends_to_lookup(client, org):
    assert client.get("/portal/ho-so/")["Location"] == "/portal/tra-cuu/"
    assert client.post("/portal/ho-so/phan-hoi/", {"text": "x"})["Location"] == "/portal/tra-cuu/"
