"""Demo periods and approved agency figures (idempotent: keyed by period and agency).

Q3/2021 and Q2/2022 hold approved figures of some agencies of the khối Nội chính and khối
Dân vận: the previous quarter and the same quarter last year of Q3/2022, which the S0 story
opens and fills itself. Q2/2021 (S2: khối Đảng, Đoàn thể, Nội chính, with a donation
figure), H1/2020 (S3, the case register) and the year 2022 (S4, Ban Chỉ đạo 138) exist as
closed periods; their register figures are computed live.
"""

import datetime as dt
from decimal import Decimal

from noichinh.reports.models import Period, ReportType, Submission, SubmissionValue
from noichinh.reports.seed import ensure_catalogue

PERIODS = [
    # kind, year, number, blocs
    (Period.QUARTER, 2021, 2, ["DANG", "DOAN_THE", "NOI_CHINH"]),
    (Period.QUARTER, 2021, 3, ["NOI_CHINH", "DAN_VAN"]),
    (Period.QUARTER, 2021, 4, ["NOI_CHINH", "DAN_VAN"]),
    (Period.QUARTER, 2022, 2, ["NOI_CHINH", "DAN_VAN"]),
    (Period.HALF, 2020, None, ["NOI_CHINH", "BCD_PCTN"]),
    (Period.YEAR, 2022, None, ["BCD138"]),
]

# period key -> agency code -> {indicator code: value}; narrative per agency.
FIGURES = {
    (Period.QUARTER, 2021, 3): {
        "CA": {
            "crimes.detected": 182,
            "offenders.handled": 265,
            "cases.prosecuted": 140,
            "cases.corruption_prosecuted": 3,
            "defendants.prosecuted": 231,
            "investigation.clearance_rate": 86.5,
            "violations.individuals": 612,
            "violations.businesses": 51,
            "traffic.violations": 20450,
            "traffic.accidents": 38,
            "traffic.deaths": 21,
            "fines.vnd": 9_850_000_000,
            "dissemination.sessions": 45,
        },
        "TTT": {
            "inspections.conducted": 18,
            "inspections.with_violations": 7,
            "inspections.recovery_recommended_vnd": 2_400_000_000,
            "assets.recovered_vnd": 1_150_000_000,
            "knto.money_recovered_vnd": 320_000_000,
            "knto.people_handled": 4,
            "reception.leader_sessions": 6,
        },
        "VKS": {
            "cases.prosecuted": 128,
            "defendants.prosecuted": 214,
            "dissemination.sessions": 12,
        },
        "TAND": {"cases.tried": 151, "defendants.tried": 240, "dissemination.sessions": 8},
        "THADS": {
            "thads.cases_total": 2840,
            "thads.cases_done": 1710,
            "thads.money_total_vnd": 412_000_000_000,
            "thads.money_done_vnd": 96_500_000_000,
            "thads.completion_rate": 60.2,
        },
        "BDV": {"danvan.hot_spots": 0, "danvan.complex_incidents": 2, "danvan.models": 37},
        "MTTQ": {"donations.vnd": 5_200_000_000, "danvan.models": 12, "dissemination.sessions": 64},
        "HLHPN": {"donations.vnd": 850_000_000, "danvan.models": 9, "dissemination.sessions": 41},
    },
    (Period.QUARTER, 2022, 2): {
        "CA": {
            "crimes.detected": 167,
            "offenders.handled": 248,
            "cases.prosecuted": 131,
            "cases.corruption_prosecuted": 4,
            "defendants.prosecuted": 219,
            "investigation.clearance_rate": 88.1,
            "violations.individuals": 455,
            "violations.businesses": 33,
            "traffic.violations": 18760,
            "traffic.accidents": 35,
            "traffic.deaths": 19,
            "fines.vnd": 10_400_000_000,
            "dissemination.sessions": 52,
        },
        "TTT": {
            "inspections.conducted": 21,
            "inspections.with_violations": 9,
            "inspections.recovery_recommended_vnd": 3_100_000_000,
            "assets.recovered_vnd": 1_720_000_000,
            "knto.money_recovered_vnd": 410_000_000,
            "knto.people_handled": 6,
            "reception.leader_sessions": 6,
        },
        "VKS": {
            "cases.prosecuted": 124,
            "defendants.prosecuted": 205,
            "dissemination.sessions": 15,
        },
        "TAND": {"cases.tried": 144, "defendants.tried": 229, "dissemination.sessions": 10},
        "THADS": {
            "thads.cases_total": 2910,
            "thads.cases_done": 1820,
            "thads.money_total_vnd": 398_000_000_000,
            "thads.money_done_vnd": 101_200_000_000,
            "thads.completion_rate": 62.5,
        },
        "BDV": {"danvan.hot_spots": 0, "danvan.complex_incidents": 1, "danvan.models": 41},
        "MTTQ": {"donations.vnd": 3_900_000_000, "danvan.models": 14, "dissemination.sessions": 58},
        "HLHPN": {"donations.vnd": 620_000_000, "danvan.models": 11, "dissemination.sessions": 37},
    },
    (Period.QUARTER, 2021, 2): {
        "MTTQ": {"donations.vnd": 7_300_000_000, "danvan.models": 10},
    },
}
NARRATIVE = {
    "CA": (
        "Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững; tỷ lệ điều tra "
        "khám phá tội phạm xâm phạm trật tự xã hội đạt cao.",
        "Tội phạm ma túy, tín dụng đen còn diễn biến phức tạp.",
        "Đề nghị tăng cường phối hợp giữa các cơ quan tiến hành tố tụng.",
    ),
    "TTT": (
        "Hoàn thành các cuộc thanh tra theo kế hoạch; kiến nghị thu hồi tiền về ngân sách.",
        "Một số kết luận thanh tra thực hiện chưa dứt điểm.",
        "Đề nghị UBND cấp huyện chỉ đạo thực hiện nghiêm kết luận thanh tra.",
    ),
    "BDV": (
        "Nắm chắc tình hình nhân dân, không để xảy ra điểm nóng.",
        "",
        "Tiếp tục nhân rộng mô hình “Dân vận khéo”.",
    ),
}


