"""Demo briefings, tasks, awards and inspection plans (fictional names).

Idempotent: each conference is keyed by ``ref``, each award decision by its number, each
plan by agency, year and subject; a second run creates nothing. The S0 conference
(Q3/2022) is not created: its browser story records it.
"""

import datetime as dt

from noichinh.briefings import services
from noichinh.briefings.models import AwardDecision, Conference, InspectionPlan, Task
from noichinh.core import clock
from noichinh.org.models import AreaUnit

# The demo registers are loaded after the reports demo has closed its periods: entries
# dated in them are late changes, with this reason (core.closing).
DEMO_LATE = "Nạp dữ liệu mẫu của sổ hội nghị, khen thưởng, kế hoạch sau khi khóa sổ"

MOVEMENT = "Toàn dân bảo vệ an ninh Tổ quốc"
CHAIR = ("Phạm Minh Đức", "Phó Bí thư Thường trực Tỉnh ủy")

COMMUNE_POLICE = [
    "Công an xã Kha Sơn",
    "Công an phường Trung Tâm",
    "Công an xã Tân Hòa",
    "Công an thị trấn Hương Sơn",
    "Công an xã Tiên Hội",
    "Công an phường Đồng Quang",
    "Công an xã Bản Ngoại",
    "Công an xã Quyết Thắng",
    "Công an thị trấn Hùng Sơn",
    "Công an phường Bắc Sơn",
    "Công an xã Phú Bình",
    "Công an xã Đại Lâm",
]
VILLAGES = [
    "Tổ an ninh trật tự thôn Đồng Bầu",
    "Tổ an ninh trật tự thôn Na Hoàng",
    "Tổ an ninh trật tự thôn Khuôn Lân",
    "Tổ dân phố số 3 phường Trung Tâm",
    "Tổ dân phố số 7 phường Đồng Quang",
    "Đội tự quản an ninh xóm Bãi Bằng",
    "Đội tự quản an ninh xóm Ao Sen",
    "Ban bảo vệ dân phố Hòa Bình",
    "Ban bảo vệ dân phố Thống Nhất",
    "Hội Cựu chiến binh xã Kha Sơn",
    "Đoàn Thanh niên xã Tân Hòa",
    "Hội Liên hiệp Phụ nữ xã Tiên Hội",
    "Phòng Cảnh sát hình sự",
    "Phòng Cảnh sát điều tra tội phạm về ma túy",
    "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
    "Phòng Tham mưu",
    "Phòng An ninh kinh tế",
    "Trường Tiểu học Kha Sơn",
    "Công ty TNHH Hòa Phát Sơn",
    "Hợp tác xã Nông nghiệp Tân Hòa",
]
PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đặng Văn Hùng",
    "Bùi Thị Kim",
    "Đỗ Văn Long",
    "Ngô Thị Mận",
    "Dương Văn Nghĩa",
    "Lý Thị Oanh",
    "Mai Văn Phú",
    "Tạ Thị Quyên",
    "Chu Văn Sáng",
    "Đinh Thị Tâm",
    "Hà Văn Uy",
    "Kiều Thị Vân",
    "Lục Văn Xuân",
]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _conference(ref, actor, **fields):
    found = Conference.objects.filter(ref=ref).first()
    if found:
        return found, False
    return services.conference_create(actor=actor, ref=ref, late_reason=DEMO_LATE, **fields), True


def _tasks(actor, conference, a, items):
    tasks = []
    for text, lead, coordinators, deadline in items:
        tasks.append(
            services.task_create(
                actor=actor,
                conference=conference,
                text=text,
                lead_agency=a[lead],
                coordinators=[a[c] for c in coordinators],
                deadline=deadline,
                is_regular=deadline is None,
                late_reason=DEMO_LATE,
            )
        )
    return tasks


