"""The conclusion notice as a DOCX in the Party administrative format (Guideline 36)."""

from noichinh.briefings.models import ConclusionNotice, Conference
from noichinh.core import docx_format
from noichinh.org.selectors import province_settings


def _committee_line() -> str:
    province = province_settings()
    return province.party_committee_line or f"TỈNH ỦY {province.place_name.upper()}"


def notice_docx(conference: Conference, notice: ConclusionNotice, tasks) -> bytes:
    document = docx_format.new_document(
        party=True,
        issuer_lines=[_committee_line()],
        number=notice.number,
        place=notice.place,
        date=notice.issued_on,
        doc_type="THÔNG BÁO",
        summary=notice.title,
    )
    intro = (
        f"Ngày {conference.date:%d/%m/%Y}, tại {conference.place or 'trụ sở Tỉnh ủy'}, "
        f"đồng chí {conference.chair_name or '…'}"
        f"{', ' + conference.chair_titles if conference.chair_titles else ''} "
        f"chủ trì {conference.title[:1].lower() + conference.title[1:]}."
    )
    docx_format.add_body(document, intro)
    if conference.attendee_agencies.exists() or conference.attendees:
        names = ", ".join(str(a) for a in conference.attendee_agencies.all())
        people = conference.attendees.replace("\n", "; ").strip()
        docx_format.add_body(
            document, "Dự hội nghị có: " + "; ".join(p for p in [people, names] if p) + "."
        )
    docx_format.add_body(
        document,
        "Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu, đồng chí chủ trì hội nghị "
        "kết luận như sau:",
    )
    docx_format.add_body(document, notice.body)
    tasks = list(tasks)
    if tasks:
        docx_format.add_body(document, "Nhiệm vụ trọng tâm:", bold=True)
        for task in tasks:
            parts = [f"{task.item_no or '-'}. {task.text}"]
            lead = task.lead_display
            if lead:
                parts.append(f"chủ trì: {lead}")
            coordinators = ", ".join(str(a) for a in task.coordinators.all())
            if task.coordinators_text:
                coordinators = ", ".join(p for p in [coordinators, task.coordinators_text] if p)
            if coordinators:
                parts.append(f"phối hợp: {coordinators}")
            parts.append(f"thời hạn: {task.deadline_display.lower() or 'thường xuyên'}")
            docx_format.add_body(document, "; ".join(parts) + ".")
    docx_format.add_body(document, "Văn phòng Tỉnh ủy thông báo để các cơ quan biết, thực hiện./.")
    docx_format.add_signature(
        document,
        recipients=[line for line in notice.recipients.splitlines() if line.strip()],
        on_behalf=notice.signer_on_behalf,
        title=notice.signer_title,
        name=notice.signer_name,
    )
    return docx_format.to_bytes(document)
