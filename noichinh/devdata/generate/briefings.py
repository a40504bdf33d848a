"""Briefing conferences and the tasks they assign, for the generated province (benchmarks).

Called by ``manage.py generate_province`` (noichinh/devdata/generate/province.py) as
``generate_briefings(ctx=…, n=…, years=…, seed=…, rng=…, end=…)``. For every quarter of the
``years`` before ``end``:

- a few conferences after the quarter ends: the quarterly briefings of the Internal Affairs
  and Mass Mobilisation blocs and of the Party and mass-organisation blocs; the
  anti-corruption steering committee quarterly, with a six-month review and an annual
  summary; the 138 and judicial-reform steering committees twice a year. Each has its blocs,
  the member agencies valid that day as attendees, a few figures quoted, a conclusion notice
  (when issued by ``end``) and its items as tasks; unfinished tasks of earlier conferences
  of the same blocs are carried onto its agenda (as ``services.conference_create`` does);
- the other tasks of the quarter from numbered documents (conclusions, directives, plans,
  official letters) of the provincial Party committee and People's Committee, led by
  provincial bodies, district People's Committees before the 1/7/2025 reform, on communes
  valid when assigned.

About ``n / 500`` tasks a year (at least ``MIN_TASKS_PER_YEAR``), each with a lead agency,
coordinating agencies, an assignment date and a deadline (some "thường xuyên"), and a state
as of ``end``: done on time or late (proposed by the lead agency, accepted by the
secretariat, a few returned once), cancelled by a document, or open (not started, in
progress with progress reports, proposed), some overdue.

Rows are written with ``bulk_create`` (no audit entries: generated data). Conference
references and document numbers start with ``G<seed>-``; a second run with the same seed
adds nothing. Deterministic for a seed: only the ``rng`` given is used and every date
derives from ``end``.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from noichinh.briefings import periods
from noichinh.briefings.models import (
    ConclusionNotice,
    Conference,
    ConferenceFigure,
    Task,
    TaskUpdate,
)
from noichinh.core import clock
from noichinh.core.text import fold

MIN_TASKS_PER_YEAR = 40
PER_PETITIONS = 500
REFORM = dt.date(2025, 7, 1)
D = dt.timedelta

# The conferences of a quarter: (bloc codes, place, chair, chair titles, which quarters,
# and for Q2/Q4 whether the conference is a six-month review / an annual summary).
SERIES = [
    (
        ("NOI_CHINH", "DAN_VAN"),
        "Hội trường Tỉnh ủy",
        "Phạm Minh Đức",
        "Phó Bí thư Thường trực Tỉnh ủy",
        (1, 2, 3, 4),
        False,
    ),
    (
        ("DANG", "DOAN_THE"),
        "Hội trường Tỉnh ủy",
        "Phạm Minh Đức",
        "Phó Bí thư Thường trực Tỉnh ủy",
        (1, 2, 3, 4),
        False,
    ),
    (
        ("BCD_PCTN",),
        "Phòng họp Ban Nội chính Tỉnh ủy",
        "Nguyễn Văn Hòa",
        "Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh",
        (1, 2, 3, 4),
        True,
    ),
    (
        ("BCD138",),
        "Hội trường UBND tỉnh",
        "Hoàng Văn Phúc",
        "Ủy viên BCH Đảng bộ tỉnh, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo 138 tỉnh",
        (2, 4),
        True,
    ),
    (
        ("BCD_CCTP",),
        "Phòng họp Ban Nội chính Tỉnh ủy",
        "Phạm Minh Đức",
        "Phó Bí thư Thường trực Tỉnh ủy, Trưởng Ban Chỉ đạo cải cách tư pháp tỉnh",
        (2, 4),
        True,
    ),
]
SIGNERS = ["Trịnh Văn Thành", "Lê Thị Hồng Nhung"]

# Conclusion items by bloc: (text, lead code, coordinator codes).
ITEMS = {
    "NOI_CHINH": [
        (
            "Giải quyết dứt điểm các vụ việc khiếu nại, tố cáo tồn đọng, kéo dài; không để "
            "phát sinh điểm nóng",
            "TTT",
            ["BTCD"],
        ),
        ("Rà soát, báo cáo tình hình đơn thư vượt cấp lên Trung ương", "BTCD", ["TTT"]),
        (
            "Đẩy nhanh tiến độ điều tra, truy tố, xét xử các vụ án tham nhũng, kinh tế thuộc "
            "diện theo dõi, chỉ đạo",
            "CA",
            ["VKS", "TAND"],
        ),
        (
            "Tăng cường công tác thi hành án dân sự, tập trung các vụ việc có giá trị lớn",
            "THADS",
            ["TAND", "CA"],
        ),
        ("Bảo đảm an ninh, trật tự các sự kiện chính trị, văn hóa của tỉnh", "CA", ["BCHQS"]),
        (
            "Kiểm sát chặt chẽ việc giải quyết tố giác, tin báo về tội phạm và kiến nghị khởi tố",
            "VKS",
            ["CA"],
        ),
        (
            "Nâng cao chất lượng tranh tụng tại phiên tòa theo tinh thần cải cách tư pháp",
            "TAND",
            ["VKS"],
        ),
        (
            "Tổ chức tốt công tác phổ biến, giáo dục pháp luật, trợ giúp pháp lý cho người dân",
            "STP",
            [],
        ),
        (
            "Xây dựng kế hoạch tiếp công dân định kỳ của đồng chí Bí thư Tỉnh ủy",
            "BNC",
            ["BTCD"],
        ),
    ],
    "DAN_VAN": [
        (
            "Tiếp tục tuyên truyền, vận động nhân dân thực hiện tốt chủ trương của Đảng, chính "
            "sách, pháp luật của Nhà nước",
            "BDV",
            ["MTTQ"],
        ),
        ("Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở", "BDV", ["MTTQ", "HND"]),
        (
            "Tăng cường công tác dân vận trong vùng đồng bào dân tộc thiểu số, vùng đồng bào "
            "có đạo",
            "BDV",
            ["MTTQ", "HND"],
        ),
        (
            "Tổ chức giám sát, phản biện xã hội đối với các dự án có thu hồi đất",
            "MTTQ",
            ["HND"],
        ),
    ],
    "DANG": [
        (
            "Tiếp tục triển khai các chương trình kiểm tra, giám sát, tập trung vào quản lý đất "
            "đai, dự án đầu tư, khai thác tài nguyên; tránh trùng lắp",
            "UBKT",
            ["TTT"],
        ),
        (
            "Đấu tranh phản bác các quan điểm sai trái, thù địch, bảo vệ nền tảng tư tưởng "
            "của Đảng",
            "BTG",
            ["CA"],
        ),
        ("Rà soát, bổ sung quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý", "BTC", []),
        (
            "Kiểm tra việc thực hiện Chỉ thị số 27 và Chỉ thị số 50 của Bộ Chính trị",
            "UBKT",
            ["BNC", "TTT"],
        ),
    ],
    "DOAN_THE": [
        (
            "Nắm chắc tình hình tư tưởng của đoàn viên, hội viên; kịp thời phản ánh những bức "
            "xúc của nhân dân",
            "MTTQ",
            ["HND", "HLHPN", "TDTN"],
        ),
        (
            "Vận động đoàn viên, hội viên tham gia chuyển đổi số, sử dụng dịch vụ công trực tuyến",
            "TDTN",
            ["HLHPN"],
        ),
        ("Phát triển hội viên, nâng cao chất lượng sinh hoạt chi hội", "HND", ["HCCB"]),
    ],
    "BCD_PCTN": [
        (
            "Đôn đốc xử lý các vụ việc, vụ án tham nhũng, tiêu cực thuộc diện Ban Chỉ đạo theo "
            "dõi, chỉ đạo",
            "BNC",
            ["CA", "VKS", "TAND"],
        ),
        (
            "Tăng cường thu hồi tài sản bị chiếm đoạt, thất thoát trong các vụ án tham nhũng, "
            "kinh tế",
            "CA",
            ["VKS", "THADS"],
        ),
        (
            "Thanh tra trách nhiệm thực hiện pháp luật về phòng, chống tham nhũng tại các sở, ngành",
            "TTT",
            ["UBKT"],
        ),
        ("Kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn", "TTT", ["UBKT"]),
    ],
    "BCD138": [
        (
            "Mở đợt cao điểm tấn công, trấn áp tội phạm bảo đảm an ninh, trật tự dịp Tết "
            "Nguyên đán",
            "CA",
            ["BCHQS", "VKS", "TAND"],
        ),
        (
            "Xây dựng, nhân rộng các mô hình tự quản về an ninh, trật tự ở cơ sở",
            "CA",
            ["MTTQ", "TDTN"],
        ),
        ("Phòng, chống tội phạm ma túy trên tuyến biên giới", "CA", ["BCHQS"]),
        (
            "Tuyên truyền phòng, chống lừa đảo chiếm đoạt tài sản trên không gian mạng",
            "CA",
            ["TDTN", "HLHPN"],
        ),
    ],
    "BCD_CCTP": [
        (
            "Nâng cao chất lượng công tác giám định tư pháp, định giá tài sản trong tố tụng",
            "STP",
            ["CA", "VKS"],
        ),
        (
            "Đẩy mạnh số hóa hồ sơ vụ án, ứng dụng công nghệ thông tin trong hoạt động tố tụng",
            "TAND",
            ["VKS", "CA"],
        ),
    ],
}
# Document tasks: (text, lead code or "district", coordinator codes); {place} a commune.
DOC_ITEMS = [
    (
        "Rà soát, giải quyết dứt điểm các vụ việc khiếu nại đông người tại {place}",
        "district",
        ["TTT", "BTCD"],
    ),
    ("Kiểm tra việc quản lý, sử dụng đất công tại {place}", "STNMT", ["TTT"]),
    ("Xử lý dứt điểm các công trình xây dựng trái phép tại {place}", "district", ["SXD"]),
    (
        "Chi trả dứt điểm tiền bồi thường, hỗ trợ cho các hộ dân bị thu hồi đất tại {place}",
        "district",
        ["STC"],
    ),
    ("Báo cáo kết quả thực hiện kiến nghị sau thanh tra tại {place}", "TTT", []),
    (
        "Rà soát, xét duyệt hộ nghèo, hộ cận nghèo tại {place} bảo đảm công khai, đúng đối tượng",
        "district",
        ["SNV"],
    ),
    ("Tổ chức đối thoại với các hộ dân có đơn kiến nghị tại {place}", "district", ["BTCD", "MTTQ"]),
    ("Khắc phục tình trạng ô nhiễm môi trường tại {place}", "STNMT", ["CA"]),
    ("Kiểm tra công tác phòng cháy, chữa cháy tại các cơ sở kinh doanh ở {place}", "CA", []),
    ("Xác minh, làm rõ nội dung báo chí phản ánh về sai phạm tại {place}", "TTT", ["BTG"]),
]
AFTER_REFORM_ITEMS = [
    (
        "Sắp xếp, xử lý trụ sở, tài sản công dôi dư sau sắp xếp đơn vị hành chính tại {place}",
        "STC",
        ["SNV"],
    ),
    (
        "Bảo đảm hoạt động thông suốt của bộ phận một cửa {place} sau sắp xếp đơn vị hành chính",
        "SNV",
        ["STP"],
    ),
]
DOCUMENTS = [
    ("Kết luận", "KL/TU", "Ban Thường vụ Tỉnh ủy"),
    ("Chỉ thị", "CT/TU", "Ban Thường vụ Tỉnh ủy"),
    ("Thông báo", "TB/TU", "Thường trực Tỉnh ủy"),
    ("Kế hoạch", "KH-UBND", "Ủy ban nhân dân tỉnh"),
    ("Công văn", "UBND-NC", "Ủy ban nhân dân tỉnh"),
]
DOC_TOPICS = [
    "tăng cường công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "chấn chỉnh công tác quản lý đất đai, trật tự xây dựng",
    "tăng cường phòng ngừa, phát hiện, xử lý tham nhũng, tiêu cực",
    "giải quyết các kiến nghị của cử tri",
    "thực hiện các kết luận thanh tra, kiểm toán",
]
# Figures quoted at the conferences: (bloc, indicator, unit, qualifier, low, high, text);
# SUBJECTS says what each counts.
FIGURES = [
    (
        "NOI_CHINH",
        "reception.visits",
        "lượt",
        "gt",
        1500,
        9000,
        "tiếp trên {v} lượt người đến khiếu nại, tố cáo, kiến nghị, phản ánh",
    ),
    (
        "NOI_CHINH",
        "petitions.received",
        "đơn",
        "eq",
        800,
        6000,
        "tiếp nhận {v} đơn khiếu nại, tố cáo, kiến nghị, phản ánh",
    ),
    ("NOI_CHINH", "crimes.detected", "vụ", "eq", 150, 900, "phát hiện {v} vụ phạm tội"),
    (
        "DAN_VAN",
        "dissemination.sessions",
        "buổi",
        "approx",
        40,
        400,
        "tổ chức khoảng {v} buổi tuyên truyền, vận động nhân dân",
    ),
    ("DANG", "inspections.conducted", "cuộc", "eq", 5, 60, "tiến hành {v} cuộc kiểm tra"),
    (
        "DOAN_THE",
        "dissemination.participants",
        "lượt",
        "gt",
        2000,
        40000,
        "trên {v} lượt đoàn viên, hội viên tham gia học tập, quán triệt",
    ),
    (
        "BCD_PCTN",
        "cases.corruption",
        "vụ",
        "eq",
        2,
        25,
        "khởi tố {v} vụ án tham nhũng, tiêu cực",
    ),
    (
        "BCD_PCTN",
        "assets.recovered_vnd",
        "đồng",
        "gt",
        1,
        90,
        "thu hồi trên {v} tỷ đồng",
    ),
    ("BCD138", "offenders.handled", "đối tượng", "eq", 200, 2000, "bắt, xử lý {v} đối tượng"),
    ("BCD138", "drugs.seized_kg", "kg", "approx", 1, 60, "thu giữ khoảng {v} kg ma túy"),
    ("BCD_CCTP", "defendants.tried", "bị cáo", "eq", 100, 1500, "xét xử {v} bị cáo"),
]
SUBJECTS = {
    "reception.visits": "Lượt người đến khiếu nại, tố cáo, kiến nghị, phản ánh",
    "petitions.received": "Đơn khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận",
    "crimes.detected": "Vụ phạm tội phát hiện",
    "dissemination.sessions": "Buổi tuyên truyền, vận động nhân dân",
    "inspections.conducted": "Cuộc kiểm tra của cấp ủy, ủy ban kiểm tra",
    "dissemination.participants": "Lượt đoàn viên, hội viên được tuyên truyền",
    "cases.corruption": "Vụ án tham nhũng, tiêu cực khởi tố",
    "assets.recovered_vnd": "Tiền, tài sản thu hồi",
    "offenders.handled": "Đối tượng bị bắt, xử lý",
    "drugs.seized_kg": "Ma túy thu giữ",
    "defendants.tried": "Bị cáo đã xét xử",
}
PROGRESS_NOTES = [
    "Đã xây dựng kế hoạch triển khai; đang tổ chức thực hiện.",
    "Đã hoàn thành {p}% khối lượng công việc; tiếp tục phối hợp với các cơ quan liên quan.",
    "Đã tổ chức kiểm tra, rà soát; đang tổng hợp kết quả.",
    "Đang chờ ý kiến của cơ quan phối hợp.",
    "Đã giải quyết {a}/{b} vụ việc; số còn lại đang xác minh.",
]
PROPOSE_NOTES = [
    "Đã hoàn thành nhiệm vụ; kèm theo báo cáo kết quả.",
    "Đề nghị xác nhận hoàn thành; đã gửi báo cáo tổng hợp.",
]
RETURN_NOTE = "Đề nghị bổ sung kết quả cụ thể, số liệu đối chiếu trước khi xác nhận hoàn thành."


def _quarters(end: dt.date, years: int) -> list[tuple[int, int]]:
    """The calendar quarters of the ``years`` ending with the last complete one before ``end``,
    oldest first."""
    year, q = end.year, (end.month - 1) // 3 + 1
    out = []
    for _ in range(4 * max(1, years)):
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
        out.append((year, q))
    return out[::-1]


def _workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += D(days=1)
    return day


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class _Org:
    def __init__(self, ctx: dict | None):
        from noichinh.devdata.demo import org as demo
        from noichinh.org.models import Agency, AreaUnit, Bloc, BlocMembership, User

        if ctx is None:
            ctx = demo.load()
        self.agencies = ctx.get("agencies") or {a.code: a for a in Agency.objects.all()}
        self.blocs = ctx.get("blocs") or {b.code: b for b in Bloc.objects.all()}
        self.members: dict[str, list] = {}
        rows = BlocMembership.objects.select_related("bloc", "agency").order_by(
            "bloc__code", "agency__code"
        )
        for m in rows:
            self.members.setdefault(m.bloc.code, []).append(m)
        units_old = ctx.get("units_old")
        units_new = ctx.get("units_new")
        if units_old is None:
            units_old = AreaUnit.objects.filter(level=AreaUnit.COMMUNE, valid_to=REFORM)
        if units_new is None:
            units_new = AreaUnit.objects.filter(level=AreaUnit.COMMUNE, valid_from=REFORM)
        self.units_old = sorted(
            (u for u in units_old if u.code.startswith("HS")), key=lambda u: u.code
        )
        self.units_new = sorted(units_new, key=lambda u: u.code)
        self.district_of = dict(
            AreaUnit.objects.filter(level=AreaUnit.COMMUNE).values_list("pk", "parent__code")
        )
        users = ctx.get("users") or {}
        self.secretary = users.get("thuky") or User.objects.filter(username="thuky").first()
        self.officers = ctx.get("officers") or {}

    def agency(self, code: str, day: dt.date):
        agency = self.agencies.get(code)
        return agency if agency is not None and agency.is_valid_on(day) else None

    def attendees(self, bloc_codes, day: dt.date) -> list:
        seen, out = set(), []
        for code in bloc_codes:
            for m in self.members.get(code, []):
                if m.is_valid_on(day) and m.agency.is_valid_on(day) and m.agency_id not in seen:
                    seen.add(m.agency_id)
                    out.append(m.agency)
        return out

    def unit_on(self, rng, day: dt.date):
        pool = self.units_old if day < REFORM else self.units_new
        return rng.choice(pool) if pool else None

    def person(self, rng, agency):
        people = self.officers.get(agency.code) if agency is not None else None
        return rng.choice(people) if people else None


def _deadline(rng, assigned: dt.date) -> dt.date | None:
    if rng.random() < 0.1:
        return None
    if rng.random() < 0.35:  # the end of the quarter after next, as conclusions often say
        month = ((assigned.month - 1) // 3 + 1) * 3 + 3
        year = assigned.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return periods.parse_period(f"{year}-Q{(month - 1) // 3 + 1}")[1]
    return assigned + D(days=rng.choice([15, 30, 45, 60, 90, 120, 180]))


def _fate(rng, task: dict, org: _Org, end: dt.date, seed: int, counter: list[int]) -> None:
    """Status, dates and updates of ``task`` as of ``end``."""
    assigned, deadline = task["assigned_on"], task["deadline"]
    lead = task["lead_agency"]
    updates = task["updates"]
    age = (end - assigned).days
    completed = None
    if deadline is None:
        status = rng.choices([Task.IN_PROGRESS, Task.NOT_STARTED, Task.DONE], [70, 20, 10])[0]
        if status == Task.DONE:
            completed = assigned + D(days=rng.randint(20, max(20, age)))
    elif deadline < end:
        roll = rng.random()
        if roll < 0.72:
            status = Task.DONE
            if rng.random() < 0.8:
                completed = assigned + D(days=rng.randint(0, (deadline - assigned).days))
            else:
                completed = deadline + D(days=rng.randint(1, 60))
        elif roll < 0.76:
            status = Task.CANCELLED
        else:
            status = rng.choices([Task.IN_PROGRESS, Task.NOT_STARTED, Task.PROPOSED], [60, 25, 15])[
                0
            ]
    else:
        status = rng.choices(
            [Task.DONE, Task.IN_PROGRESS, Task.NOT_STARTED, Task.PROPOSED], [15, 50, 30, 5]
        )[0]
        if status == Task.DONE:
            completed = assigned + D(days=rng.randint(0, max(0, age)))
    if status == Task.DONE and (completed is None or completed > end):
        status = Task.IN_PROGRESS if age > 10 else Task.NOT_STARTED
        completed = None
    if status == Task.NOT_STARTED:
        task["status"] = status
        return
    close = completed or end
    if status == Task.CANCELLED:
        close = min(end, (deadline or end) + D(days=rng.randint(0, 30)))
    secretariat = org.agencies.get("BNC")
    proposals = []
    if status in (Task.PROPOSED, Task.DONE):
        proposed = max(assigned, close - D(days=rng.randint(0, 5)))
        if status == Task.DONE and rng.random() < 0.1 and (proposed - assigned).days > 10:
            # Proposed once, returned for more detail, proposed again.
            first = proposed - D(days=rng.randint(5, (proposed - assigned).days))
            back = min(first + D(days=2), proposed)
            proposals.append(
                (TaskUpdate.PROPOSE, first, lead, org.person(rng, lead), rng.choice(PROPOSE_NOTES))
            )
            proposals.append((TaskUpdate.RETURN, back, secretariat, org.secretary, RETURN_NOTE))
        proposals.append(
            (TaskUpdate.PROPOSE, proposed, lead, org.person(rng, lead), rng.choice(PROPOSE_NOTES))
        )
        close = proposals[0][1]
    # Progress reports by the lead (sometimes a coordinator) before any proposal or close.
    span = (close - assigned).days
    for _ in range(rng.choices([0, 1, 2, 3], [15, 45, 30, 10])[0] if span > 7 else 0):
        day = assigned + D(days=rng.randint(3, span - 1))
        who = lead
        if task["coordinators"] and rng.random() < 0.2:
            who = rng.choice(task["coordinators"])
        b = rng.randint(5, 60)
        note = rng.choice(PROGRESS_NOTES).format(
            p=rng.choice([30, 50, 70, 80]), a=rng.randint(1, b), b=b
        )
        updates.append((TaskUpdate.PROGRESS, day, who, org.person(rng, who), note))
    updates.sort(key=lambda u: u[1])
    if status == Task.IN_PROGRESS and not updates:
        day = min(end, assigned + D(days=rng.randint(1, 20)))
        updates.append((TaskUpdate.PROGRESS, day, lead, org.person(rng, lead), PROGRESS_NOTES[0]))
    updates.extend(proposals)
    if status == Task.DONE:
        updates.append((TaskUpdate.ACCEPT, completed, secretariat, org.secretary, ""))
        task["completed_on"] = completed
    if status == Task.CANCELLED:
        counter[0] += 1
        decision = (
            f"Văn bản số G{seed}-{counter[0]}-CV/TU ngày {close:%d/%m/%Y} của Thường trực "
            "Tỉnh ủy điều chỉnh nhiệm vụ"
        )
        updates.append((TaskUpdate.CANCEL, close, secretariat, org.secretary, decision))
        task["cancelled_on"], task["cancel_decision"] = close, decision
    task["status"] = status


def _task(rng, org, *, text, lead, coordinators, assigned, item_no, source, conference, unit):
    coordinators = [c for c in coordinators if c is not None and c != lead]
    return dict(
        conference=conference,
        source_document=source[:300],
        item_no=item_no,
        text=text,
        lead_agency=lead,
        coordinators=coordinators,
        assigned_on=assigned,
        deadline=None,
        is_regular=False,
        unit=unit,
        status=Task.NOT_STARTED,
        completed_on=None,
        cancelled_on=None,
        cancel_decision="",
        updates=[],
    )


def plan(*, ctx: dict | None, n: int, years: int, rng: random.Random, end: dt.date, seed: int = 1):
    """(conferences, tasks) to write, as plain dicts (no database writes)."""
    return _plan(_Org(ctx), n=n, years=years, rng=rng, end=end, seed=seed)


def _plan(org: _Org, *, n, years, rng, end, seed):
    from noichinh.briefings.services import conference_title

    per_year = max(n // PER_PETITIONS, MIN_TASKS_PER_YEAR)
    quarters = _quarters(end, years)
    total = per_year * max(1, years)
    per_quarter = [
        total // len(quarters) + (1 if i < total % len(quarters) else 0)
        for i in range(len(quarters))
    ]
    conferences, tasks = [], []
    notice_no: dict[int, int] = {}
    doc_no: dict[int, int] = {}
    cancel_counter = [0]
    for (year, q), quota in zip(quarters, per_quarter, strict=True):
        q_start, q_end, _label = periods.parse_period(f"{year}-Q{q}")
        month = q_end.month % 12 + 1
        held_year = year + (1 if q == 4 else 0)
        quarter_tasks: list[dict] = []
        series = [s for s in SERIES if q in s[4]]
        for j, (blocs, place, chair, titles, _when, has_reviews) in enumerate(series):
            # The conferences' items take at most their share of the quarter's tasks.
            share = max(1, (quota - len(quarter_tasks)) // (len(series) - j))
            kind, code = Conference.BRIEFING, f"{year}-Q{q}"
            if has_reviews and q == 2:
                kind, code = Conference.REVIEW, f"{year}-H1"
            elif has_reviews and q == 4:
                kind, code = Conference.ANNUAL, f"{year}-Y"
            date = _workday(dt.date(held_year, month, rng.randint(5, 20)))
            if date > end or any(b not in org.blocs for b in blocs):
                continue
            p_start, p_end, p_label = periods.parse_period(code)
            bloc_objs = [org.blocs[b] for b in blocs]
            title = conference_title(kind, bloc_objs, p_label)
            attendees = org.attendees(blocs, date)
            next_label = "quý tới" if kind == Conference.BRIEFING else "thời gian tới"
            conf = dict(
                ref=f"G{seed}-{code}-{'-'.join(blocs)}",
                kind=kind,
                title=title,
                blocs=bloc_objs,
                bloc_codes=blocs,
                period_code=code,
                period_label=p_label,
                period_start=p_start,
                period_end=p_end,
                date=date,
                place=place,
                chair_name=chair,
                chair_titles=titles,
                attendee_agencies=attendees,
                attendees="Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy; lãnh đạo các cơ quan "
                "thành viên",
                agenda=f"Đánh giá kết quả công tác {periods.lower_first(p_label)}; phương hướng, "
                f"nhiệm vụ trọng tâm {next_label}",
                figures=[],
                notice=None,
            )
            for bloc, indicator, unit, qualifier, low, high, text in FIGURES:
                if bloc in blocs and rng.random() < 0.7:
                    value = rng.randint(low, high)
                    shown = f"{value:,}".replace(",", ".")
                    amount = value * 1_000_000_000 if unit == "đồng" else value
                    conf["figures"].append(
                        dict(
                            indicator_code=indicator,
                            text=text.format(v=shown),
                            value=Decimal(amount),
                            qualifier=qualifier,
                            unit=unit,
                            subject=SUBJECTS[indicator],
                        )
                    )
            issued = _workday(date + D(days=rng.randint(2, 7)))
            source = f"Kết luận {title}"
            if issued <= end:
                notice_no[issued.year] = notice_no.get(issued.year, 0) + 1
                number = f"G{seed}-{notice_no[issued.year]}-TB/TU"
                conf["notice"] = dict(
                    number=number,
                    issued_on=issued,
                    place="Hòa Sơn",
                    title=f"Kết luận của đồng chí {titles.split(',')[0]} tại "
                    f"{periods.lower_first(title)}",
                    body=f"Kết luận hội nghị, đồng chí {titles.split(',')[0]} đề nghị các cơ "
                    "quan tiếp tục nắm chắc tình hình, thực hiện tốt các nhiệm vụ sau.",
                    recipients="Thường trực Tỉnh ủy (b/c)\nCác cơ quan dự hội nghị\n"
                    "Lưu Văn phòng Tỉnh ủy",
                    signer_on_behalf="T/L BAN THƯỜNG VỤ",
                    signer_title="CHÁNH VĂN PHÒNG",
                    signer_name=rng.choice(SIGNERS),
                )
                source = f"Thông báo kết luận số {number} ngày {issued:%d/%m/%Y}"
            pool = [item for b in blocs for item in ITEMS.get(b, [])]
            count = min(len(pool), rng.randint(4, 10), share)
            for i, (text, lead_code, coords) in enumerate(rng.sample(pool, count), start=1):
                lead = org.agency(lead_code, date) or (rng.choice(attendees) if attendees else None)
                if lead is None:
                    continue
                quarter_tasks.append(
                    _task(
                        rng,
                        org,
                        text=text,
                        lead=lead,
                        coordinators=[org.agency(c, date) for c in coords],
                        assigned=date,
                        item_no=str(i),
                        source=source,
                        conference=conf,
                        unit=None,
                    )
                )
            conferences.append(conf)
        # The rest of the quarter's tasks come from documents dated in the quarter.
        remaining = quota - len(quarter_tasks)
        while remaining > 0:
            day = _workday(q_start + D(days=rng.randint(0, (q_end - q_start).days)))
            if day > end:
                day = _workday(q_start)
            doc_kind, suffix, issuer = rng.choice(DOCUMENTS)
            doc_no[day.year] = doc_no.get(day.year, 0) + 1
            source = (
                f"{doc_kind} số G{seed}-{doc_no[day.year]}-{suffix} ngày {day:%d/%m/%Y} của "
                f"{issuer} về {rng.choice(DOC_TOPICS)}"
            )
            size = min(remaining, rng.randint(3, 12))
            items = DOC_ITEMS + (AFTER_REFORM_ITEMS if day >= REFORM else [])
            for i in range(1, size + 1):
                text, lead_code, coords = rng.choice(items)
                unit = org.unit_on(rng, day)
                place = _lower_first(unit.name) if unit else "tỉnh Hòa Sơn"
                lead = None
                if lead_code == "district":
                    district = org.district_of.get(unit.pk) if unit else None
                    if district and rng.random() < 0.6:
                        lead = org.agency(f"UBND-{district}", day)
                    lead = lead or org.agency("UBND", day)
                else:
                    lead = org.agency(lead_code, day) or org.agency("UBND", day)
                quarter_tasks.append(
                    _task(
                        rng,
                        org,
                        text=text.format(place=place),
                        lead=lead,
                        coordinators=[org.agency(c, day) for c in coords],
                        assigned=day,
                        item_no=str(i),
                        source=source,
                        conference=None,
                        unit=unit,
                    )
                )
            remaining -= size
        tasks.extend(quarter_tasks)
    for task in tasks:
        task["deadline"] = _deadline(rng, task["assigned_on"])
        task["is_regular"] = task["deadline"] is None
        _fate(rng, task, org, end, seed, cancel_counter)
    _carry(conferences, tasks)
    return conferences, tasks


def _open_on(task: dict, day: dt.date) -> bool:
    closed = task["completed_on"] or task["cancelled_on"]
    return task["assigned_on"] < day and (closed is None or closed >= day)


def _carry(conferences, tasks) -> None:
    """Unfinished tasks of earlier conferences of the same blocs, as on the day each
    conference was entered (``services.conferences._carry_over``)."""
    by_conference: dict[int, list[dict]] = {}
    for task in tasks:
        if task["conference"] is not None:
            by_conference.setdefault(id(task["conference"]), []).append(task)
    for conf in conferences:
        blocs = set(conf["bloc_codes"])
        conf["carried"] = [
            task
            for other in conferences
            if other["date"] < conf["date"] and blocs & set(other["bloc_codes"])
            for task in by_conference.get(id(other), [])
            if _open_on(task, conf["date"])
        ]


def _write(conferences, tasks, org: _Org, batch_size: int) -> dict:
    secretary = org.secretary
    conf_objs = [
        Conference(
            ref=c["ref"],
            kind=c["kind"],
            title=c["title"],
            title_folded=fold(c["title"]),
            period_code=c["period_code"],
            period_label=c["period_label"],
            period_start=c["period_start"],
            period_end=c["period_end"],
            date=c["date"],
            place=c["place"],
            chair_name=c["chair_name"],
            chair_titles=c["chair_titles"],
            attendees=c["attendees"],
            agenda=c["agenda"],
            created_by=secretary,
        )
        for c in conferences
    ]
    Conference.objects.bulk_create(conf_objs, batch_size=batch_size)
    for c, obj in zip(conferences, conf_objs, strict=True):
        c["obj"] = obj
    BlocLink = Conference.blocs.through
    AgencyLink = Conference.attendee_agencies.through
    BlocLink.objects.bulk_create(
        [BlocLink(conference=c["obj"], bloc=b) for c in conferences for b in c["blocs"]],
        batch_size=batch_size,
    )
    AgencyLink.objects.bulk_create(
        [
            AgencyLink(conference=c["obj"], agency=a)
            for c in conferences
            for a in c["attendee_agencies"]
        ],
        batch_size=batch_size,
    )
    ConferenceFigure.objects.bulk_create(
        [ConferenceFigure(conference=c["obj"], **f) for c in conferences for f in c["figures"]],
        batch_size=batch_size,
    )
    ConclusionNotice.objects.bulk_create(
        [ConclusionNotice(conference=c["obj"], **c["notice"]) for c in conferences if c["notice"]],
        batch_size=batch_size,
    )
    task_objs = []
    for t in tasks:
        lead = t["lead_agency"]
        task_objs.append(
            Task(
                conference=t["conference"]["obj"] if t["conference"] else None,
                source_document=t["source_document"],
                item_no=t["item_no"],
                text=t["text"],
                text_folded=fold(f"{t['text']}  {t['item_no']}"),
                lead_agency=lead,
                assigned_on=t["assigned_on"],
                deadline=t["deadline"],
                is_regular=t["is_regular"],
                unit=t["unit"],
                status=t["status"],
                completed_on=t["completed_on"],
                cancelled_on=t["cancelled_on"],
                cancel_decision=t["cancel_decision"],
            )
        )
    Task.objects.bulk_create(task_objs, batch_size=batch_size)
    for t, obj in zip(tasks, task_objs, strict=True):
        t["obj"] = obj
    CoordLink = Task.coordinators.through
    CoordLink.objects.bulk_create(
        [CoordLink(task=t["obj"], agency=a) for t in tasks for a in t["coordinators"]],
        batch_size=batch_size,
    )
    CarryLink = Conference.carried_tasks.through
    CarryLink.objects.bulk_create(
        [CarryLink(conference=c["obj"], task=t["obj"]) for c in conferences for t in c["carried"]],
        batch_size=batch_size,
    )
    updates = []
    for t in tasks:
        for i, (kind, day, agency, author, note) in enumerate(t["updates"]):
            hour = 1 + min(i, 8)  # 8:00 local time and later, in the order of the updates
            updates.append(
                TaskUpdate(
                    task=t["obj"],
                    kind=kind,
                    author=author,
                    agency=agency,
                    at=dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC),
                    note=note,
                )
            )
    TaskUpdate.objects.bulk_create(updates, batch_size=batch_size)
    return {
        "conferences": len(conf_objs),
        "tasks": len(task_objs),
        "task_updates": len(updates),
        "carried_tasks": sum(len(c["carried"]) for c in conferences),
    }


def generate_briefings(
    *,
    ctx: dict | None = None,
    n: int = 0,
    years: int = 3,
    seed: int = 1,
    rng: random.Random | None = None,
    end: dt.date | None = None,
    batch_size: int = 2000,
    stdout=None,
) -> dict:
    """Generate conferences and tasks; returns counts ({} when seed ``seed`` already ran)."""
    if Conference.objects.filter(ref__startswith=f"G{seed}-").exists():
        return {}
    end = min(end or clock.today(), clock.today())
    rng = rng or random.Random(f"{seed}:briefings")
    org = _Org(ctx)
    conferences, tasks = _plan(org, n=n, years=years, rng=rng, end=end, seed=seed)
    with transaction.atomic():
        counts = _write(conferences, tasks, org, batch_size)
    if stdout is not None:
        stdout.write(
            f"Giao ban: {counts['conferences']} hội nghị, {counts['tasks']} nhiệm vụ, "
            f"{counts['task_updates']} lượt cập nhật."
        )
    return counts