def _q2_2021(actor, a, b):
    conference, created = _conference(
        "demo-2021-Q2",
        actor,
        blocs=[b["DANG"], b["DOAN_THE"], b["NOI_CHINH"]],
        period_code="2021-Q2",
        date=dt.date(2021, 7, 8),
        place="Hội trường Tỉnh ủy",
        chair_name="Nguyễn Thị Minh Hương",
        chair_titles="Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
        attendee_agencies=[a[c] for c in ("BTC", "UBKT", "BTG", "BDV", "BNC", "MTTQ", "CA", "TTT")],
        attendees="Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy; lãnh đạo HĐND, UBND tỉnh",
        agenda="Đánh giá kết quả công tác quý II/2021; nhiệm vụ quý III/2021",
    )
    if not created:
        return conference
    services.figure_add(
        actor=actor,
        late_reason=DEMO_LATE,
        conference=conference,
        value=7_300_000_000,
        unit="đồng",
        qualifier="gt",
        text="số tiền tiếp nhận ủng hộ và đăng ký ủng hộ là trên 7,3 tỷ đồng",
        subject="Ủng hộ phòng, chống dịch Covid-19 (đến ngày 15/6)",
        indicator_code="donations.vnd",
    )
    services.notice_save(
        actor=actor,
        conference=conference,
        issued_on=dt.date(2021, 7, 12),
        number="08-TB/TU",
        place="Hòa Sơn",
        title="Kết luận của đồng chí Phó Bí thư Thường trực Tỉnh ủy tại Hội nghị giao ban "
        "khối Đảng, Đoàn thể, Nội chính quý II/2021",
        body="Các cơ quan, đơn vị, địa phương cần giải quyết nhanh, dứt điểm các vụ việc "
        "khiếu nại, tố cáo.",
        recipients="Thường trực Tỉnh ủy (b/c)\nCác cơ quan khối Đảng, Đoàn thể, Nội chính\nLưu VPTU",
        signer_on_behalf="T/L BAN THƯỜNG VỤ",
        signer_title="CHÁNH VĂN PHÒNG",
        signer_name="Trịnh Văn Thành",
    )
    _tasks(
        actor,
        conference,
        a,
        [
            (
                "Tiếp tục triển khai các chương trình kiểm tra, giám sát, tập trung vào quản lý "
                "đất đai, dự án đầu tư, khai thác tài nguyên; tránh trùng lắp",
                "UBKT",
                ["TTT"],
                dt.date(2021, 12, 31),
            ),
            (
                "Giải quyết dứt điểm các đơn, thư phản ánh, khiếu nại, tố cáo của công dân",
                "TTT",
                ["BTCD"],
                dt.date(2021, 9, 30),
            ),
        ],
    )
    return conference


def _q3_2021(actor, users, a, b):
    conference, created = _conference(
        "demo-2021-Q3",
        actor,
        blocs=[b["NOI_CHINH"], b["DAN_VAN"]],
        period_code="2021-Q3",
        date=dt.date(2021, 10, 12),
        place="Hội trường Tỉnh ủy",
        chair_name=CHAIR[0],
        chair_titles=CHAIR[1],
        attendee_agencies=[
            a[c] for c in ("BNC", "BDV", "CA", "VKS", "TAND", "TTT", "BTCD", "MTTQ")
        ],
        agenda="Đánh giá kết quả công tác nội chính, phòng, chống tham nhũng và công tác dân vận "
        "quý III/2021; nhiệm vụ trọng tâm quý IV/2021",
    )
    if not created:
        return conference
    services.figure_add(
        actor=actor,
        late_reason=DEMO_LATE,
        conference=conference,
        value=7000,
        unit="lượt",
        qualifier="gt",
        text="tiếp trên 7.000 lượt người đến khiếu nại, tố cáo, kiến nghị, phản ánh",
        subject="Lượt người đến khiếu nại, tố cáo, kiến nghị, phản ánh",
        indicator_code="reception.visits",
    )
    services.notice_save(
        actor=actor,
        conference=conference,
        issued_on=dt.date(2021, 10, 15),
        number="12-TB/TU",
        place="Hòa Sơn",
        title="Kết luận của đồng chí Phó Bí thư Thường trực Tỉnh ủy tại Hội nghị giao ban "
        "khối Nội chính, Dân vận quý III/2021",
        body="Về nhiệm vụ trọng tâm trong quý IV/2021, đồng chí Phó Bí thư Thường trực Tỉnh ủy "
        "đề nghị các cơ quan thực hiện tốt các nhiệm vụ sau.",
        recipients="Thường trực Tỉnh ủy (b/c)\nCác cơ quan khối Nội chính, Dân vận\nLưu VPTU",
        signer_on_behalf="T/L BAN THƯỜNG VỤ",
        signer_title="CHÁNH VĂN PHÒNG",
        signer_name="Trịnh Văn Thành",
    )
    q4_end = dt.date(2021, 12, 31)
    t = _tasks(
        actor,
        conference,
        a,
        [
            (
                "Kiểm tra việc thực hiện Chỉ thị 27 và Chỉ thị 50 của Bộ Chính trị về bảo vệ "
                "người phát hiện, tố giác tham nhũng và phát hiện, xử lý vụ việc, vụ án tham nhũng",
                "UBKT",
                ["BNC", "TTT"],
                q4_end,
            ),
            (
                "Giải quyết kịp thời các vụ việc khiếu nại, tố cáo thuộc thẩm quyền, không để "
                "xảy ra khiếu kiện đông người, vượt cấp",
                "TTT",
                ["BTCD", "CA"],
                q4_end,
            ),
            (
                "Tiếp tục tuyên truyền, vận động nhân dân thực hiện mục tiêu kép",
                "BDV",
                ["MTTQ"],
                q4_end,
            ),
            ("Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở", "BDV", ["MTTQ", "HND"], None),
            (
                "Tăng cường công tác dân vận trong vùng đồng bào dân tộc thiểu số, vùng đồng bào "
                "có đạo",
                "BDV",
                ["MTTQ", "HND"],
                q4_end,
            ),
            (
                "Rà soát, báo cáo tình hình đơn thư vượt cấp lên Trung ương",
                "BTCD",
                ["TTT"],
                dt.date(2021, 12, 15),
            ),
        ],
    )
    services.task_accept(
        actor=actor, task=t[0], completed_on=dt.date(2021, 12, 20), late_reason=DEMO_LATE
    )
    services.task_report_progress(
        actor=users["canbo"],
        task=t[1],
        note="Đã giải quyết 46/52 vụ việc thuộc thẩm quyền; còn 6 vụ việc đang xác minh.",
    )
    services.task_accept(
        actor=actor, task=t[1], completed_on=dt.date(2022, 1, 20), late_reason=DEMO_LATE
    )
    services.task_accept(
        actor=actor, task=t[2], completed_on=dt.date(2021, 12, 28), late_reason=DEMO_LATE
    )
    services.task_report_progress(
        actor=users["canbo_dv"], task=t[4], note="Đã tổ chức 12 buổi tuyên truyền ở vùng cao."
    )
    services.task_report_progress(
        actor=users["canbo_tcd"], task=t[5], note="Đang tổng hợp số liệu từ các huyện."
    )
    return conference


