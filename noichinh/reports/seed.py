"""The seed of the reports catalogue: report types (cut-off rules), sections and indicators.

The data migrations carry frozen copies of it (reports 0002, 0005): an edit here needs a new
data migration that brings existing databases to it (tests/core/test_migrations_frozen.py
fails until then). Used, because transactional tests flush tables, by the demo loader and
test fixtures (``ensure_catalogue``). Idempotent: rows are keyed by code.

Indicator codes follow noichinh/textimport/catalogue.py where one fits, and the figure
codes of the FIGURES contract for indicators computed from the registers.
"""

from __future__ import annotations

# code, name, start_day, months_before, end_day, legal source, note
REPORT_TYPES = [
    (
        "party_briefing",
        "Báo cáo giao ban khối (cơ quan Đảng, kỳ theo năm dương lịch)",
        1,
        0,
        None,
        "Quy chế phối hợp của các khối; Hướng dẫn 36-HD/VPTW về thể thức",
        "Kỳ theo quý, năm dương lịch.",
    ),
    (
        "government",
        "Báo cáo định kỳ của cơ quan hành chính nhà nước",
        15,
        1,
        14,
        "Nghị định 09/2019/NĐ-CP, Điều 12",
        "Từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ. Thông tư 02/2021/TT-TTCP áp dụng "
        "cho báo cáo thanh tra, tiếp công dân, khiếu nại, tố cáo, PCTN — cần kiểm tra.",
    ),
]

SECTIONS = [
    ("tcd", "Công tác tiếp công dân", 10),
    ("don", "Tiếp nhận, phân loại, xử lý đơn thư", 20),
    ("knto", "Giải quyết khiếu nại, tố cáo", 30),
    ("pctn", "Phòng, chống tham nhũng, tiêu cực", 40),
    ("antt", "Phòng ngừa, đấu tranh tội phạm; an ninh, trật tự", 50),
    ("vppl", "Xử lý vi phạm pháp luật; trật tự an toàn giao thông", 60),
    ("tuphap", "Tư pháp, thi hành án dân sự, phổ biến giáo dục pháp luật", 70),
    ("quansu", "Quốc phòng, quân sự địa phương", 80),
    ("danvan", "Công tác dân vận", 90),
    ("nhiemvu", "Thực hiện nhiệm vụ được giao; thi đua, khen thưởng", 100),
]

POLICE, PROCURACY, COURT = "police", "procuracy", "court"
INSPECTORATE, RECEPTION, JUSTICE = "inspectorate", "reception_board", "justice"
THADS, MILITARY, INTERNAL = "judgment_enforcement", "military", "internal_affairs"
DANVAN, MTTQ, MASSORG, UBND = (
    "mass_mobilisation",
    "fatherland_front",
    "mass_organisation",
    "peoples_committee",
)
MASS = [DANVAN, MTTQ, MASSORG]

