import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

IDENTITY = {
    "sender_name": "Phạm Thị Bí Mật",
    "sender_id_number": "036199001234",
    "sender_address": "Số 7 ngõ Kín Đáo, phường Hòa Sơn",
    "sender_phone": "0912345678",
    "sender_email": "bimat.tocao@example.vn",
}
# What must never appear outside the reveal flow (folded and plain forms of each value).
SECRETS = [
    "Phạm Thị Bí Mật",
    "Pham Thi Bi Mat",
    "pham thi bi mat",
    "036199001234",
    "ngõ Kín Đáo",
    "ngo Kin Dao",
    "0912345678",
    "bimat.tocao@example.vn",
    "cmnd_pham",
]
CONTENT = "Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm MARKER-TC-01"


def pdf(name="cmnd_pham_thi_bi_mat.pdf", body=b"noi dung"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def denunciation(agencies, users):
    """A denunciation sent through the portal to the inspectorate, assigned to ``canbo``."""
    from noichinh.petitions import services as petition_services
    from noichinh.portal import services

    petition, code = services.portal_submit(
        agency=agencies["TTT"],
        type="denunciation",
        field="land",
        summary="Tố cáo sai phạm đất đai MARKER-TC-01",
        content=CONTENT,
        files=[pdf()],
        **IDENTITY,
    )
    petition = petition_services.petition_assign(
        actor=users["truong_tt"], petition=petition, officer=users["canbo"]
    )
    petition.refresh_from_db()
    petition.code = code
    return petition
