"""Administrative document layout in DOCX (legal.md §7).

State bodies follow Decree 30/2020/NĐ-CP (national title top right); Party bodies follow
Guideline 36-HD/VPTW (2018): "ĐẢNG CỘNG SẢN VIỆT NAM" top right, the committee's name top
left with an asterisk below, numbers like "Số 45-TB/TU". A4, margins top/bottom 20 mm,
left 30 mm, right 15 mm, Times New Roman 14 pt body.

``new_document(...)`` writes the header block, place and date, document type and summary;
the caller adds paragraphs; ``add_signature(...)`` writes "Nơi nhận" and the signature.
"""

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from noichinh.core.formats import vn_long_date

FONT = "Times New Roman"
STATE_TITLE = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _run(paragraph, text, *, size=14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    return run


def _para(container, text="", *, align=None, size=14, bold=False, italic=False, space_after=0):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def new_document(
    *,
    party: bool,
    issuer_lines: list[str],
    number: str,
    place: str,
    date: dt.date,
    doc_type: str,
    summary: str = "",
):
    """A document with the header block; ``issuer_lines`` top left (committee, then body)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(14)

    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    for i, line in enumerate(issuer_lines):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, line.upper(), size=14 if i else 14, bold=bool(i) or not party)
    if party:
        _para(left, "*", align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(left, f"Số {number}" if number else "Số      ", align=WD_ALIGN_PARAGRAPH.CENTER)
        p = right.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, PARTY_TITLE, size=15, bold=True, underline=True)
    else:
        _para(left, f"Số: {number}" if number else "Số:      ", align=WD_ALIGN_PARAGRAPH.CENTER)
        p = right.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, STATE_TITLE[0], size=13, bold=True)
        _para(right, STATE_TITLE[1], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
    _para(
        right,
        vn_long_date(date, place),
        align=WD_ALIGN_PARAGRAPH.RIGHT if party else WD_ALIGN_PARAGRAPH.CENTER,
        italic=True,
    )
    _para(document, "")
    _para(document, doc_type.upper(), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=16)
    if summary:
        _para(document, summary, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    add_page_numbers(document)
    return document


def add_page_numbers(document, *, size=13):
    """The page number centred at the top of every page but the first (a PAGE field, which
    Word, LibreOffice and WPS fill in), as administrative documents number their pages."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(paragraph, "", size=size)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
        if kind == "separate":
            shown = OxmlElement("w:t")
            shown.text = "2"
            run._r.append(shown)
    return document


def add_body(document, text: str, *, bold=False, italic=False, indent=True):
    """One justified body paragraph per line of ``text``."""
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        p = _para(
            document, line.strip(), align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold=bold, italic=italic
        )
        p.paragraph_format.space_after = Pt(6)
        if indent:
            p.paragraph_format.first_line_indent = Mm(10)
    return document


def add_signature(
    document,
    *,
    recipients: list[str],
    on_behalf: str = "",
    title: str = "",
    name: str = "",
):
    """'Nơi nhận:' bottom left (bold italic 12 pt), signature block bottom right. ``title``
    may hold several lines ("K/T TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"). The block never
    falls alone onto a page: its row does not split, and it keeps with the last paragraph of
    the text before it (keep-with-next)."""
    body = [p for p in document.paragraphs if p.text.strip()]
    if body:
        body[-1].paragraph_format.keep_with_next = True
    spacer = _para(document, "")
    spacer.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=2)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    _run(p, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in recipients:
        _para(left, f"- {line.strip().lstrip('-').strip()}", size=11)
    first = True
    lines = [on_behalf, *(title or "").splitlines()]
    for line, bold in ((line.strip(), True) for line in lines):
        if not line:
            continue
        p = right.paragraphs[0] if first else right.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, line.upper(), bold=bold)
    for _ in range(3):
        right.add_paragraph()
    if name:
        _para(right, name, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for cell in (left, right):
        for p in cell.paragraphs[:-1]:
            p.paragraph_format.keep_with_next = True
    return document


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
