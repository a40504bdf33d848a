"""Monitored cases for the generated province (benchmarks, load tests).

Called by ``manage.py generate_province`` (noichinh/devdata/generate/province.py) as
``generate_cases(ctx=…, n=…, years=…, seed=…, rng=…, end=…)``. For each of the ``years``
before ``end``: about ``n / 2000`` cases (at least ``MIN_PER_YEAR``), corruption, economic
and public-concern ones, each with

- the procedural stages the register would hold (accusation, prosecution, investigation,
  indictment, trial, appeal, enforcement), their agencies (district police before the
  1/7/2025 reform, provincial bodies after), and the due dates of the time-limit rule table
  (``CaseStage.STAGE_RULES`` and ``services.stage_rule``, computed by ``core.calendar`` with
  the rules and calendar fetched once, as ``core.selectors.due_date`` does); some stages
  extended by numbered decisions (the rule's variants in the order ``services.stage_extend``
  takes them), some finished late, some still open past their due date;
- supervision-list additions and removals by numbered decisions of the Standing Committee
  or the anti-corruption steering committee, grouped on monthly decision days;
- quarterly progress reports by the agency in charge and explanation requests on overdue
  stages (some answered).

Rows are written with ``bulk_create`` (no audit entries: generated data). Case numbers and
decision numbers start with ``G<seed>-``; a second run with the same seed adds nothing.
Deterministic for a seed: only the ``rng`` given is used and every date derives from ``end``.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from noichinh.cases.models import (
    Case,
    CaseStage,
    ExplanationRequest,
    ProgressReport,
    StageExtension,
    SupervisionDecision,
    SupervisionEntry,
)
from noichinh.core import calendar as cal
from noichinh.core import clock
from noichinh.core.text import fold

MIN_PER_YEAR = 20
PER_PETITIONS = 2000
REFORM = dt.date(2025, 7, 1)
D = dt.timedelta

COR, ECO, PUB = Case.CORRUPTION, Case.ECONOMIC, Case.PUBLIC_CONCERN
LS, SE, VS, ES = Case.LESS_SERIOUS, Case.SERIOUS, Case.VERY_SERIOUS, Case.ESPECIALLY_SERIOUS

# (title template, crimes, severity weights LS/SE/VS/ES). {org}: an organisation, {place}: a
# commune-level unit valid when the case arose, {activity}: what the offence concerned.
TEMPLATES = {
    COR: [
        ("Tham ô tài sản tại {org}", "Điều 353 - Tham ô tài sản", (0, 30, 40, 30)),
        ("Nhận hối lộ trong {activity} tại {org}", "Điều 354 - Nhận hối lộ", (0, 35, 40, 25)),
        (
            "Đưa, nhận hối lộ trong {activity} tại {org}",
            "Điều 354 - Nhận hối lộ; Điều 364 - Đưa hối lộ",
            (0, 40, 40, 20),
        ),
        (
            "Lạm dụng chức vụ, quyền hạn chiếm đoạt tiền chính sách tại {place}",
            "Điều 355 - Lạm dụng chức vụ, quyền hạn chiếm đoạt tài sản",
            (10, 55, 30, 5),
        ),
        (
            "Lợi dụng chức vụ, quyền hạn trong khi thi hành công vụ tại {org}",
            "Điều 356 - Lợi dụng chức vụ, quyền hạn trong khi thi hành công vụ",
            (15, 55, 25, 5),
        ),
    ],
    ECO: [
        (
            "Vi phạm quy định về đấu thầu gây hậu quả nghiêm trọng tại {org}",
            "Điều 222 - Vi phạm quy định về đấu thầu gây hậu quả nghiêm trọng",
            (10, 50, 30, 10),
        ),
        (
            "Vi phạm quy định về quản lý đất đai tại {place}",
            "Điều 229 - Vi phạm các quy định về quản lý đất đai",
            (30, 50, 20, 0),
        ),
        (
            "Vi phạm quy định về kế toán gây hậu quả nghiêm trọng tại {org}",
            "Điều 221 - Vi phạm quy định của Nhà nước về kế toán gây hậu quả nghiêm trọng",
            (40, 45, 15, 0),
        ),
        (
            "Vi phạm quy định về quản lý, sử dụng tài sản nhà nước gây thất thoát, lãng phí "
            "tại {org}",
            "Điều 219 - Vi phạm quy định về quản lý, sử dụng tài sản nhà nước gây thất thoát, "
            "lãng phí",
            (10, 45, 35, 10),
        ),
        (
            "Vi phạm quy định về đầu tư công trình xây dựng gây hậu quả nghiêm trọng tại {project}",
            "Điều 224 - Vi phạm quy định về đầu tư công trình xây dựng gây hậu quả nghiêm trọng",
            (5, 40, 40, 15),
        ),
        (
            "Thiếu trách nhiệm gây hậu quả nghiêm trọng trong {activity} tại {org}",
            "Điều 360 - Thiếu trách nhiệm gây hậu quả nghiêm trọng",
            (50, 40, 10, 0),
        ),
        ("Trốn thuế tại {company}", "Điều 200 - Trốn thuế", (30, 50, 20, 0)),
    ],
    PUB: [
        (
            "Lừa đảo chiếm đoạt tài sản dưới hình thức huy động vốn tại {place}",
            "Điều 174 - Lừa đảo chiếm đoạt tài sản",
            (0, 30, 40, 30),
        ),
        (
            "Khai thác cát trái phép trên sông đoạn qua {place}",
            "Điều 227 - Vi phạm quy định về nghiên cứu, thăm dò, khai thác tài nguyên",
            (40, 50, 10, 0),
        ),
        (
            "Gây ô nhiễm môi trường tại cơ sở sản xuất của {company}",
            "Điều 235 - Gây ô nhiễm môi trường",
            (30, 50, 20, 0),
        ),
        (
            "Cho vay lãi nặng trong giao dịch dân sự tại {place}",
            "Điều 201 - Cho vay lãi nặng trong giao dịch dân sự",
            (40, 60, 0, 0),
        ),
    ],
}
INCIDENTS = [
    "Phản ánh sai phạm trong bồi thường, giải phóng mặt bằng {project}",
    "Phản ánh việc thu, chi các khoản đóng góp của nhân dân tại {place}",
    "Phản ánh việc cấp giấy chứng nhận quyền sử dụng đất sai đối tượng tại {place}",
    "Phản ánh sai phạm trong xét duyệt hộ nghèo, hộ cận nghèo tại {place}",
]
ORGS = [
    "Kho bạc Nhà nước khu vực Hòa Sơn",
    "Văn phòng đăng ký đất đai tỉnh",
    "Trung tâm Phát triển quỹ đất tỉnh",
    "Bệnh viện đa khoa tỉnh",
    "Trung tâm Kiểm soát bệnh tật tỉnh",
    "Quỹ Đầu tư phát triển tỉnh",
    "Công ty TNHH MTV Thủy lợi Hòa Sơn",
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
    "Trung tâm Đăng kiểm xe cơ giới Hòa Sơn",
    "Chi cục Thuế khu vực Hòa Sơn",
    "Bảo hiểm xã hội tỉnh",
    "Ủy ban nhân dân {place}",
    "Trường Trung học phổ thông chuyên Hòa Sơn",
]
ACTIVITIES = [
    "cấp giấy chứng nhận quyền sử dụng đất",
    "đăng kiểm phương tiện",
    "thẩm định hồ sơ dự án",
    "mua sắm trang thiết bị y tế",
    "quyết toán thuế",
    "tuyển dụng viên chức",
    "cấp phép khai thác khoáng sản",
    "chi trả tiền bồi thường, hỗ trợ tái định cư",
]
PROJECTS = [
    "dự án đường tỉnh 265",
    "dự án khu đô thị Đồng Quang",
    "dự án hồ chứa nước Bản Ngoại",
    "dự án cụm công nghiệp Kha Sơn",
    "dự án đường vành đai phía Tây thành phố",
    "dự án kè chống sạt lở sông Cầu",
]
COMPANIES = [
    "Công ty cổ phần Khoáng sản Hòa Sơn",
    "Công ty TNHH Xây dựng Thành Đạt",
    "Công ty cổ phần Môi trường đô thị Hòa Sơn",
    "Công ty TNHH Thương mại Phú An",
    "Công ty cổ phần Đầu tư Tân Phát",
]
CATEGORY_REASON = {
    COR: (
        "corruption",
        [
            "Tham nhũng nghiêm trọng, dư luận quan tâm",
            "Nhiều bị can là cán bộ, đảng viên",
            "Thiệt hại lớn, liên quan cán bộ lãnh đạo, quản lý",
            "",
        ],
    ),
    ECO: ("economic", ["Thiệt hại lớn, liên quan cán bộ lãnh đạo doanh nghiệp nhà nước", "", ""]),
    PUB: ("public_concern", ["Dư luận xã hội quan tâm", ""]),
}
REMOVE_REASONS = [
    "Bản án đã có hiệu lực pháp luật, đã thu hồi tài sản",
    "Đã xét xử, khắc phục xong hậu quả",
    "Đã thi hành án xong",
]
REPORT_TEXT = {
    CaseStage.ACCUSATION: [
        "Đang xác minh nguồn tin; đã làm việc với các cá nhân có liên quan.",
        "Đã thu thập tài liệu, chứng cứ; đang trưng cầu giám định.",
    ],
    CaseStage.PROSECUTION: ["Đã ra quyết định khởi tố vụ án."],
    CaseStage.INVESTIGATION: [
        "Đã trưng cầu giám định thiệt hại; chờ kết quả giám định.",
        "Đang hỏi cung bị can, xác minh dòng tiền.",
        "Đã kê biên, phong tỏa tài sản để bảo đảm thu hồi.",
        "Đang làm rõ trách nhiệm của các cá nhân có liên quan.",
    ],
    CaseStage.INDICTMENT: [
        "Đang nghiên cứu hồ sơ để quyết định việc truy tố.",
        "Đã ban hành cáo trạng; chuyển hồ sơ sang Tòa án.",
    ],
    CaseStage.TRIAL: [
        "Đang nghiên cứu hồ sơ; dự kiến mở phiên tòa trong quý tới.",
        "Đã có quyết định đưa vụ án ra xét xử.",
    ],
    CaseStage.APPEAL: ["Đã thụ lý kháng cáo; đang chuẩn bị xét xử phúc thẩm."],
    CaseStage.ENFORCEMENT: [
        "Đang tổ chức thi hành phần dân sự của bản án.",
        "Đã thu được một phần tiền, tài sản; tiếp tục xác minh điều kiện thi hành án.",
    ],
}
QUESTIONS = [
    "Đề nghị giải trình lý do chậm so với thời hạn {stage}.",
    "Đề nghị báo cáo tiến độ và thời điểm kết thúc {stage}.",
]
ANSWERS = [
    "Vụ án phức tạp, nhiều bị can; đang chờ kết quả giám định. Sẽ hoàn thành trong tháng tới.",
    "Đã khắc phục; dự kiến kết thúc trong thời hạn gia hạn.",
    "Do phải ủy thác tư pháp, xác minh ở nhiều địa phương; đã báo cáo cơ quan cấp trên.",
]
STAGE_LABEL = dict(CaseStage.STAGES)


class Due:
    """Due dates of the rule table, rules and calendar fetched once (as
    ``core.selectors.due_date`` computes them, without a query per call)."""

    def __init__(self):
        from noichinh.core.selectors import DatedSpecs, work_calendar

        self.specs = DatedSpecs()
        self.calendar = work_calendar()
        self.cache: dict = {}

    def __call__(self, rule: str, start: dt.date, variant: str | None = None):
        key = (rule, start, variant)
        hit = self.cache.get(key)
        if hit is None:
            spec = self.specs.spec(rule, start)
            dd = cal.compute_due(spec, start, variant=variant, calendar=self.calendar)
            hit = self.cache[key] = (dd.due, dd.explain())
        return hit

    def variants(self, rule: str, on: dt.date, flags: set[str] = frozenset()) -> list[str]:
        """The extension variants in the order ``services.next_extension_variant`` takes them."""
        spec = self.specs.spec(rule, on)
        return [
            name
            for name in sorted(spec.variants or {})
            if not spec.variants[name].get("requires") or spec.variants[name]["requires"] in flags
        ]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _day_between(rng, a: dt.date, b: dt.date) -> dt.date:
    return a + D(days=rng.randint(0, max(0, (b - a).days)))


class _Ctx:
    """What the plan needs from the organisation, in a fixed order."""

    def __init__(self, ctx: dict | None):
        from noichinh.devdata.demo import org as demo
        from noichinh.org.models import Agency, AreaUnit, User

        if ctx is None:
            ctx = demo.load()
        self.agencies = ctx.get("agencies") or {a.code: a for a in Agency.objects.all()}
        units_old = ctx.get("units_old")
        units_new = ctx.get("units_new")
        if units_old is None:
            units_old = list(
                AreaUnit.objects.filter(level=AreaUnit.COMMUNE, valid_to=REFORM).order_by("code")
            )
        if units_new is None:
            units_new = list(
                AreaUnit.objects.filter(level=AreaUnit.COMMUNE, valid_from=REFORM).order_by("code")
            )
        self.units_old = [u for u in units_old if u.code.startswith("HS")] or list(units_old)
        self.units_new = list(units_new)
        self.district_of = dict(
            AreaUnit.objects.filter(level=AreaUnit.COMMUNE).values_list("pk", "parent__code")
        )
        users = ctx.get("users") or {}
        self.secretary = users.get("thuky") or User.objects.filter(username="thuky").first()
        self.officers = ctx.get("officers") or {}

    def unit_on(self, rng, day: dt.date):
        pool = self.units_old if day < REFORM else self.units_new
        return rng.choice(pool) if pool else None

    def officer(self, rng, code: str):
        people = self.officers.get(code) or []
        return rng.choice(people) if people else None

    def police_for(self, unit, day: dt.date):
        """The district police of the unit's district when it still existed, else None."""
        district = self.district_of.get(unit.pk) if unit is not None else None
        agency = self.agencies.get(f"CA-{district}") if district else None
        return agency if agency is not None and agency.is_valid_on(day) else None

    def in_charge(self, agency, day: dt.date):
        """``agency`` if it still exists on ``day``, else the provincial police."""
        return agency if agency.is_valid_on(day) else self.agencies["CA"]