C = "computed"
# code, name, unit, section, agency kinds, source ("" = entered, or C), parent code, order
INDICATORS = [
    # Citizen reception (petitions register)
    ("reception.visits", "Lượt tiếp công dân", "lượt", "tcd", [], C, "", 1),
    ("reception.people", "Số người được tiếp (lượt người)", "người", "tcd", [], C, "", 2),
    ("reception.matters", "Số vụ việc được tiếp", "vụ việc", "tcd", [], C, "", 4),
    ("reception.mass_delegations", "Đoàn đông người", "đoàn", "tcd", [], C, "", 5),
    (
        "reception.mass_people",
        "Số người trong các đoàn đông người",
        "người",
        "tcd",
        [],
        C,
        "reception.people",
        3,
    ),
    (
        "reception.leader_sessions",
        "Buổi tiếp công dân định kỳ của lãnh đạo",
        "buổi",
        "tcd",
        [RECEPTION, INSPECTORATE, UBND],
        "",
        "",
        6,
    ),
    # Petitions
    ("petitions.received", "Đơn thư tiếp nhận", "đơn", "don", [], C, "", 1),
    ("petitions.eligible", "Đơn đủ điều kiện xử lý", "đơn", "don", [], C, "petitions.received", 2),
    (
        "petitions.in_competence",
        "Đơn thuộc thẩm quyền",
        "đơn",
        "don",
        [],
        C,
        "petitions.eligible",
        3,
    ),
    ("petitions.type.complaint", "Đơn khiếu nại", "đơn", "don", [], C, "petitions.received", 4),
    ("petitions.type.denunciation", "Đơn tố cáo", "đơn", "don", [], C, "petitions.received", 5),
    (
        "petitions.type.recommendation",
        "Đơn kiến nghị",
        "đơn",
        "don",
        [],
        C,
        "petitions.received",
        6,
    ),
    ("petitions.type.reflection", "Đơn phản ánh", "đơn", "don", [], C, "petitions.received", 7),
    ("petitions.duplicates", "Đơn trùng lặp", "đơn", "don", [], C, "petitions.received", 8),
    ("petitions.mass", "Đơn đông người", "đơn", "don", [], C, "petitions.received", 9),
    ("petitions.over_level", "Đơn vượt cấp", "đơn", "don", [], C, "petitions.received", 10),
    ("petitions.accepted", "Đơn đã thụ lý", "đơn", "don", [], C, "petitions.received", 11),
    ("petitions.forwarded", "Đơn đã chuyển", "đơn", "don", [], C, "petitions.received", 12),
    ("petitions.guided", "Đơn đã hướng dẫn", "đơn", "don", [], C, "petitions.received", 13),
    ("petitions.archived", "Đơn lưu", "đơn", "don", [], C, "petitions.received", 14),
    # Complaints and denunciations
    ("petitions.resolved", "Vụ việc đã giải quyết", "vụ việc", "knto", [], C, "", 1),
    (
        "petitions.on_time",
        "Giải quyết đúng thời hạn",
        "vụ việc",
        "knto",
        [],
        C,
        "petitions.resolved",
        2,
    ),
    (
        "petitions.late",
        "Giải quyết quá hạn",
        "vụ việc",
        "knto",
        [],
        C,
        "petitions.resolved",
        3,
    ),
    ("petitions.overdue", "Đơn quá hạn xử lý", "đơn", "knto", [], C, "", 4),
    (
        "petitions.recovered_vnd",
        "Tiền kiến nghị thu hồi qua giải quyết khiếu nại, tố cáo (theo sổ theo dõi đơn thư)",
        "đồng",
        "knto",
        [],
        C,
        "",
        5,
    ),
    (
        "knto.money_recovered_vnd",
        "Tiền kiến nghị thu hồi qua giải quyết khiếu nại, tố cáo (cơ quan thanh tra báo cáo)",
        "đồng",
        "knto",
        [INSPECTORATE],
        "",
        "",
        6,
    ),
    (
        "knto.people_handled",
        "Người bị kiến nghị xử lý qua giải quyết khiếu nại, tố cáo",
        "người",
        "knto",
        [INSPECTORATE],
        "",
        "",
        7,
    ),
    # Anti-corruption. A "Trong đó" row is always a part of the row above it: the cases
    # carried over from earlier years (still on the list at the end of the period) are part
    # of those on the list at the end, the corruption ones of the corruption cases.
    (
        "cases.followed",
        "Vụ án, vụ việc được theo dõi, đôn đốc trong kỳ",
        "vụ",
        "pctn",
        [],
        C,
        "",
        1,
    ),
    ("cases.added", "Đưa vào diện theo dõi, chỉ đạo trong kỳ", "vụ", "pctn", [], C, "", 2),
    ("cases.removed", "Đưa ra khỏi diện theo dõi, chỉ đạo", "vụ", "pctn", [], C, "", 3),
    ("cases.on_list_end", "Thuộc diện theo dõi, chỉ đạo cuối kỳ", "vụ", "pctn", [], C, "", 4),
    (
        "cases.carried_over",
        "Vụ, việc từ năm trước chuyển sang (còn theo dõi cuối kỳ)",
        "vụ",
        "pctn",
        [],
        C,
        "cases.on_list_end",
        5,
    ),
    (
        "cases.economic_managers.followed",
        "Vụ án kinh tế liên quan cán bộ lãnh đạo, quản lý được theo dõi",
        "vụ",
        "pctn",
        [],
        C,
        "",
        6,
    ),
    (
        "cases.economic_managers.on_list_end",
        "Vụ án kinh tế liên quan cán bộ lãnh đạo, quản lý thuộc diện Ban Thường vụ theo dõi, "
        "chỉ đạo",
        "vụ",
        "pctn",
        [],
        C,
        "",
        7,
    ),
    (
        "cases.corruption.on_list_end",
        "Vụ án tham nhũng thuộc diện Ban Thường vụ theo dõi, chỉ đạo",
        "vụ",
        "pctn",
        [],
        C,
        "",
        8,
    ),
    (
        "cases.corruption.carried_over",
        "Vụ án tham nhũng từ năm trước chuyển sang",
        "vụ",
        "pctn",
        [],
        C,
        "cases.corruption.on_list_end",
        9,
    ),
    ("cases.defendants", "Bị can trong các vụ án theo dõi", "bị can", "pctn", [], C, "", 10),
    ("cases.recovered_vnd", "Tài sản đã thu hồi trong các vụ án", "đồng", "pctn", [], C, "", 11),
    (
        "inspections.conducted",
        "Cuộc thanh tra, kiểm tra, giám sát",
        "cuộc",
        "pctn",
        [INSPECTORATE, INTERNAL],
        "",
        "",
        12,
    ),
    (
        "inspections.with_violations",
        "Cuộc phát hiện vi phạm",
        "cuộc",
        "pctn",
        [INSPECTORATE, INTERNAL],
        "",
        "inspections.conducted",
        13,
    ),
    (
        "inspections.recovery_recommended_vnd",
        "Tiền kiến nghị thu hồi qua thanh tra",
        "đồng",
        "pctn",
        [INSPECTORATE],
        "",
        "",
        14,
    ),
    (
        "assets.recovered_vnd",
        "Tài sản đã thu hồi (đồng)",
        "đồng",
        "pctn",
        [INSPECTORATE, THADS],
        "",
        "",
        15,
    ),
    # Crime and public order
    ("crimes.detected", "Vụ phạm tội phát hiện", "vụ", "antt", [POLICE], "", "", 1),
    ("offenders.handled", "Đối tượng bị bắt, xử lý", "đối tượng", "antt", [POLICE], "", "", 2),
    ("cases.prosecuted", "Vụ án khởi tố", "vụ", "antt", [POLICE, PROCURACY], "", "", 3),
    (
        "cases.corruption_prosecuted",
        "Vụ án tham nhũng, chức vụ khởi tố",
        "vụ",
        "antt",
        [POLICE, PROCURACY],
        "",
        "cases.prosecuted",
        4,
    ),
    (
        "defendants.prosecuted",
        "Bị can bị khởi tố",
        "bị can",
        "antt",
        [POLICE, PROCURACY],
        "",
        "",
        5,
    ),
    ("cases.tried", "Vụ án đã xét xử", "vụ", "antt", [COURT], "", "", 6),
    ("defendants.tried", "Bị cáo đã xét xử", "bị cáo", "antt", [COURT], "", "", 7),
    (
        "investigation.clearance_rate",
        "Tỷ lệ điều tra, khám phá",
        "%",
        "antt",
        [POLICE],
        "",
        "",
        8,
    ),
    ("drugs.seized_g", "Ma túy thu giữ (gam)", "gam", "antt", [POLICE], "", "", 9),
    # Violations and traffic
    (
        "violations.individuals",
        "Cá nhân vi phạm bị xử lý",
        "cá nhân",
        "vppl",
        [POLICE, INSPECTORATE],
        "",
        "",
        1,
    ),
    (
        "violations.businesses",
        "Cơ sở kinh doanh vi phạm",
        "cơ sở",
        "vppl",
        [POLICE, INSPECTORATE],
        "",
        "",
        2,
    ),
    (
        "traffic.violations",
        "Trường hợp vi phạm trật tự an toàn giao thông",
        "trường hợp",
        "vppl",
        [POLICE],
        "",
        "",
        3,
    ),
    ("traffic.accidents", "Vụ tai nạn giao thông", "vụ", "vppl", [POLICE], "", "", 4),
    ("traffic.deaths", "Người chết do tai nạn giao thông", "người", "vppl", [POLICE], "", "", 5),
    (
        "fines.vnd",
        "Tiền xử phạt vi phạm hành chính",
        "đồng",
        "vppl",
        [POLICE, INSPECTORATE],
        "",
        "",
        6,
    ),
    # Justice, judgment enforcement, legal education
    ("thads.cases_total", "Việc thi hành án có điều kiện", "việc", "tuphap", [THADS], "", "", 1),
    (
        "thads.cases_done",
        "Việc thi hành xong",
        "việc",
        "tuphap",
        [THADS],
        "",
        "thads.cases_total",
        2,
    ),
    (
        "thads.money_total_vnd",
        "Tiền phải thi hành có điều kiện",
        "đồng",
        "tuphap",
        [THADS],
        "",
        "",
        3,
    ),
    (
        "thads.money_done_vnd",
        "Tiền đã thi hành xong",
        "đồng",
        "tuphap",
        [THADS],
        "",
        "thads.money_total_vnd",
        4,
    ),
    ("thads.completion_rate", "Tỷ lệ thi hành xong về việc", "%", "tuphap", [THADS], "", "", 5),
    (
        "dissemination.sessions",
        "Buổi tuyên truyền, phổ biến pháp luật",
        "buổi",
        "tuphap",
        [JUSTICE, POLICE, PROCURACY, COURT, MILITARY, *MASS],
        "",
        "",
        6,
    ),
    (
        "dissemination.participants",
        "Lượt người dự tuyên truyền, tập huấn",
        "lượt",
        "tuphap",
        [JUSTICE, POLICE, PROCURACY, COURT, MILITARY, *MASS],
        "",
        "",
        7,
    ),
    # Military
    ("military.drills", "Cuộc diễn tập khu vực phòng thủ", "cuộc", "quansu", [MILITARY], "", "", 1),
    ("military.recruits", "Công dân nhập ngũ", "người", "quansu", [MILITARY], "", "", 2),
    # Mass mobilisation
    (
        "danvan.hot_spots",
        "Điểm nóng về an ninh, trật tự phát sinh",
        "điểm",
        "danvan",
        MASS,
        "",
        "",
        1,
    ),
    (
        "danvan.complex_incidents",
        "Vụ việc phức tạp ở cơ sở",
        "vụ việc",
        "danvan",
        MASS,
        "",
        "",
        2,
    ),
    (
        "danvan.models",
        "Mô hình, điển hình “Dân vận khéo”",
        "mô hình",
        "danvan",
        MASS,
        "",
        "",
        3,
    ),
    ("donations.vnd", "Tiền ủng hộ, quyên góp", "đồng", "danvan", MASS, "", "", 4),
    # Tasks and awards (briefings register). Tasks completed or overdue in the period were
    # not all assigned in it: they are rows of their own, not parts of "assigned".
    ("tasks.assigned", "Nhiệm vụ được giao trong kỳ", "nhiệm vụ", "nhiemvu", [], C, "", 1),
    (
        "tasks.done_on_time",
        "Nhiệm vụ hoàn thành đúng hạn trong kỳ",
        "nhiệm vụ",
        "nhiemvu",
        [],
        C,
        "",
        2,
    ),
    (
        "tasks.done_late",
        "Nhiệm vụ hoàn thành quá hạn trong kỳ",
        "nhiệm vụ",
        "nhiemvu",
        [],
        C,
        "",
        3,
    ),
    (
        "tasks.overdue",
        "Nhiệm vụ quá hạn chưa hoàn thành (cuối kỳ)",
        "nhiệm vụ",
        "nhiemvu",
        [],
        C,
        "",
        4,
    ),
    ("awards.collectives", "Tập thể được khen thưởng", "tập thể", "nhiemvu", [], C, "", 5),
    ("awards.individuals", "Cá nhân được khen thưởng", "cá nhân", "nhiemvu", [], C, "", 6),
]


