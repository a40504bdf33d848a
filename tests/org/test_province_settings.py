"""Any province, nothing in the code (issue 20 §4), and the official unit codes (§2)."""

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from noichinh.briefings import services as briefing_services
from noichinh.core.models import AuditEntry
from noichinh.core.text import fold
from noichinh.org.models import AreaUnit, ProvinceSettings
from noichinh.org.selectors import province_settings

NOICHINH = Path(settings.BASE_DIR) / "noichinh"
DEMO_NAME = re.compile(r"\bhoa[\s_-]*son\b")


def _demo_module(path: Path) -> bool:
    """Demo data and the synthetic-province generators (dev only), and landed migrations."""
    return path.parts[0] == "devdata" or "migrations" in path.parts


def test_no_demo_province_name_in_code_or_templates():
    offenders = []
    for path in NOICHINH.rglob("*"):
        if path.suffix not in (".py", ".html", ".txt", ".js", ".css", ".json", ".csv"):
            continue
        if _demo_module(path.relative_to(NOICHINH)):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if DEMO_NAME.search(fold(line)):
                offenders.append(f"{path.relative_to(NOICHINH)}:{number}: {line.strip()}")
    assert offenders == []


def test_demo_province_comes_from_the_demo_data(org):
    profile = province_settings()
    assert profile.pk and profile.name == "Tỉnh Hòa Sơn" and profile.place_name == "Hòa Sơn"


def test_setup_province_from_the_official_list(org, capsys):
    call_command("setup_province", "68", "--signer-title", "TRƯỞNG BAN", "--contact", "ĐT: 0263")
    profile = province_settings()
    assert (profile.name, profile.place_name) == ("Tỉnh Lâm Đồng", "Lâm Đồng")
    assert profile.party_committee_line == "TỈNH ỦY LÂM ĐỒNG"
    assert profile.province.official_code == "68" and profile.province.level == "province"
    assert profile.contacts == ["ĐT: 0263"]
    assert ProvinceSettings.objects.count() == 1
    assert AuditEntry.objects.filter(model="org.provincesettings").exists()
    call_command("setup_province", "68")  # again: same unit, same row
    assert AreaUnit.objects.filter(official_code="68").count() == 1
    with pytest.raises(CommandError, match="không phải một tỉnh"):
        call_command("setup_province", "99")
    call_command("setup_province", "01")
    assert province_settings().party_committee_line == "THÀNH ỦY HÀ NỘI"


@pytest.fixture
def lam_dong(org):
    call_command("setup_province", "68")
    return province_settings()


def test_documents_and_pages_of_a_second_province_show_its_name(
    lam_dong, users, blocs, agencies, client
):
    conference = briefing_services.conference_create(
        actor=users["thuky"],
        blocs=[blocs["NOI_CHINH"]],
        period_code="2025-Q3",
        date=dt.date(2025, 10, 10),
        chair_name="Phạm Minh Đức",
        chair_titles="Phó Bí thư Thường trực Tỉnh ủy",
        attendee_agencies=[agencies["CA"]],
    )
    client.force_login(users["thuky"])
    form = client.get(f"/briefings/{conference.pk}/notice/").content.decode()
    assert 'value="Lâm Đồng"' in form
    response = client.post(
        f"/briefings/{conference.pk}/notice/",
        {
            "number": "45-TB/TU",
            "issued_on": "14/10/2025",
            "place": "Lâm Đồng",
            "title": "Kết luận hội nghị giao ban",
        },
    )
    assert response.status_code == 302
    content = client.get(f"/briefings/{conference.pk}/notice.docx").content
    header = " ".join(c.text for c in docx.Document(io.BytesIO(content)).tables[0].rows[0].cells)
    assert "TỈNH ỦY LÂM ĐỒNG" in header and "Lâm Đồng, ngày 14 tháng 10 năm 2025" in header
    assert not DEMO_NAME.search(fold(header))
    client.logout()
    portal = client.get("/portal/").content.decode()
    assert "Tỉnh Lâm Đồng" in portal and "Cổng tiếp nhận đơn trực tuyến tỉnh Lâm Đồng" in portal
    assert not DEMO_NAME.search(fold(portal))


@pytest.fixture
def blocs(org):
    return org["blocs"]


