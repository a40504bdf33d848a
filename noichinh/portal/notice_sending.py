"""What a message to the sender of a petition says, and its sending (``portal.notices`` records
the messages; the worker's task ``portal.tasks.send_citizen_notices`` and the periodic job
``manage.py send_citizen_notices`` send them from here). What a message may say, and to whom:
see ``portal.notices``."""

import logging
import unicodedata

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from noichinh.core import clock, sms
from noichinh.core.formats import vn_date
from noichinh.portal.models import CitizenNotice
from noichinh.portal.retention_dates import code_expires_on

# The same logger as the recording side: one name for what happens to a citizen's message.
log = logging.getLogger("noichinh.portal.notices")
E = CitizenNotice.Event
# The rule variants an extension names (core rule table, legal.md §2), in words.
VARIANT_WORDS = {
    "complex": "vụ việc phức tạp",
    "remote": "vùng sâu, vùng xa, đi lại khó khăn",
    "remote_complex": "vùng sâu, vùng xa và vụ việc phức tạp",
    "extended_once": "vụ việc phức tạp, gia hạn một lần",
    "extended_twice": "vụ việc đặc biệt phức tạp, gia hạn lần hai",
}
HEADLINES = {
    E.ACCEPTED: "đã được thụ lý giải quyết",
    E.REFUSED: "không được thụ lý giải quyết",
    E.FORWARDED: "đã được chuyển đến cơ quan có thẩm quyền",
    E.INFO_REQUESTED: "cơ quan xử lý đề nghị bạn bổ sung, làm rõ",
    E.EXTENDED: "thời hạn giải quyết được gia hạn",
    E.SUSPENDED: "việc giải quyết tạm đình chỉ",
    E.RESUMED: "việc giải quyết được tiếp tục",
    E.ANSWERED: "cơ quan xử lý đã trả lời",
    E.CODE_EXPIRING: "mã tra cứu của đơn sắp hết hiệu lực",
}


# --- to whom -------------------------------------------------------------------------------


def contact_of(petition) -> dict:
    """The sender's e-mail and phone for messages (UNSEALS a denunciation's identity: only to
    send, never shown or stored elsewhere)."""
    if petition.is_anonymous:
        return {}
    identity = petition.identity()
    return {
        CitizenNotice.Channel.EMAIL: (identity.get("email") or "").strip(),
        CitizenNotice.Channel.SMS: (identity.get("phone") or "").strip(),
    }


# --- what is said ----------------------------------------------------------------------------


def follow_up_url() -> str:
    return settings.PUBLIC_BASE_URL + reverse("portal:lookup")


def _details(notice) -> list[str]:
    """The event's particulars: the agency it went to, the reason and the time limit."""
    about = notice.about
    if about is None:
        return []
    source_kind, _, source_id = notice.source.partition(":")
    transition = None
    if source_kind == "transition":
        transition = about.transitions.filter(pk=source_id).first()
    lines = []
    if notice.event == E.FORWARDED:
        to = about.forwarded_to.name if about.forwarded_to_id else about.forwarded_to_name
        if to:
            lines.append(f"Cơ quan nhận đơn chuyển: {to}.")
    elif notice.event == E.REFUSED:
        lines.append(f"Cách xử lý: {about.get_outcome_display()}.")
    elif notice.event == E.EXTENDED and transition is not None:
        why = VARIANT_WORDS.get(transition.note, "")
        doc = f"quyết định gia hạn số {transition.doc_no}" if transition.doc_no else ""
        reason = "; ".join(x for x in (why, doc) if x)
        if reason:
            lines.append(f"Lý do: {reason}.")
    elif notice.event == E.SUSPENDED and transition is not None:
        if transition.note:
            lines.append(f"Lý do: {transition.note.strip()}.")
    if notice.event == E.CODE_EXPIRING:
        day = code_expires_on(notice.petition)
        if day:
            lines.append(
                f"Mã tra cứu hết hiệu lực từ ngày {vn_date(day)} (hồ sơ đã kết thúc): nếu cần, "
                "hãy lưu lại nội dung trả lời trước ngày này."
            )
    if notice.event in (E.ACCEPTED, E.EXTENDED, E.RESUMED) and about.next_due:
        lines.append(f"Hạn giải quyết theo quy định: {vn_date(about.next_due)}.")
    if notice.event == E.FORWARDED and about.forwarded_to_id:
        hop = about.forwards.order_by("id").first()
        if hop is not None and hop.next_due:
            lines.append(f"Hạn xử lý tại cơ quan nhận: {vn_date(hop.next_due)}.")
    return lines


