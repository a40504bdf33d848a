"""Issue 17 §2: a report an officer would sign — page numbers, a signer block that never
falls alone onto a page, a signer title of several lines, tables whose grid carries the
real column widths (checked in LibreOffice where it is installed)."""

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from noichinh.reports import selectors
from noichinh.reports.documents import docx_report, report
from noichinh.reports.models import Period


@pytest.fixture
def data(demo_reports):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    scope = selectors.scope_for_blocs(period, list(period.blocs.all()))
    meta = report.ReportMeta(
        issuer=demo_reports["agencies"]["BNC"],
        number="45-BC/BNC",
        place="Hòa Sơn",
        issued_on=dt.date(2022, 7, 8),
        signer_title="K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC",
        signer_name="Nguyễn Văn An",
        recipients=["Thường trực Tỉnh ủy (để báo cáo)", "Lưu VP"],
    )
    return report.assemble(period, scope, meta, with_charts=False)


@pytest.fixture
def docx_bytes(data):
    return docx_report.build(data)


def _figure_tables(doc):
    return [t for t in doc.tables if t.rows[0].cells[0].text == "TT"]


def test_pages_are_numbered_with_a_page_field(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
    assert any("PAGE" in h and "fldChar" in h for h in headers)


def test_signer_title_has_several_lines_and_keeps_with_the_text(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    sign = doc.tables[-1]
    right = sign.rows[0].cells[1]
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines[:2] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"]
    assert lines[-1] == "Nguyễn Văn An"
    # The row never splits, every paragraph of the block but the last keeps with the next,
    # and the last paragraph of the text before it keeps with the block.
    assert sign.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert all(p.paragraph_format.keep_with_next for p in right.paragraphs[:-1])
    body = doc.element.body
    before = sign._tbl.getprevious()
    assert before.tag == qn("w:p")
    assert before.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    assert body.index(sign._tbl) > 0


def test_table_grid_carries_the_real_column_widths(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    table = _figure_tables(doc)[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    expected = [Mm(w).twips for w in docx_report.WIDTHS]
    assert grid == expected
    assert grid[1] > 2 * grid[3]  # "Chỉ tiêu" is the wide column


def test_libreoffice_lays_out_the_indicator_column_wide(docx_bytes, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    source = tmp_path / "report.docx"
    source.write_bytes(docx_bytes)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=180,
        capture_output=True,
    )
    with zipfile.ZipFile(tmp_path / "report.odt") as z:
        content = z.read("content.xml").decode()
    mm = {"cm": 10.0, "mm": 1.0, "in": 25.4, "pt": 25.4 / 72}
    widths = [
        float(value) * mm[unit]
        for value, unit in re.findall(r'style:column-width="([\d.]+)(cm|mm|in|pt)"', content)
    ]
    # LibreOffice keeps the grid's widths: "Chỉ tiêu" stays about 4,7 cm, not squeezed to 2.
    assert widths and max(widths) == pytest.approx(docx_report.WIDTHS[1], abs=2)