def test_admin_edits_the_province_profile_with_an_audit_entry(org, users, client):
    profile = province_settings()
    client.force_login(users["admin"])
    data = {
        "province": profile.province_id,
        "name": "Tỉnh Lâm Đồng",
        "place_name": "Lâm Đồng",
        "party_committee_line": "TỈNH ỦY LÂM ĐỒNG",
        "header_lines": "",
        "portal_title": "Cổng tiếp nhận đơn",
        "signer_title": "",
        "signer_name": "",
        "contact_lines": "",
    }
    response = client.post(f"/admin/org/provincesettings/{profile.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert province_settings().place_name == "Lâm Đồng"
    entry = AuditEntry.objects.filter(model="org.provincesettings").order_by("-seq").first()
    assert entry.actor == users["admin"] and entry.changes["place_name"] == ["Hòa Sơn", "Lâm Đồng"]
    # One row only: the admin offers no second one.
    assert client.get("/admin/org/provincesettings/add/").status_code == 403


def test_officer_cannot_edit_the_province_profile_in_the_admin(org, users, client):
    profile = province_settings()
    client.force_login(users["canbo"])
    response = client.post(
        f"/admin/org/provincesettings/{profile.pk}/change/", {"name": "X", "place_name": "X"}
    )
    assert response.status_code in (302, 403)
    assert province_settings().name == "Tỉnh Hòa Sơn"


# --- the statistics office's code list ------------------------------------------------------

GSO_ROWS = [
    ["Tỉnh / Thành phố", "Mã TP", "Phường / Xã", "Mã PX", "Cấp"],
    ["Tỉnh Lâm Đồng", "68", "Phường Xuân Hương - Đà Lạt", "24778", "Phường"],
    ["Tỉnh Lâm Đồng", "68", "Xã Lạc Dương", "24846", "Xã"],
    ["Tỉnh Khánh Hòa", "56", "Phường Nha Trang", "22333", "Phường"],
]


def _csv(tmp_path, rows, name="dvhc.csv"):
    path = tmp_path / name
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _xlsx(tmp_path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"])
    for row in rows:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    path = tmp_path / "dvhc.xlsx"
    book.save(path)
    return path


def test_import_unit_codes_sets_codes_and_creates_the_province_communes(lam_dong, tmp_path, capsys):
    province = lam_dong.province
    existing = AreaUnit.objects.create(
        code="LD-XH", name="Phường Xuân Hương - Đà Lạt", level="commune", parent=province
    )
    call_command("import_unit_codes", str(_csv(tmp_path, GSO_ROWS)), "--create", "--province", "68")
    existing.refresh_from_db()
    assert existing.official_code == "24778"
    created = AreaUnit.objects.get(official_code="24846")
    assert (created.name, created.parent, created.valid_from) == (
        "Xã Lạc Dương",
        province,
        dt.date(2025, 7, 1),
    )
    assert not AreaUnit.objects.filter(official_code="22333").exists()  # another province
    out = capsys.readouterr().out
    assert "gán mã: 1; tạo mới: 1" in out
    call_command("import_unit_codes", str(_xlsx(tmp_path, GSO_ROWS)), "--province", "68")
    assert "Đã có mã: 3; gán mã: 0; tạo mới: 0; không khớp: 0" in capsys.readouterr().out
    assert AuditEntry.objects.filter(model="org.areaunit", object_id=str(existing.pk)).exists()


def test_import_unit_codes_refuses_an_unknown_layout(org, tmp_path):
    path = _csv(tmp_path, [["Họ tên", "Tuổi"], ["An", "30"]])
    with pytest.raises(CommandError, match="Không nhận ra bố cục danh mục"):
        call_command("import_unit_codes", str(path))


def test_bundled_list_has_the_34_provinces_of_2025():
    from noichinh.org import unit_codes

    rows = unit_codes.read_list(unit_codes.PROVINCES_2025)
    assert len(rows) == 34 and all(r.level == "province" and len(r.code) == 2 for r in rows)
    assert {r.code: r.name for r in rows}["79"] == "Thành phố Hồ Chí Minh"


def test_import_agency_codes_by_name_or_internal_code(org, agencies, tmp_path, capsys):
    # Codes invented for the test (the structure of Decision 20/2020/QĐ-TTg is not checked).
    path = _csv(
        tmp_path,
        [
            ["Mã định danh", "Tên cơ quan", "Mã nội bộ"],
            ["000.00.01.T99", "Thanh tra tỉnh Hòa Sơn", ""],
            ["000.00.02.T99", "", "STP"],
            ["000.00.03.T99", "Cơ quan không có", ""],
        ],
        name="madinhdanh.csv",
    )
    call_command("import_agency_codes", str(path))
    agencies["TTT"].refresh_from_db()
    agencies["STP"].refresh_from_db()
    assert agencies["TTT"].official_code == "000.00.01.T99"
    assert agencies["STP"].official_code == "000.00.02.T99"
    assert "gán mã: 2; không khớp: 1" in capsys.readouterr().out
    call_command("import_agency_codes", str(path))
    assert "Đã có mã: 2; gán mã: 0" in capsys.readouterr().out