def compose(notice) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS text) of a notice."""
    root = notice.petition
    headline = HEADLINES[notice.event]
    subject = f"Đơn số {root.receipt_no}: {headline}"
    url = follow_up_url()
    body = "\n".join(
        [
            "Kính gửi người gửi đơn,",
            "",
            f"Đơn số {root.receipt_no} (nhận ngày {vn_date(root.received_on)}): {headline}.",
            *_details(notice),
            "",
            f"Xem tình trạng đơn và nội dung trả lời tại {url}",
            "bằng mã tra cứu đã được cấp khi gửi đơn.",
            "",
            "Thư này được gửi tự động, xin không trả lời thư này.",
        ]
    )
    text = _unaccent(f"Don so {root.receipt_no}: {headline}. Xem tai {url}")
    return subject, body, text


def _unaccent(text: str) -> str:
    """SMS gateways of the province's providers take unaccented text (one message is then
    160 characters, not 70)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# --- sending ---------------------------------------------------------------------------------


def send(notice_ids) -> dict:
    """Send the pending notices among ``notice_ids``: each claimed by an update (so two workers
    never send one twice), sent, and marked sent or failed. Never raises for a send."""
    counts = {"sent": 0, "failed": 0}
    for notice_id in notice_ids:
        claimed = CitizenNotice.objects.filter(
            pk=notice_id, state=CitizenNotice.State.PENDING
        ).update(state=CitizenNotice.State.SENDING)
        if not claimed:
            continue
        notice = CitizenNotice.objects.select_related("petition", "about").get(pk=notice_id)
        try:
            _deliver(notice)
        except Exception as exc:  # any gateway or SMTP error: recorded, not raised
            log.warning("Citizen notice %s not sent: %s", notice_id, exc.__class__.__name__)
            CitizenNotice.objects.filter(pk=notice_id).update(
                state=CitizenNotice.State.FAILED, error=_error_text(exc)
            )
            counts["failed"] += 1
        else:
            CitizenNotice.objects.filter(pk=notice_id).update(
                state=CitizenNotice.State.SENT, sent_at=clock.now(), error=""
            )
            counts["sent"] += 1
    return counts


def _error_text(exc) -> str:
    """In Vietnamese, for the officer's page. The exception's own text may echo the address
    (SMTP refusals do): only its kind is used (and logged)."""
    import smtplib

    if isinstance(exc, sms.SmsError):
        return str(exc)[:300]
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "Máy chủ thư từ chối địa chỉ nhận."
    if isinstance(exc, smtplib.SMTPException):
        return "Máy chủ thư từ chối hoặc ngắt kết nối."
    if isinstance(exc, OSError):
        return "Không kết nối được máy chủ thư hoặc cổng tin nhắn."
    return "Lỗi khi gửi."


def send_pending(limit: int = 500) -> dict:
    """Send what is still pending (a queue that was down, a worker stopped): the periodic
    job ``manage.py send_citizen_notices``; safe to run twice at once (claim by update)."""
    ids = list(
        CitizenNotice.objects.filter(state=CitizenNotice.State.PENDING)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    return send(ids)


def _deliver(notice):
    address = contact_of(notice.petition).get(notice.channel, "")
    if not address:
        raise sms.SmsError("Không còn địa chỉ nhận.")
    subject, body, text = compose(notice)
    if notice.channel == CitizenNotice.Channel.EMAIL:
        EmailMessage(subject=subject, body=body, to=[address]).send(fail_silently=False)
    else:
        sms.send_sms(to=address, text=text)