# Register figures a bloc report gives for the whole province: the reception books and the
# petitions registers of every agency (seed 001: "tiếp trên 7.000 lượt người" is the
# province's figure, not that of the bloc's member agencies alone).
PROVINCE_WIDE_SECTIONS = {"tcd", "don", "knto"}


def seed_catalogue(ReportType, Section, Indicator) -> None:
    """Create or update the rows (models passed in, so migrations can use historical ones)."""
    for code, name, start_day, months_before, end_day, source, note in REPORT_TYPES:
        ReportType.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                start_day=start_day,
                months_before=months_before,
                end_day=end_day,
                legal_source=source,
                note=note,
            ),
        )
    sections = {}
    for code, title, order in SECTIONS:
        sections[code], _ = Section.objects.update_or_create(
            code=code, defaults=dict(title=title, order=order)
        )
    by_code = {}
    has_scope = any(f.name == "province_wide" for f in Indicator._meta.get_fields())
    for code, name, unit, section, kinds, source, parent, order in INDICATORS:
        extra = {}
        if has_scope:  # the field came with a later migration than the first seed
            extra["province_wide"] = source == C and section in PROVINCE_WIDE_SECTIONS
        by_code[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults=dict(
                **extra,
                name=name,
                unit=unit,
                section=sections[section],
                agency_kinds=list(kinds),
                source="computed" if source == C else "entered",
                figure_code=code if source == C else "",
                parent=by_code.get(parent) if parent else None,
                order=order,
                active=True,
            ),
        )
    Indicator.objects.exclude(code__in=list(by_code)).update(active=False)


def ensure_catalogue() -> None:
    from noichinh.reports.models import Indicator, ReportType, Section

    codes = {row[0] for row in INDICATORS}
    if (
        set(Indicator.objects.values_list("code", flat=True)) >= codes
        and ReportType.objects.exists()
    ):
        return
    seed_catalogue(ReportType, Section, Indicator)
