"""Demo cases: seed 003 (H1/2020, 1/1/2020–30/6/2020) and a few later cases (2022–2026).

Seed 003 says: the Internal Affairs Committee followed and urged **5** economic cases
involving managers, **2** of them on the Standing Committee's list; it had **1** case taken
off the list; it goes on following 4 economic cases; **4** corruption cases are on the list,
**2** of them carried over from 2019. The records below make these numbers with the
definitions of ``selectors`` (module docstring) and the codes of ``figures``:

==========  =====================  ==========================  ===================================
case        follow window (BNC)    supervision decisions       counts in H1/2020
==========  =====================  ==========================  ===================================
KT-01       01/06/2019 –           add 15/07/2019              followed, on list at end
KT-02       10/02/2020 –           add 05/03/2020              followed, on list at end, added
KT-03       10/01/2019–20/05/2020  add 20/02/2019,             followed, **removed** 20/05/2020
                                   remove 20/05/2020           (so not on the list at the end)
KT-04       01/03/2020 –           —                           followed
KT-05       01/11/2019 –           —                           followed
TN-01       10/05/2019 –           add 10/05/2019              on list at end, carried over 2019
TN-02       25/09/2019 –           add 25/09/2019              on list at end, carried over 2019
TN-03       18/02/2020 –           add 18/02/2020              on list at end, added
TN-04       10/04/2020 –           add 10/04/2020              on list at end, added
==========  =====================  ==========================  ===================================

All KT cases are economic with ``managers_count`` > 0; all TN cases are corruption cases.
Hence for start=1/1/2020, end=30/6/2020:

- ``cases.economic_managers.followed`` = 5 (KT-01…05: windows meet the period);
- ``cases.economic_managers.on_list_end`` = 2 (KT-01, KT-02: latest decision on or before
  30/6/2020 is an addition; KT-03's is the removal);
- ``cases.removed`` = 1 (KT-03: the only removal dated in the period, and it changes the
  state because KT-03 was on the list the day before);
- ``cases.economic_managers.followed_end`` = 4 (KT-03's window ends 20/05/2020);
- ``cases.corruption.on_list_end`` = 4 (TN-01…04);
- ``cases.corruption.carried_over`` = 2 (TN-01, TN-02: ``carried_over_from_year`` = 2019,
  before the period's year 2020; TN-03 and TN-04 arose in 2020 and have none).

No other case is followed, added or removed in H1/2020: the later cases arise from 2022.
The later cases have stages computed from the rule table; with today's date in late 2026,
TN-2025-02 (trial preparation) and TN-2025-01 (investigation, twice extended) are overdue.

Idempotent: each case is keyed by its number; a case that exists is left as it is.
"""

import datetime as dt

from noichinh.cases import services
from noichinh.cases.models import Case
from noichinh.org.models import AreaUnit

D = dt.date
ECO, COR, PUB = Case.ECONOMIC, Case.CORRUPTION, Case.PUBLIC_CONCERN

