"""Demo data of the portal: two petitions sent online (a complaint answered with a question,
a denunciation with a protection request). Idempotent; the demo codes are derived from
SECRET_KEY so the same codes are printed on every run (only their hashes are stored)."""

import datetime as dt
import hashlib
import hmac

from django.conf import settings

from noichinh.core import clock
from noichinh.petitions import services as petition_services
from noichinh.petitions.models import Petition
from noichinh.portal import codes, services
from noichinh.portal.models import PortalAccess, PortalMessage, code_hash

MARK = "[Mẫu cổng trực tuyến]"


def demo_code(n: int) -> str:
    """A stable demo receipt code in the portal's format (Crockford base32, ``portal.codes``)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"portal-demo-{n}".encode(), hashlib.sha256)
    number = int.from_bytes(digest.digest(), "big")
    symbols = ""
    for _ in range(codes.SYMBOLS):
        number, index = divmod(number, len(codes.ALPHABET))
        symbols += codes.ALPHABET[index]
    return codes.display(symbols)


def _ensure(n, *, summary, **kwargs):
    existing = Petition.objects.filter(summary=f"{MARK} {summary}").first()
    if existing is not None:
        return existing, False
    petition, _code = services.portal_submit(summary=f"{MARK} {summary}", **kwargs)
    PortalAccess.objects.filter(petition=petition).update(
        code_hash=code_hash(codes.normalise(demo_code(n)))
    )
    return petition, True


def load(ctx, stdout=None):
    agencies, users = ctx["agencies"], ctx["users"]
    if "BTCD" not in agencies or "TTT" not in agencies:
        return
    complaint, created = _ensure(
        1,
        summary="Khiếu nại quyết định thu hồi đất",
        agency=agencies["BTCD"],
        type="complaint",
        field="land",
        content="Tôi khiếu nại Quyết định thu hồi đất số 125/QĐ-UBND vì diện tích đo đạc sai.",
        sender_name="Nguyễn Văn Dân",
        sender_address="Thôn Đông, xã Hòa Bình",
        sender_phone="0900000001",
    )
    if created and not PortalMessage.objects.filter(petition=complaint).exists():
        services.portal_answer(
            actor=users["canbo_tcd"],
            petition=complaint,
            kind="question",
            text="Đề nghị ông bổ sung bản sao quyết định thu hồi đất và biên bản đo đạc.",
        )
    denunciation, created = _ensure(
        2,
        summary="Tố cáo cán bộ địa chính nhận tiền",
        agency=agencies["TTT"],
        type="denunciation",
        field="corruption",
        content="Tố cáo cán bộ địa chính xã nhận tiền để xác nhận hồ sơ cấp giấy chứng nhận.",
        sender_name="Người Tố Cáo Mẫu",
        sender_id_number="000000000001",
        sender_address="Địa chỉ mẫu, xã Hòa Bình",
    )
    if created:
        petition_services.petition_assign(
            actor=users["truong_tt"], petition=denunciation, officer=users["canbo"]
        )
        services.protection_request_create(
            actor=None,
            petition=denunciation,
            measures=["job"],
            grounds="Sau khi tố cáo bị đe dọa điều chuyển công tác.",
            decision_due=clock.today() + dt.timedelta(days=7),
        )
    if stdout is not None:
        stdout.write(
            f"Cổng trực tuyến /portal/: mã tra cứu mẫu {demo_code(1)} (khiếu nại), "
            f"{demo_code(2)} (tố cáo)"
        )
