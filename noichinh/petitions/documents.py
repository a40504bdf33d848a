"""DOCX notices (Decree 30/2020/NĐ-CP layout, legal.md §7): acceptance (thụ lý) notice,
forwarding slip, guidance letter. A denunciation's notices never carry the denouncer's
identity unless they go to the denouncer (the portal area decides that; here: never)."""

from noichinh.core import clock, docx_format
from noichinh.core.formats import vn_date
from noichinh.petitions.models import Petition

KINDS = {
    "accept": ("THÔNG BÁO", "Về việc thụ lý giải quyết {what}", "TB"),
    "forward": ("PHIẾU CHUYỂN ĐƠN", "Về việc chuyển đơn {what}", "PC"),
    "guide": ("PHIẾU HƯỚNG DẪN", "Về việc hướng dẫn gửi đơn {what}", "HD"),
}


def _agency_lines(agency) -> list[str]:
    parent = agency.parent.name if agency.parent_id else ""
    return [parent, agency.name] if parent else [agency.name]


def province_place(agency) -> str:
    area = agency.area
    while area.parent_id:
        area = area.parent
    return area.name.replace("Tỉnh ", "").replace("Thành phố ", "")


def available(petition: Petition) -> list[str]:
    out = []
    if petition.outcome == "accept":
        out.append("accept")
    if petition.outcome == "forward":
        out.append("forward")
    if petition.outcome == "guide":
        out.append("guide")
    return out


def render(petition: Petition, kind: str) -> bytes:
    doc_type, summary, _abbr = KINDS[kind]
    what = petition.get_type_display().lower()
    agency = petition.agency
    sealed = petition.is_denunciation
    sender = "người tố cáo" if sealed else (petition.sender_name or "người gửi đơn")
    if petition.is_anonymous:
        sender = "người gửi đơn (không rõ họ tên)"
    doc = docx_format.new_document(
        party=False,
        issuer_lines=_agency_lines(agency),
        number=petition.outcome_doc_no,
        place=province_place(agency),
        date=petition.outcome_date or clock.today(),
        doc_type=doc_type,
        summary=summary.format(what=what),
    )
    received = vn_date(petition.received_on)
    if kind == "accept":
        step = petition.deadlines.filter(done_on__isnull=True).order_by("-id").first()
        due_text = (
            f" Thời hạn giải quyết đến ngày {vn_date(step.due)} ({step.explanation})"
            if step
            else ""
        )
        body = (
            f"{agency.name} nhận được đơn của {sender}"
            + (
                ""
                if sealed or not petition.sender_address
                else f", địa chỉ {petition.sender_address}"
            )
            + f", đơn đề ngày nhận {received}, số vào sổ {petition.receipt_no}.\n"
            f"Nội dung: {petition.summary or petition.content[:500]}\n"
            f"Xét thấy đơn đủ điều kiện và thuộc thẩm quyền giải quyết, {agency.name} "
            f"thông báo đã thụ lý giải quyết {what} kể từ ngày "
            f"{vn_date(petition.outcome_date)}.{due_text}"
        )
        recipients = ["Người gửi đơn", "Lưu: VT, hồ sơ"]
    elif kind == "forward":
        target = str(petition.forwarded_to or petition.forwarded_to_name)
        body = (
            f"Kính gửi: {target}\n"
            f"{agency.name} nhận được đơn của {sender}, ngày nhận {received}, "
            f"số vào sổ {petition.receipt_no}.\n"
            f"Nội dung: {petition.summary or petition.content[:500]}\n"
            f"Căn cứ Thông tư số 05/2021/TT-TTCP, {agency.name} chuyển đơn đến {target} "
            f"để xem xét, giải quyết theo thẩm quyền và thông báo kết quả cho {agency.name} biết."
        )
        recipients = [target, "Người gửi đơn (để biết)", "Lưu: VT, hồ sơ"]
    else:
        body = (
            f"{agency.name} nhận được đơn của {sender}, ngày nhận {received}, "
            f"số vào sổ {petition.receipt_no}.\n"
            f"Nội dung: {petition.summary or petition.content[:500]}\n"
            f"Nội dung đơn không thuộc thẩm quyền giải quyết của {agency.name}. "
            f"Đề nghị {sender} gửi đơn đến cơ quan có thẩm quyền để được xem xét, giải quyết "
            f"theo quy định của pháp luật."
        )
        recipients = [sender[:1].upper() + sender[1:], "Lưu: VT, hồ sơ"]
    docx_format.add_body(doc, body)
    docx_format.add_signature(doc, recipients=recipients, title="THỦ TRƯỞNG CƠ QUAN")
    return docx_format.to_bytes(doc)


def filename(petition: Petition, kind: str) -> str:
    safe = petition.receipt_no.replace("/", "-")
    return f"{KINDS[kind][2]}-don-{safe}.docx"