# Each case: fields; "list": [(kind, number, date, category, reason)];
# "stages": [(stage, agency code, start, decision, [(extension number, date)])];
# "end": (date, outcome) of the last stage; "reports": [(agency, date, text)];
# "requests": [(agency, date, question, answer_date, answer)].
CASES = [
    {
        "number": "KT-01",
        "title": "Vi phạm quy định về quản lý, sử dụng tài sản nhà nước gây thất thoát, "
        "lãng phí tại Công ty TNHH MTV Thủy lợi Hòa Sơn",
        "field": ECO,
        "severity": Case.VERY_SERIOUS,
        "crimes": "Điều 219 - Vi phạm quy định về quản lý, sử dụng tài sản nhà nước gây "
        "thất thoát, lãng phí",
        "counts": (4, 2, 3),
        "damage": 7_300_000_000,
        "recovered": 2_150_000_000,
        "arisen": D(2019, 5, 10),
        "carried": 2019,
        "area": "HS-TP",
        "followed": (D(2019, 6, 1), None),
        "list": [
            (
                "add",
                "98-QĐ/TU",
                D(2019, 7, 15),
                "economic",
                "Thiệt hại lớn, liên quan cán bộ lãnh đạo doanh nghiệp nhà nước",
            )
        ],
        "stages": [
            (
                "investigation",
                "CA",
                D(2019, 6, 20),
                "QĐ khởi tố vụ án số 21/QĐ-CSKT",
                [("15/QĐ-VKS", D(2019, 10, 10)), ("02/QĐ-VKS", D(2020, 2, 10))],
            ),
            ("indictment", "VKS", D(2020, 6, 15), "", []),
            (
                "trial",
                "TAND",
                D(2020, 7, 10),
                "Thụ lý số 35/2020/TLST-HS",
                [],
                (D(2020, 9, 8), "Xét xử sơ thẩm"),
            ),
            ("enforcement", "THADS", D(2021, 1, 15), "", []),
        ],
    },
    {
        "number": "KT-02",
        "title": "Cố ý làm trái quy định về đấu thầu tại Ban Quản lý dự án đầu tư xây dựng "
        "huyện Phú Bình",
        "field": ECO,
        "severity": Case.SERIOUS,
        "crimes": "Điều 222 - Vi phạm quy định về đấu thầu gây hậu quả nghiêm trọng",
        "counts": (3, 1, 2),
        "damage": 1_250_000_000,
        "recovered": 400_000_000,
        "arisen": D(2020, 1, 20),
        "area": "HS-PB",
        "followed": (D(2020, 2, 10), None),
        "list": [("add", "210-QĐ/TU", D(2020, 3, 5), "economic", "")],
        "stages": [
            (
                "investigation",
                "CA",
                D(2020, 2, 10),
                "QĐ khởi tố vụ án số 05/QĐ-CSKT",
                [("12/QĐ-VKS", D(2020, 5, 5))],
            ),
            ("indictment", "VKS", D(2020, 8, 5), "", []),
            ("trial", "TAND", D(2020, 8, 24), "", [], (D(2020, 10, 6), "Xét xử sơ thẩm")),
            ("enforcement", "THADS", D(2021, 2, 1), "", []),
        ],
    },
    {
        "number": "KT-03",
        "title": "Lập quỹ trái phép và tham ô tại Trung tâm Phát triển quỹ đất huyện Đại Lâm",
        "field": ECO,
        "severity": Case.SERIOUS,
        "crimes": "Điều 356 - Lợi dụng chức vụ, quyền hạn trong khi thi hành công vụ",
        "counts": (2, 2, 2),
        "damage": 820_000_000,
        "recovered": 820_000_000,
        "arisen": D(2018, 11, 5),
        "carried": 2019,
        "area": "HS-DT",
        "followed": (D(2019, 1, 10), D(2020, 5, 20)),
        "list": [
            ("add", "41-QĐ/TU", D(2019, 2, 20), "economic", ""),
            (
                "remove",
                "245-QĐ/TU",
                D(2020, 5, 20),
                "",
                "Bản án phúc thẩm đã có hiệu lực, đã thu hồi đủ tài sản",
            ),
        ],
        "stages": [
            ("trial", "TAND", D(2019, 9, 10), "", [], (D(2019, 10, 22), "Xét xử sơ thẩm")),
            ("appeal", "TAND", D(2019, 12, 20), "", [], (D(2020, 2, 14), "Xét xử phúc thẩm")),
            ("enforcement", "THADS", D(2020, 3, 2), "", []),
        ],
        "end": (D(2020, 5, 15), "Thi hành xong phần dân sự"),
    },
    {
        "number": "KT-04",
        "title": "Vi phạm quy định về quản lý đất đai tại xã Kha Sơn",
        "field": ECO,
        "severity": Case.SERIOUS,
        "crimes": "Điều 229 - Vi phạm các quy định về quản lý đất đai",
        "counts": (2, 1, 1),
        "damage": 560_000_000,
        "recovered": 120_000_000,
        "arisen": D(2020, 2, 14),
        "area": "HS-PB",
        "followed": (D(2020, 3, 1), None),
        "stages": [
            ("accusation", "CA", D(2020, 2, 20), "", []),
            ("prosecution", "CA", D(2020, 3, 10), "QĐ khởi tố số 09/QĐ-CSĐT", []),
            ("investigation", "CA", D(2020, 3, 10), "", []),
            ("indictment", "VKS", D(2020, 6, 5), "", []),
            ("trial", "TAND", D(2020, 6, 22), "", [], (D(2020, 8, 4), "Xét xử sơ thẩm")),
            ("enforcement", "THADS", D(2020, 11, 2), "", []),
        ],
    },
    {
        "number": "KT-05",
        "title": "Thiếu trách nhiệm gây hậu quả nghiêm trọng trong cấp phát vốn hỗ trợ nông "
        "nghiệp tại Sở Nông nghiệp",
        "field": ECO,
        "severity": Case.LESS_SERIOUS,
        "crimes": "Điều 360 - Thiếu trách nhiệm gây hậu quả nghiêm trọng",
        "counts": (1, 1, 1),
        "damage": 310_000_000,
        "recovered": 310_000_000,
        "arisen": D(2019, 10, 8),
        "carried": 2019,
        "area": "HS-TP",
        "followed": (D(2019, 11, 1), None),
        "stages": [
            ("investigation", "CA", D(2019, 11, 5), "", [("31/QĐ-VKS", D(2019, 12, 20))]),
            ("indictment", "VKS", D(2020, 2, 20), "", []),
            ("trial", "TAND", D(2020, 3, 6), "", [], (D(2020, 3, 31), "Xét xử sơ thẩm")),
            ("enforcement", "THADS", D(2020, 7, 1), "", []),
        ],
    },
    {
        "number": "TN-01",
        "title": "Tham ô tài sản tại Kho bạc Nhà nước huyện Phú Bình",
        "field": COR,
        "severity": Case.ESPECIALLY_SERIOUS,
        "crimes": "Điều 353 - Tham ô tài sản",
        "counts": (3, 2, 3),
        "damage": 12_600_000_000,
        "recovered": 5_400_000_000,
        "arisen": D(2019, 4, 2),
        "carried": 2019,
        "area": "HS-PB",
        "followed": (D(2019, 5, 10), None),
        "list": [
            (
                "add",
                "112-QĐ/TU",
                D(2019, 5, 10),
                "corruption",
                "Tham nhũng nghiêm trọng, dư luận quan tâm",
            )
        ],
        "stages": [
            (
                "investigation",
                "CA",
                D(2019, 4, 20),
                "",
                [("20/QĐ-VKS", D(2019, 8, 10)), ("44/QĐ-VKS", D(2019, 12, 5))],
            ),
            ("indictment", "VKS", D(2020, 3, 25), "", []),
            ("trial", "TAND", D(2020, 4, 20), "", [], (D(2020, 7, 15), "Xét xử sơ thẩm")),
            ("appeal", "TAND", D(2020, 10, 12), "", [], (D(2020, 12, 10), "Xét xử phúc thẩm")),
            ("enforcement", "THADS", D(2021, 3, 1), "", []),
        ],
    },
    {
        "number": "TN-02",
        "title": "Nhận hối lộ trong cấp giấy chứng nhận quyền sử dụng đất tại Văn phòng đăng "
        "ký đất đai tỉnh",
        "field": COR,
        "severity": Case.VERY_SERIOUS,
        "crimes": "Điều 354 - Nhận hối lộ",
        "counts": (2, 1, 2),
        "damage": 0,
        "recovered": 650_000_000,
        "arisen": D(2019, 8, 19),
        "carried": 2019,
        "area": "HS-TP",
        "followed": (D(2019, 9, 25), None),
        "list": [("add", "150-QĐ/TU", D(2019, 9, 25), "corruption", "")],
        "stages": [
            ("investigation", "CA", D(2019, 9, 2), "", [("27/QĐ-VKS", D(2019, 12, 25))]),
            ("indictment", "VKS", D(2020, 4, 28), "", []),
            ("trial", "TAND", D(2020, 5, 25), "", [], (D(2020, 7, 20), "Xét xử sơ thẩm")),
            ("enforcement", "THADS", D(2020, 9, 14), "", []),
        ],
    },
    {
        "number": "TN-03",
        "title": "Lợi dụng chức vụ, quyền hạn chiếm đoạt tiền chính sách tại xã Tân Hòa",
        "field": COR,
        "severity": Case.SERIOUS,
        "crimes": "Điều 355 - Lạm dụng chức vụ, quyền hạn chiếm đoạt tài sản",
        "counts": (2, 2, 1),
        "damage": 480_000_000,
        "recovered": 200_000_000,
        "arisen": D(2020, 1, 8),
        "area": "HS-PB",
        "followed": (D(2020, 2, 18), None),
        "list": [("add", "205-QĐ/TU", D(2020, 2, 18), "corruption", "")],
        "stages": [
            ("accusation", "TTT", D(2020, 1, 10), "Kết luận thanh tra chuyển cơ quan điều tra", []),
            ("prosecution", "CA", D(2020, 1, 30), "", []),
            ("investigation", "CA", D(2020, 1, 30), "", []),
            ("indictment", "VKS", D(2020, 4, 27), "", []),
            ("trial", "TAND", D(2020, 5, 15), "", [], (D(2020, 6, 29), "Xét xử sơ thẩm")),
            ("enforcement", "THADS", D(2020, 8, 20), "", []),
        ],
    },
    {
        "number": "TN-04",
        "title": "Tham ô tài sản tại Bệnh viện đa khoa huyện Đại Lâm",
        "field": COR,
        "severity": Case.SERIOUS,
        "crimes": "Điều 353 - Tham ô tài sản",
        "counts": (2, 1, 1),
        "damage": 930_000_000,
        "recovered": 510_000_000,
        "arisen": D(2020, 2, 3),
        "area": "HS-DT",
        "followed": (D(2020, 4, 10), None),
        "list": [("add", "230-QĐ/TU", D(2020, 4, 10), "corruption", "")],
        "stages": [
            ("investigation", "CA", D(2020, 3, 16), "", []),
            ("indictment", "VKS", D(2020, 6, 12), "", []),
            ("trial", "TAND", D(2020, 6, 30), "", [], (D(2020, 8, 12), "Xét xử sơ thẩm")),
            ("enforcement", "THADS", D(2020, 10, 19), "", []),
        ],
    },
    # --- later cases ---------------------------------------------------------------------
    {
        "number": "KT-2022-01",
        "title": "Vi phạm quy định về kế toán gây hậu quả nghiêm trọng tại Công ty cổ phần Môi "
        "trường đô thị Hòa Sơn",
        "field": ECO,
        "severity": Case.LESS_SERIOUS,
        "crimes": "Điều 221 - Vi phạm quy định của Nhà nước về kế toán",
        "counts": (2, 1, 1),
        "damage": 1_900_000_000,
        "recovered": 1_900_000_000,
        "arisen": D(2022, 3, 3),
        "area": "HS-TP",
        "followed": (D(2022, 4, 1), D(2023, 6, 30)),
        "list": [
            ("add", "512-QĐ/BCĐ", D(2022, 4, 1), "economic", ""),
            ("remove", "688-QĐ/BCĐ", D(2023, 6, 30), "", "Đã xét xử, khắc phục xong hậu quả"),
        ],
        "stages": [
            ("investigation", "CA", D(2022, 3, 20), "", []),
            ("indictment", "VKS", D(2022, 5, 16), "", []),
            ("trial", "TAND", D(2022, 6, 3), "", [], (D(2022, 7, 1), "Xét xử sơ thẩm")),
            ("enforcement", "THADS", D(2022, 9, 12), "", []),
        ],
        "end": (D(2023, 6, 20), "Thi hành án xong"),
    },
    {
        "number": "TN-2025-02",
        "title": "Nhận hối lộ trong đăng kiểm phương tiện tại Trung tâm Đăng kiểm xe cơ giới",
        "field": COR,
        "severity": Case.SERIOUS,
        "crimes": "Điều 354 - Nhận hối lộ; Điều 364 - Đưa hối lộ",
        "counts": (6, 2, 4),
        "damage": 0,
        "recovered": 1_200_000_000,
        "arisen": D(2025, 11, 4),
        "carried": 2025,
        "area": "HS-TP",
        "followed": (D(2025, 12, 15), None),
        "list": [
            (
                "add",
                "1024-QĐ/BCĐ",
                D(2025, 12, 15),
                "corruption",
                "Nhiều bị can là cán bộ, đảng viên",
            )
        ],
        "stages": [
            ("accusation", "CA", D(2025, 12, 10), "", [("40/QĐ-VKS", D(2025, 12, 25))]),
            ("prosecution", "CA", D(2026, 1, 31), "QĐ khởi tố vụ án số 02/QĐ-CSKT", []),
            ("investigation", "CA", D(2026, 1, 31), "", [("15/QĐ-VKS", D(2026, 4, 24))]),
            ("indictment", "VKS", D(2026, 7, 20), "", []),
            ("trial", "TAND", D(2026, 8, 7), "Thụ lý số 41/2026/TLST-HS", []),
        ],
        "reports": [
            ("TAND", D(2026, 10, 15), "Đang nghiên cứu hồ sơ; dự kiến mở phiên tòa tháng 12/2026.")
        ],
        "requests": [
            (
                "TAND",
                D(2026, 10, 20),
                "Đề nghị giải trình lý do chưa mở phiên tòa trong thời hạn chuẩn bị xét xử.",
                None,
                "",
            )
        ],
    },
    {
        "number": "TN-2025-01",
        "title": "Tham ô tài sản tại Quỹ Đầu tư phát triển tỉnh",
        "field": COR,
        "severity": Case.ESPECIALLY_SERIOUS,
        "crimes": "Điều 353 - Tham ô tài sản",
        "counts": (5, 4, 5),
        "damage": 45_800_000_000,
        "recovered": 9_600_000_000,
        "arisen": D(2025, 8, 18),
        "area": "HS-P-HS",
        "followed": (D(2025, 10, 1), None),
        "list": [("add", "980-QĐ/BCĐ", D(2025, 10, 1), "corruption", "Đặc biệt nghiêm trọng")],
        "stages": [
            (
                "investigation",
                "CA",
                D(2025, 10, 1),
                "QĐ khởi tố vụ án số 31/QĐ-CSKT",
                [("04/QĐ-VKS", D(2026, 1, 20)), ("22/QĐ-VKS", D(2026, 5, 20))],
            ),
        ],
        "reports": [
            ("CA", D(2026, 9, 30), "Đã trưng cầu giám định thiệt hại; chờ kết quả giám định.")
        ],
        "requests": [
            (
                "CA",
                D(2026, 10, 5),
                "Đề nghị báo cáo tiến độ giám định và thời điểm kết thúc điều tra.",
                D(2026, 10, 19),
                "Kết quả giám định dự kiến có trong tháng 11/2026; sẽ kết thúc điều tra ngay sau đó.",
            )
        ],
    },
    {
        "number": "KT-2026-01",
        "title": "Vi phạm quy định về đầu tư công trình xây dựng gây hậu quả nghiêm trọng tại "
        "dự án đường tỉnh 265",
        "field": ECO,
        "severity": Case.VERY_SERIOUS,
        "crimes": "Điều 224 - Vi phạm quy định về đầu tư công trình xây dựng gây hậu quả "
        "nghiêm trọng",
        "counts": (4, 3, 4),
        "damage": 18_250_000_000,
        "recovered": 0,
        "arisen": D(2026, 6, 2),
        "area": "HS-X-PB",
        "followed": (D(2026, 9, 15), None),
        "stages": [
            ("accusation", "CA", D(2026, 8, 10), "", [("61/QĐ-VKS", D(2026, 8, 25))]),
            ("prosecution", "CA", D(2026, 9, 15), "QĐ khởi tố vụ án số 58/QĐ-CSKT", []),
            ("investigation", "CA", D(2026, 9, 15), "", []),
        ],
    },
    {
        "number": "VV-2026-01",
        "title": "Phản ánh sai phạm trong bồi thường, giải phóng mặt bằng khu đô thị Đồng Quang",
        "kind": Case.INCIDENT,
        "field": PUB,
        "severity": Case.SERIOUS,
        "crimes": "",
        "counts": (0, 0, 0),
        "damage": 0,
        "recovered": 0,
        "arisen": D(2026, 11, 2),
        "area": "HS-P-HS",
        "followed": (D(2026, 11, 10), None),
        "stages": [("accusation", "CA", D(2026, 11, 10), "Tiếp nhận tin báo số 112/TB", [])],
    },
]