def _awards(actor, a, b):
    conference, created = _conference(
        "demo-2022-Y-BCD138",
        actor,
        kind=Conference.ANNUAL,
        blocs=[b["BCD138"]],
        period_code="2022-Y",
        date=dt.date(2023, 1, 11),
        place="Hội trường UBND tỉnh",
        chair_name="Hoàng Văn Phúc",
        chair_titles="Ủy viên BCH Đảng bộ tỉnh, Phó Chủ tịch UBND tỉnh, "
        "Trưởng Ban Chỉ đạo 138 tỉnh",
        attendee_agencies=[a[c] for c in ("CA", "VKS", "TAND", "BCHQS", "MTTQ", "TDTN", "HLHPN")],
        agenda="Tổng kết công tác phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào "
        "“Toàn dân bảo vệ an ninh Tổ quốc” năm 2022; phương hướng, nhiệm vụ năm 2023",
    )
    movement = services.movement_get_or_create(actor=actor, name=MOVEMENT, year=2022)
    decisions = [
        (
            "minister_public_security",
            "bang_khen",
            "1234/QĐ-BCA",
            dt.date(2022, 12, 20),
            COMMUNE_POLICE[:7],
            [],
        ),
        (
            "provincial_chair",
            "bang_khen",
            "3456/QĐ-UBND",
            dt.date(2022, 12, 26),
            COMMUNE_POLICE[7:12] + VILLAGES[:4],
            PEOPLE[:1],
        ),
        (
            "police_director",
            "giay_khen",
            "789/QĐ-CAT",
            dt.date(2022, 12, 29),
            VILLAGES[3:20],
            PEOPLE[1:19],
        ),
    ]
    for issuer, form, number, signed_on, collectives, individuals in decisions:
        if AwardDecision.objects.filter(issuer_level=issuer, number=number).exists():
            continue
        services.award_decision_create(
            actor=actor,
            late_reason=DEMO_LATE,
            issuer_level=issuer,
            form=form,
            number=number,
            signed_on=signed_on,
            movement=movement,
            conference=conference,
            agency=a["CA"],
            collectives=collectives,
            individuals=individuals,
        )
    return conference


