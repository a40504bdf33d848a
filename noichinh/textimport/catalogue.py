"""Catalogue of indicators the extractor maps figures to.

A plain list of dicts so the reports app can seed its indicator catalogue from it:
``code`` (dotted lower case, unique), ``name_vi``, ``unit`` (the canonical unit written
in the draft, see ``gazetteer.UNITS``), optional ``also_units`` (other units a figure
of this indicator may carry, e.g. "vụ án" for "vụ") and ``keywords``: regular expressions matched against
the accent-folded, lower-case context of the figure (its clause). An entry fits a
figure when the units agree and at least one keyword matches; the entry with most
matching keywords wins, ties going to the earlier entry. No keyword, no code: the
user maps the figure by hand.
"""

from __future__ import annotations

CATALOGUE: list[dict] = [
    # Citizen reception and petitions
    {
        "code": "reception.visits",
        "name_vi": "Lượt tiếp công dân",
        "unit": "lượt",
        "keywords": [
            r"\btiep\b",
            r"tiep cong dan",
            r"tiep dan",
            r"den (?:khieu nai|to cao|kien nghi)",
        ],
    },
    {
        "code": "reception.mass_delegations",
        "name_vi": "Đoàn đông người",
        "unit": "đoàn",
        "keywords": [r"dong nguoi", r"\btiep\b"],
    },
    {
        "code": "petitions.received",
        "name_vi": "Đơn thư tiếp nhận",
        "unit": "đơn",
        "keywords": [r"tiep nhan", r"\bnhan\b", r"\bthu\b", r"phan loai", r"xu ly"],
    },
    {
        "code": "petitions.resolved",
        "name_vi": "Đơn thư, vụ việc đã giải quyết",
        "unit": "đơn",
        "keywords": [r"giai quyet xong", r"da giai quyet", r"giai quyet dut diem"],
    },
    {
        "code": "petitions.cases_resolved",
        "name_vi": "Vụ việc khiếu nại, tố cáo đã giải quyết",
        "unit": "vụ việc",
        "keywords": [r"giai quyet", r"khieu nai", r"to cao"],
    },
    # Criminal cases
    {
        "code": "crime_reports.received",
        "name_vi": "Tin báo, tố giác tội phạm thụ lý",
        "unit": "tin báo",
        "keywords": [r"thu ly", r"tiep nhan", r"to giac", r"kien nghi khoi to"],
    },
    {
        "code": "cases.prosecuted",
        "name_vi": "Vụ án khởi tố",
        "unit": "vụ",
        "also_units": ["vụ án"],
        "keywords": [r"khoi to"],
    },
    {
        "code": "defendants.prosecuted",
        "name_vi": "Bị can bị khởi tố",
        "unit": "bị can",
        "keywords": [r"khoi to", r"bi can"],
    },
    {
        "code": "cases.tried",
        "name_vi": "Vụ án đã xét xử",
        "unit": "vụ",
        "also_units": ["vụ án"],
        "keywords": [r"xet xu"],
    },
    {
        "code": "defendants.tried",
        "name_vi": "Bị cáo đã xét xử",
        "unit": "bị cáo",
        "keywords": [r"xet xu", r"bi cao"],
    },
    {
        "code": "cases.supervision_removed",
        "name_vi": "Vụ án đưa ra khỏi diện theo dõi, chỉ đạo",
        "unit": "vụ án",
        "keywords": [r"ra khoi dien"],
    },
    {
        "code": "cases.supervised",
        "name_vi": "Vụ án thuộc diện theo dõi, chỉ đạo",
        "unit": "vụ án",
        "keywords": [r"thuoc dien", r"dien .{0,40}theo doi"],
    },
    {
        "code": "cases.corruption",
        "name_vi": "Vụ án tham nhũng",
        "unit": "vụ án",
        "keywords": [r"tham nhung"],
    },
    {
        "code": "cases.economic",
        "name_vi": "Vụ án kinh tế",
        "unit": "vụ án",
        "keywords": [r"kinh te"],
    },
    {
        "code": "crimes.detected",
        "name_vi": "Vụ phạm tội phát hiện",
        "unit": "vụ",
        "keywords": [r"phat hien", r"xay ra", r"pham toi", r"toi pham", r"triet pha"],
    },
    {
        "code": "offenders.handled",
        "name_vi": "Đối tượng bị bắt, xử lý",
        "unit": "đối tượng",
        "keywords": [r"bat", r"xu ly", r"triet pha", r"phat hien", r"khoi to"],
    },
    {
        "code": "drugs.seized_kg",
        "name_vi": "Ma túy thu giữ (kg)",
        "unit": "kg",
        "keywords": [r"ma tuy", r"heroin", r"thuoc phien", r"ma tuy da", r"thu giu"],
    },
    {
        "code": "drugs.seized_g",
        "name_vi": "Ma túy thu giữ (gam)",
        "unit": "gam",
        "keywords": [r"ma tuy", r"heroin", r"thu giu"],
    },
    {
        "code": "investigation.clearance_rate",
        "name_vi": "Tỷ lệ điều tra, khám phá",
        "unit": "%",
        "keywords": [r"dieu tra,? kham pha", r"ty le dieu tra"],
    },
    # Administrative violations and traffic
    {
        "code": "violations.individuals",
        "name_vi": "Cá nhân vi phạm bị xử lý",
        "unit": "cá nhân",
        "keywords": [r"vi pham", r"xu ly", r"xu phat"],
    },
    {
        "code": "violations.businesses",
        "name_vi": "Cơ sở kinh doanh vi phạm",
        "unit": "cơ sở",
        "keywords": [r"vi pham", r"kinh doanh"],
    },
    {
        "code": "traffic.violations",
        "name_vi": "Trường hợp vi phạm trật tự an toàn giao thông",
        "unit": "trường hợp",
        "keywords": [r"giao thong"],
    },
    {
        "code": "traffic.accidents",
        "name_vi": "Vụ tai nạn giao thông",
        "unit": "vụ",
        "keywords": [r"tai nan giao thong"],
    },
    {
        "code": "traffic.deaths",
        "name_vi": "Người chết do tai nạn giao thông",
        "unit": "người",
        "keywords": [r"\bchet\b", r"tu vong"],
    },
    {
        "code": "traffic.injuries",
        "name_vi": "Người bị thương do tai nạn giao thông",
        "unit": "người",
        "keywords": [r"bi thuong"],
    },
    {
        "code": "fines.vnd",
        "name_vi": "Tiền xử phạt vi phạm hành chính",
        "unit": "đồng",
        "keywords": [r"phat tien", r"xu phat", r"nop phat", r"tien phat"],
    },
    # Money
    {
        "code": "donations.vnd",
        "name_vi": "Tiền ủng hộ, quyên góp",
        "unit": "đồng",
        "keywords": [r"ung ho", r"quyen gop", r"dong gop", r"van dong", r"\bquy\b"],
    },
    {
        "code": "assets.recovered_vnd",
        "name_vi": "Tài sản thu hồi (đồng)",
        "unit": "đồng",
        "keywords": [r"thu hoi"],
    },
    {
        "code": "losses.vnd",
        "name_vi": "Thiệt hại, chiếm đoạt (đồng)",
        "unit": "đồng",
        "keywords": [r"thiet hai", r"chiem doat", r"that thoat"],
    },
    # Inspection and dissemination
    {
        "code": "inspections.conducted",
        "name_vi": "Cuộc thanh tra, kiểm tra",
        "unit": "cuộc",
        "keywords": [r"thanh tra", r"kiem tra", r"giam sat"],
    },
    {
        "code": "dissemination.sessions",
        "name_vi": "Buổi tuyên truyền",
        "unit": "buổi",
        "also_units": ["cuộc"],
        "keywords": [r"tuyen truyen", r"pho bien"],
    },
    {
        "code": "dissemination.participants",
        "name_vi": "Lượt người dự tuyên truyền, tập huấn",
        "unit": "lượt",
        "keywords": [r"tham gia", r"tham du", r"tuyen truyen"],
    },
    {
        "code": "party.members_disciplined",
        "name_vi": "Đảng viên bị kỷ luật",
        "unit": "đảng viên",
        "keywords": [r"ky luat"],
    },
    # Awards
    {
        "code": "awards.collectives",
        "name_vi": "Tập thể được khen thưởng",
        "unit": "tập thể",
        "keywords": [r"khen", r"\btang\b", r"thi dua"],
    },
    {
        "code": "awards.individuals",
        "name_vi": "Cá nhân được khen thưởng",
        "unit": "cá nhân",
        "keywords": [r"bang khen", r"giay khen", r"khen thuong", r"\btang\b", r"thi dua"],
    },
]


def catalogue_codes() -> list[str]:
    """Distinct codes, in catalogue order."""
    seen: list[str] = []
    for entry in CATALOGUE:
        if entry["code"] not in seen:
            seen.append(entry["code"])
    return seen