def _create(spec, ctx):
    agencies, users = ctx["agencies"], ctx["users"]
    thuky = users["thuky"]
    defendants, managers, party = spec["counts"]
    followed_from, followed_until = spec["followed"]
    case = services.case_create(
        actor=thuky,
        number=spec["number"],
        title=spec["title"],
        kind=spec.get("kind", Case.CRIMINAL),
        field=spec["field"],
        crimes=spec["crimes"],
        severity=spec["severity"],
        following_agency=agencies["BNC"],
        followed_from=followed_from,
        followed_until=followed_until,
        defendants_count=defendants,
        managers_count=managers,
        party_members_count=party,
        damage_vnd=spec["damage"],
        recovered_vnd=spec["recovered"],
        arisen_on=spec["arisen"],
        carried_over_from_year=spec.get("carried"),
        area_unit=AreaUnit.objects.filter(code=spec["area"]).first(),
    )
    for kind, number, date, category, reason in spec.get("list", []):
        services.supervision_record(
            actor=thuky,
            case=case,
            kind=kind,
            number=number,
            date=date,
            issuer="Ban Thường vụ Tỉnh ủy"
            if "TU" in number
            else "Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh",
            category=category,
            reason=reason,
        )
    stage = None
    for name, agency, start, decision, extensions, *end in spec.get("stages", []):
        stage = services.stage_start(
            actor=thuky,
            case=case,
            stage=name,
            agency=agencies[agency],
            started_on=start,
            start_decision=decision,
        )
        for number, date in extensions:
            services.stage_extend(
                actor=thuky, stage=stage, decision_number=number, decision_date=date
            )
        if name == "enforcement":
            # The decision to enforce, on time (CPC art. 364: 7 days).
            stage = services.stage_record_act(
                actor=thuky,
                stage=stage,
                on=start + dt.timedelta(days=5),
                decision_number=f"{start.month}{start.day}/QĐ-THA",
            )
        if end:
            services.stage_end(actor=thuky, stage=stage, ended_on=end[0][0], outcome=end[0][1])
    if stage is not None and spec.get("end"):
        services.stage_end(
            actor=thuky, stage=stage, ended_on=spec["end"][0], outcome=spec["end"][1]
        )
    officer = {"CA": users["canbo_ca"], "VKS": users["canbo_vks"]}
    for agency, date, text in spec.get("reports", []):
        services.progress_report(
            actor=officer.get(agency, users["admin"]),
            case=case,
            agency=agencies[agency],
            reported_on=date,
            content=text,
        )
    for agency, date, question, answered_on, answer in spec.get("requests", []):
        req = services.explanation_request(
            actor=thuky,
            case=case,
            addressed_to=agencies[agency],
            requested_on=date,
            question=question,
        )
        if answered_on:
            services.explanation_answer(
                actor=officer.get(agency, users["admin"]),
                request=req,
                answer=answer,
                answered_on=answered_on,
            )
    return case


def load(ctx, stdout=None):
    created = 0
    existing = set(
        Case.objects.filter(number__in=[c["number"] for c in CASES]).values_list(
            "number", flat=True
        )
    )
    for spec in CASES:
        if spec["number"] in existing:
            continue
        _create(spec, ctx)
        created += 1
    if stdout is not None:
        stdout.write(f"Vụ án theo dõi: {created} vụ mới, {len(existing)} vụ đã có.")