def _plans(actor, a):
    year = 2026
    units = {u.code: u for u in AreaUnit.objects.filter(code__in=["HS-X-PB", "HS-X-QT"])}
    plans = [
        ("TTT", None, "HS-X-PB", "thanh_tra", "Thanh tra việc quản lý, sử dụng đất đai"),
        ("CA", None, "HS-X-PB", "kiem_tra", "Kiểm tra công tác phòng cháy, chữa cháy"),
        ("TTT", "STP", None, "thanh_tra", "Thanh tra công tác cải cách hành chính"),
        ("STP", None, "HS-X-QT", "kiem_tra", "Kiểm tra công tác chứng thực, hộ tịch"),
        ("VKS", "THADS", None, "kiem_tra", "Kiểm sát việc tuân theo pháp luật trong thi hành án"),
    ]
    for agency, target, unit, kind, subject in plans:
        if InspectionPlan.objects.filter(agency=a[agency], year=year, subject=subject).exists():
            continue
        services.plan_create(
            actor=actor,
            late_reason=DEMO_LATE,
            agency=a[agency],
            year=year,
            kind=kind,
            target_agency=a[target] if target else None,
            unit=units.get(unit) if unit else None,
            subject=subject,
        )


def _recent(actor, users, a, b):
    """A conference a month ago with tasks overdue and due soon relative to today."""
    today = clock.today()
    quarter = (today.month - 1) // 3 + 1
    year, prev = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    conference, created = _conference(
        "demo-recent",
        actor,
        blocs=[b["NOI_CHINH"]],
        period_code=f"{year}-Q{prev}",
        date=today - dt.timedelta(days=30),
        place="Hội trường Tỉnh ủy",
        chair_name=CHAIR[0],
        chair_titles=CHAIR[1],
        attendee_agencies=[a[c] for c in ("BNC", "CA", "VKS", "TAND", "TTT", "BTCD", "THADS")],
    )
    if not created:
        return conference
    services.notice_save(
        actor=actor,
        conference=conference,
        issued_on=conference.date + dt.timedelta(days=3),
        number=f"{40 + prev}-TB/TU",
        place="Hòa Sơn",
        title=f"Kết luận của đồng chí Phó Bí thư Thường trực Tỉnh ủy tại {conference.title}",
        recipients="Thường trực Tỉnh ủy (b/c)\nCác cơ quan khối Nội chính\nLưu VPTU",
        signer_on_behalf="T/L BAN THƯỜNG VỤ",
        signer_title="CHÁNH VĂN PHÒNG",
        signer_name="Trịnh Văn Thành",
    )
    t = _tasks(
        actor,
        conference,
        a,
        [
            (
                "Báo cáo kết quả đấu tranh với tội phạm ma túy trên tuyến biên giới",
                "CA",
                ["VKS"],
                today - dt.timedelta(days=5),
            ),
            (
                "Tổng hợp kết quả giải quyết đơn thư khiếu nại, tố cáo tồn đọng",
                "TTT",
                ["BTCD"],
                today + dt.timedelta(days=3),
            ),
            (
                "Rà soát các vụ án tham nhũng thuộc diện theo dõi, chỉ đạo để đẩy nhanh tiến độ",
                "CA",
                ["VKS", "TAND"],
                today + dt.timedelta(days=5),
            ),
            (
                "Xây dựng kế hoạch tiếp công dân dịp cuối năm",
                "BTCD",
                ["TTT"],
                today + dt.timedelta(days=60),
            ),
            ("Bảo đảm an ninh, trật tự các sự kiện chính trị của tỉnh", "CA", ["BCHQS"], None),
            (
                "Đẩy nhanh tiến độ thi hành các bản án dân sự có giá trị lớn",
                "THADS",
                ["TAND", "CA"],
                today - dt.timedelta(days=2),
            ),
        ],
    )
    services.task_report_progress(
        actor=users["canbo_ca"], task=t[2], note="Đã rà soát 3/5 vụ án, đang phối hợp VKSND."
    )
    return conference


def load(ctx, stdout=None):
    a, b, users = ctx["agencies"], ctx["blocs"], ctx["users"]
    actor = users["admin"]
    before = Task.objects.count()
    _q2_2021(actor, a, b)
    _q3_2021(actor, users, a, b)
    _awards(actor, a, b)
    _plans(actor, a)
    _recent(actor, users, a, b)
    _say(stdout, f"Giao ban: {Task.objects.count() - before} nhiệm vụ mới.")