def _period(rt, kind, year, number, blocs_by_code, bloc_codes):
    period = Period.objects.filter(report_type=rt, kind=kind, year=year, number=number).first()
    if period is None:
        period = Period(report_type=rt, kind=kind, year=year, number=number, status=Period.CLOSED)
        period.due = None
        period.save()
    period.blocs.add(*[blocs_by_code[c] for c in bloc_codes])
    return period


# A steering committee's own catalogue of parts (steering committee code -> [(title,
# indicator codes)]), in place of the blocs' ten sections. Ban Chỉ đạo 138: phòng, chống tội
# phạm, vi phạm pháp luật and the movement "Toàn dân bảo vệ an ninh Tổ quốc".
COMMITTEE_PARTS = {
    "BCD138": [
        (
            "Công tác lãnh đạo, chỉ đạo; tuyên truyền, phổ biến, giáo dục pháp luật",
            [
                "tasks.assigned",
                "tasks.done_on_time",
                "tasks.done_late",
                "tasks.overdue",
                "dissemination.sessions",
                "dissemination.participants",
            ],
        ),
        (
            "Kết quả phòng ngừa, đấu tranh phòng, chống tội phạm",
            [
                "crimes.detected",
                "offenders.handled",
                "investigation.clearance_rate",
                "drugs.seized_g",
                "cases.prosecuted",
                "defendants.prosecuted",
                "cases.tried",
                "defendants.tried",
            ],
        ),
        (
            "Phòng, chống vi phạm pháp luật; bảo đảm trật tự, an toàn giao thông",
            [
                "violations.individuals",
                "violations.businesses",
                "fines.vnd",
                "traffic.violations",
                "traffic.accidents",
                "traffic.deaths",
            ],
        ),
        (
            "Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; thi đua, khen thưởng",
            [
                "danvan.hot_spots",
                "danvan.complex_incidents",
                "awards.collectives",
                "awards.individuals",
            ],
        ),
    ],
}


def _committee_parts(blocs, indicators) -> None:
    from noichinh.reports.models import CommitteePart

    for bloc_code, parts in COMMITTEE_PARTS.items():
        bloc = blocs.get(bloc_code)
        if bloc is None:
            continue
        for order, (title, codes) in enumerate(parts, 1):
            part, _made = CommitteePart.objects.update_or_create(
                bloc=bloc, order=order, defaults={"title": title}
            )
            part.indicators.set([indicators[c] for c in codes if c in indicators])


def load(ctx, stdout=None):
    ensure_catalogue()
    from noichinh.reports.models import Indicator

    rt = ReportType.objects.get(code="party_briefing")
    agencies, blocs = ctx["agencies"], ctx["blocs"]
    indicators = {i.code: i for i in Indicator.objects.all()}
    _committee_parts(blocs, indicators)
    periods = {}
    for kind, year, number, bloc_codes in PERIODS:
        periods[(kind, year, number)] = _period(rt, kind, year, number, blocs, bloc_codes)
    created = 0
    for key, by_agency in FIGURES.items():
        period = periods[key]
        end = period.end
        stamp = dt.datetime(end.year, end.month, end.day, 16, 0, tzinfo=dt.UTC)
        for code, values in by_agency.items():
            agency = agencies[code]
            results, shortcomings, proposals = NARRATIVE.get(code, ("", "", ""))
            sub, made = Submission.objects.get_or_create(
                period=period,
                agency=agency,
                defaults=dict(
                    status=Submission.APPROVED,
                    results=results,
                    shortcomings=shortcomings,
                    proposals=proposals,
                    updated_at=stamp,
                    submitted_at=stamp,
                    approved_at=stamp,
                ),
            )
            created += made
            existing = set(sub.values.values_list("indicator__code", flat=True))
            SubmissionValue.objects.bulk_create(
                SubmissionValue(submission=sub, indicator=indicators[c], value=Decimal(str(v)))
                for c, v in values.items()
                if c not in existing
            )
    if stdout is not None:
        stdout.write(f"Báo cáo định kỳ: {len(periods)} kỳ, {created} báo cáo cơ quan mới.")