def _title(rng, field: str, kind: str, place: str):
    fill = dict(
        place=place,
        activity=rng.choice(ACTIVITIES),
        project=rng.choice(PROJECTS),
        company=rng.choice(COMPANIES),
    )
    fill["org"] = rng.choice(ORGS).format(place=place)
    if kind == Case.INCIDENT:
        return rng.choice(INCIDENTS).format(**fill), "", SE
    template, crimes, weights = rng.choice(TEMPLATES[field])
    severity = rng.choices([LS, SE, VS, ES], weights)[0]
    return template.format(**fill), crimes, severity


def _number(rng, suffix: str) -> str:
    return f"{rng.randint(1, 199):02d}/{suffix}"


def _stage_rows(rng, due: Due, case: dict, org: _Ctx, end: dt.date) -> dict:
    """The stages of ``case`` up to ``end``; returns {"stages", "finished_on"}."""
    a = org.agencies
    severity = case["severity"]
    unit = case["unit"]
    start = min(case["arisen_on"] + D(days=rng.randint(3, 40)), end)
    stages: list[dict] = []
    if case["kind"] == Case.INCIDENT:
        sequence = [CaseStage.ACCUSATION]
    else:
        sequence = [CaseStage.ACCUSATION, CaseStage.PROSECUTION] if rng.random() < 0.4 else []
        sequence += [CaseStage.INVESTIGATION, CaseStage.INDICTMENT, CaseStage.TRIAL]
        if rng.random() < 0.3:
            sequence.append(CaseStage.APPEAL)
        sequence.append(CaseStage.ENFORCEMENT)
    finished_on = None
    day = start
    for name in sequence:
        if day > end:
            break
        # The agency in charge: valid on the day the stage starts.
        if name in (CaseStage.ACCUSATION, CaseStage.PROSECUTION, CaseStage.INVESTIGATION):
            district = org.police_for(unit, day) if severity in (LS, SE) else None
            if name == CaseStage.ACCUSATION and rng.random() < 0.15:
                agency = a["TTT"]
            elif district is not None and rng.random() < 0.5:
                agency = district
            else:
                agency = a["CA"]
            if stages and name != CaseStage.ACCUSATION:
                previous = stages[-1]["agency"]
                agency = org.in_charge(previous, day) if previous.code != "TTT" else a["CA"]
        elif name == CaseStage.INDICTMENT:
            agency = a["VKS"]
        elif name in (CaseStage.TRIAL, CaseStage.APPEAL):
            agency = a["TAND"]
        else:
            agency = a["THADS"]
        row = dict(
            stage=name,
            agency=agency,
            started_on=day,
            start_decision="",
            ended_on=None,
            outcome="",
            rule_code="",
            variant="",
            due_on=None,
            due_explanation="",
            extensions=[],
        )
        if name == CaseStage.PROSECUTION:
            row["start_decision"] = f"QĐ khởi tố vụ án số {_number(rng, 'QĐ-CSKT')}"
        elif name == CaseStage.INVESTIGATION and not stages:
            row["start_decision"] = f"QĐ khởi tố vụ án số {_number(rng, 'QĐ-CSKT')}"
        elif name == CaseStage.TRIAL:
            row["start_decision"] = f"Thụ lý số {rng.randint(1, 120)}/{day.year}/TLST-HS"
        elif name == CaseStage.ACCUSATION and agency.code == "TTT":
            row["start_decision"] = "Kết luận thanh tra chuyển cơ quan điều tra"
        template = CaseStage.STAGE_RULES.get(name)
        finish = None  # planned end of the stage (may be after ``end``)
        if template:
            rule = template.format(severity=severity)
            # At most three extensions in generated data (the weights below); the rule may allow more.
            variants = due.variants(rule, day)[:3]
            dues = [due(rule, day, None)] + [due(rule, day, v) for v in variants]
            weights = [55, 30, 12, 3][: len(dues)]
            k = rng.choices(range(len(dues)), weights)[0]
            floor = dues[k - 1][0] if k else day + D(days=max(1, (dues[0][0] - day).days // 3))
            if rng.random() < 0.1:
                finish = dues[k][0] + D(days=rng.randint(3, 45))  # late
            else:
                finish = _day_between(rng, min(floor, dues[k][0]), dues[k][0])
            applied = None
            for i in range(k):
                decided = max(day + D(days=1), dues[i][0] - D(days=rng.randint(2, 12)))
                if decided > end or decided >= finish:
                    break
                applied = i + 1
                row["extensions"].append(
                    dict(
                        variant=variants[i],
                        decision_number=_number(rng, "QĐ-VKS"),
                        decision_date=decided,
                        due_on=dues[i + 1][0],
                    )
                )
            index = applied or 0
            row["rule_code"] = rule
            row["variant"] = variants[index - 1] if index else ""
            row["due_on"], row["due_explanation"] = dues[index]
            if index < k and finish > dues[index][0]:
                # Extensions after ``end`` did not happen yet: the stage ends by its due date.
                last = row["extensions"][-1]["decision_date"] if index else day
                finish = _day_between(rng, last + D(days=1), dues[index][0])
        elif name == CaseStage.PROSECUTION:
            finish = day
        if name in CaseStage.LIMIT_FOR_AN_ACT:
            # The limit is for the decision to enforce; the stage runs until the sentence is served.
            finish = day + D(days=rng.randint(60, 400)) if rng.random() < 0.5 else None
            # The decision to enforce (art. 364: 7 days), a few late, a few not yet made.
            act = day + D(days=rng.choice([2, 3, 5, 6, 7, 7, 9]))
            if act <= end and rng.random() < 0.95:
                row["act_on"], row["act_decision"] = act, f"{rng.randint(1, 300)}/QĐ-THA"
        if agency.valid_to is not None and (finish is None or finish >= agency.valid_to):
            # District police ceased on 1/7/2025: what they still had went to the province.
            row["agency"] = a["CA"]
        stages.append(row)
        if finish is None or finish > end:
            break
        if name == CaseStage.TRIAL:
            row["ended_on"], row["outcome"] = finish, "Xét xử sơ thẩm"
            day = finish + D(days=rng.randint(30, 120))
        elif name == CaseStage.APPEAL:
            row["ended_on"], row["outcome"] = finish, "Xét xử phúc thẩm"
            day = finish + D(days=rng.randint(20, 90))
        elif name == CaseStage.ENFORCEMENT:
            row["ended_on"] = finish
            row["outcome"] = rng.choice(["Thi hành án xong", "Thi hành xong phần dân sự"])
        else:
            # The next stage starts the day this one ends (services.stage_start ends it).
            row["ended_on"] = finish
            day = finish
    if len(stages) == len(sequence) and stages[-1]["ended_on"] is not None:
        finished_on = stages[-1]["ended_on"]
        if case["kind"] == Case.INCIDENT:
            stages[-1]["outcome"] = "Không khởi tố vụ án; chuyển xử lý hành chính"
    return {"stages": stages, "finished_on": finished_on}


def plan(*, ctx: dict | None, n: int, years: int, rng: random.Random, end: dt.date, seed=1):
    """The rows to write, as plain dicts (no database writes): (cases, decisions)."""
    return _plan(_Ctx(ctx), n=n, years=years, rng=rng, end=end, seed=seed)


def _plan(org: _Ctx, *, n, years, rng, end, seed):
    due = Due()
    start = end - D(days=365 * max(1, years))
    count = max(n // PER_PETITIONS, MIN_PER_YEAR) * max(1, years)
    cases = []
    for _ in range(count):
        # Some cases arose before the period and are carried into it.
        arisen = _day_between(rng, start - D(days=150), end - D(days=5))
        field = rng.choices([COR, ECO, PUB], [45, 40, 15])[0]
        kind = Case.INCIDENT if field == PUB and rng.random() < 0.4 else Case.CRIMINAL
        unit = org.unit_on(rng, arisen)
        place = _lower_first(unit.name) if unit else "tỉnh Hòa Sơn"
        title, crimes, severity = _title(rng, field, kind, place)
        if kind == Case.INCIDENT:
            defendants = managers = party = 0
        else:
            defendants = rng.choices(range(1, 11), [25, 22, 16, 11, 8, 6, 4, 3, 3, 2])[0]
            managers = rng.randint(1 if field == ECO and rng.random() < 0.6 else 0, defendants)
            party = rng.randint(min(managers, defendants), defendants)
        damage = rng.choice([0, rng.randint(5, 400) * 10_000_000, rng.randint(1, 60) * 10**9])
        if "hối lộ" in title:
            damage = 0
        recovered = (
            rng.randint(0, damage // 10_000_000) * 10_000_000
            if damage
            else rng.choice([0, rng.randint(5, 150) * 10_000_000])
        )
        case = dict(
            kind=kind,
            field=field,
            title=title,
            crimes=crimes,
            severity=severity,
            unit=unit,
            arisen_on=arisen,
            defendants_count=defendants,
            managers_count=managers,
            party_members_count=party,
            damage_vnd=damage,
            recovered_vnd=recovered,
        )
        case.update(_stage_rows(rng, due, case, org, end))
        cases.append(case)
    # Numbers by prefix and year of arising, in the order the cases arose.
    prefix = {COR: "TN", ECO: "KT", PUB: "VA"}  # VA: vụ án dư luận quan tâm; VV: vụ việc
    seq: dict[tuple[str, int], int] = {}
    for case in sorted(cases, key=lambda c: (c["arisen_on"], c["title"])):
        p = "VV" if case["kind"] == Case.INCIDENT else prefix[case["field"]]
        key = (p, case["arisen_on"].year)
        seq[key] = seq.get(key, 0) + 1
        case["number"] = f"G{seed}-{p}-{key[1]}-{seq[key]:03d}"
    decisions = _supervision(rng, cases, start, end, seed)
    _follow_and_reports(rng, org, cases, start, end)
    return cases, decisions


def _decision_days(first: dt.date, end: dt.date, day_of_month: int) -> list[dt.date]:
    out = []
    year, month = first.year, first.month
    while True:
        day = dt.date(year, month, day_of_month)
        while day.weekday() >= 5:
            day += D(days=1)
        if day > end:
            return out
        if day >= first:
            out.append(day)
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)


def _next_day(days: list[dt.date], after: dt.date) -> dt.date | None:
    for day in days:
        if day >= after:
            return day
    return None


def _supervision(rng, cases, start, end, seed) -> list[dict]:
    """Additions on monthly decision days, removals on quarterly ones; returns decisions
    (each with its entries) in date order."""
    first = start - D(days=150)
    add_days = _decision_days(first, end, 12)
    remove_days = [d for d in _decision_days(first, end, 25) if d.month % 3 == 0]
    by_day: dict[tuple[dt.date, str], list] = {}
    for case in cases:
        if not case["stages"]:
            continue
        chance = {
            COR: 0.75 if case["severity"] != LS else 0.3,
            ECO: 0.55 if case["managers_count"] else 0.2,
            PUB: 0.3,
        }[case["field"]]
        if rng.random() >= chance:
            continue
        eligible = case["stages"][0]["started_on"] + D(days=rng.randint(5, 60))
        added = _next_day(add_days, max(eligible, case["arisen_on"]))
        if added is None:
            continue
        category, reasons = CATEGORY_REASON[case["field"]]
        by_day.setdefault((added, SupervisionDecision.ADD), []).append(
            (case, category, rng.choice(reasons))
        )
        case["added_on"] = added
        done = case["finished_on"]
        if done is None:
            trial = next((s for s in case["stages"] if s["stage"] == CaseStage.TRIAL), None)
            if trial and trial["ended_on"] and rng.random() < 0.3:
                done = trial["ended_on"]
        if done is not None:
            removed = _next_day(remove_days, max(done + D(days=10), added + D(days=1)))
            if removed is not None:
                by_day.setdefault((removed, SupervisionDecision.REMOVE), []).append(
                    (case, "", rng.choice(REMOVE_REASONS))
                )
                case["removed_on"] = removed
    decisions = []
    for k, (day, kind) in enumerate(sorted(by_day), start=1):
        steering = day.month % 2 == 0
        suffix = "QĐ/BCĐ" if steering else "QĐ/TU"
        decisions.append(
            dict(
                number=f"G{seed}-{k}-{suffix}",
                date=day,
                kind=kind,
                issuer="Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh"
                if steering
                else "Ban Thường vụ Tỉnh ủy",
                entries=by_day[(day, kind)],
            )
        )
    return decisions


def _follow_and_reports(rng, org, cases, start, end):
    for case in cases:
        stages = case["stages"]
        first = stages[0]["started_on"] if stages else case["arisen_on"]
        followed_from = first + D(days=rng.randint(0, 20))
        if case.get("added_on"):
            followed_from = min(followed_from, case["added_on"])
        case["followed_from"] = min(followed_from, end)
        until = case.get("removed_on")
        if until is None and case["finished_on"] and not case.get("added_on"):
            until = max(followed_from, min(end, case["finished_on"] + D(days=rng.randint(0, 30))))
        case["followed_until"] = until
        # Carried over into the next year when not finished in the year it arose.
        year_end = dt.date(case["arisen_on"].year, 12, 31)
        open_at_year_end = case["finished_on"] is None or case["finished_on"] > year_end
        case["carried_over_from_year"] = (
            case["arisen_on"].year if open_at_year_end and year_end < end else None
        )
        # Quarterly progress reports by the agency in charge, within the period.
        case["reports"] = []
        stop = min(end, case["finished_on"] or end)
        day = followed_from + D(days=rng.randint(20, 60))
        while day <= stop and stages:
            current = [s for s in stages if s["started_on"] <= day][-1:]
            if current and day >= start:
                stage = current[0]
                agency = org.in_charge(stage["agency"], day)
                case["reports"].append(
                    dict(
                        agency=agency,
                        reported_on=day,
                        content=rng.choice(REPORT_TEXT[stage["stage"]]),
                        created_by=org.officer(rng, agency.code),
                    )
                )
            day += D(days=rng.randint(80, 100))
        # Explanation requests on overdue stages.
        case["requests"] = []
        for stage in stages:
            due_on = stage["due_on"]
            if due_on is None or due_on >= end:
                continue
            late = stage["ended_on"] is None or stage["ended_on"] > due_on
            if not late or rng.random() >= 0.6:
                continue
            asked = due_on + D(days=rng.randint(3, 20))
            if asked > end or not stage["agency"].is_valid_on(asked):
                continue
            request = dict(
                addressed_to=stage["agency"],
                requested_on=asked,
                answer_by=asked + D(days=10),
                question=rng.choice(QUESTIONS).format(
                    stage=_lower_first(str(STAGE_LABEL[stage["stage"]]))
                ),
                answer="",
                answered_on=None,
                answered_by=None,
            )
            answered = asked + D(days=rng.randint(2, 14))
            if answered <= end and rng.random() < 0.7:
                request.update(
                    answer=rng.choice(ANSWERS),
                    answered_on=answered,
                    answered_by=org.officer(rng, stage["agency"].code),
                )
            case["requests"].append(request)


def _write(cases, decisions, org: _Ctx, batch_size: int) -> dict:
    bnc = org.agencies.get("BNC")
    secretary = org.secretary
    objs = []
    for c in cases:
        objs.append(
            Case(
                number=c["number"],
                title=c["title"],
                title_folded=fold(f"{c['title']} {c['number']} {c['crimes']}")[:600],
                kind=c["kind"],
                field=c["field"],
                crimes=c["crimes"],
                severity=c["severity"],
                following_agency=bnc,
                followed_from=c["followed_from"],
                followed_until=c["followed_until"],
                defendants_count=c["defendants_count"],
                managers_count=c["managers_count"],
                party_members_count=c["party_members_count"],
                damage_vnd=c["damage_vnd"],
                recovered_vnd=c["recovered_vnd"],
                arisen_on=c["arisen_on"],
                carried_over_from_year=c["carried_over_from_year"],
                area_unit=c["unit"],
                created_by=secretary,
            )
        )
    Case.objects.bulk_create(objs, batch_size=batch_size)
    for c, obj in zip(cases, objs, strict=True):
        c["obj"] = obj
    stage_objs, plans = [], []
    for c in cases:
        for s in c["stages"]:
            stage_objs.append(
                CaseStage(
                    case=c["obj"],
                    **{k: v for k, v in s.items() if k != "extensions"},
                )
            )
            plans.append(s["extensions"])
    CaseStage.objects.bulk_create(stage_objs, batch_size=batch_size)
    extensions = [
        StageExtension(stage=stage, created_by=secretary, **e)
        for stage, exts in zip(stage_objs, plans, strict=True)
        for e in exts
    ]
    StageExtension.objects.bulk_create(extensions, batch_size=batch_size)
    decision_objs = [
        SupervisionDecision(number=d["number"], date=d["date"], kind=d["kind"], issuer=d["issuer"])
        for d in decisions
    ]
    SupervisionDecision.objects.bulk_create(decision_objs, batch_size=batch_size)
    entries = [
        SupervisionEntry(
            decision=obj,
            case=case["obj"],
            date=d["date"],
            kind=d["kind"],
            category=category,
            reason=reason,
            created_by=secretary,
        )
        for d, obj in zip(decisions, decision_objs, strict=True)
        for case, category, reason in d["entries"]
    ]
    SupervisionEntry.objects.bulk_create(entries, batch_size=batch_size)
    reports = [ProgressReport(case=c["obj"], **r) for c in cases for r in c["reports"]]
    ProgressReport.objects.bulk_create(reports, batch_size=batch_size)
    requests = [
        ExplanationRequest(case=c["obj"], requested_by=secretary, **r)
        for c in cases
        for r in c["requests"]
    ]
    ExplanationRequest.objects.bulk_create(requests, batch_size=batch_size)
    return {
        "cases": len(objs),
        "case_stages": len(stage_objs),
        "case_extensions": len(extensions),
        "supervision_entries": len(entries),
        "case_reports": len(reports),
        "case_requests": len(requests),
    }


def generate_cases(
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
    """Generate the monitored cases; returns counts ({} when seed ``seed`` already ran)."""
    if Case.objects.filter(number__startswith=f"G{seed}-").exists():
        return {}
    end = min(end or clock.today(), clock.today())
    rng = rng or random.Random(f"{seed}:cases")
    org = _Ctx(ctx)
    cases, decisions = _plan(org, n=n, years=years, rng=rng, end=end, seed=seed)
    with transaction.atomic():
        counts = _write(cases, decisions, org, batch_size)
    if stdout is not None:
        stdout.write(
            f"Vụ án theo dõi: {counts['cases']} vụ, {counts['case_stages']} giai đoạn, "
            f"{counts['supervision_entries']} lượt đưa vào, đưa ra danh sách."
        )
    return counts
