"""Demo data of the petitions register (S1, seed 001).

- Q3/2021: more than 7,000 visits in the reception books of the provincial and district
  agencies (bulk, deterministic seed), so the quarter's figure "trên 7.000 lượt" is computed.
- A few hundred petitions over 2021–2026 in TTT, BTCD, CA and district agencies: complaints,
  denunciations (sealed identity), mass and over-level ones, some overdue, some duplicates.
- A handful of stories made through the services (audited): a forwarding chain BTCD → TTT
  with its answer flowing back, a suspended complaint, a mass over-level petition near due.

Idempotent: each part checks its own marker first and is skipped when present.
"""

import datetime as dt

from noichinh.core import clock
from noichinh.devdata.generate import petitions as generate
from noichinh.org.models import AreaUnit
from noichinh.petitions import services
from noichinh.petitions.models import Petition, Visit

Q3_2021 = (dt.date(2021, 7, 1), dt.date(2021, 9, 30))
VISITS_Q3_2021 = 7_240
PETITIONS = 420
STORY_MARK = "DEMO-1/2024"


def load(ctx, stdout=None):
    agencies = ctx["agencies"]
    users = ctx["users"]
    units = list(AreaUnit.objects.filter(level=AreaUnit.COMMUNE))
    reception = [
        agencies[c]
        for c in ("BTCD", "TTT", "UBND", "CA", "UBND-HS-TP", "UBND-HS-PB", "UBND-HS-DT", "TT-HS-PB")
        if c in agencies
    ]
    start, end = Q3_2021
    if not Visit.objects.filter(visited_on__range=Q3_2021, agency__in=reception).exists():
        n = generate.generate_visits(
            VISITS_Q3_2021,
            seed=2021,
            agencies=reception,
            start=start,
            end=end,
            units=[u for u in units if u.is_valid_on(start)],
        )
        _say(stdout, f"Sổ tiếp công dân: {n} lượt tiếp quý III/2021.")
    handling = [
        agencies[c]
        for c in ("TTT", "BTCD", "CA", "CA-HS-PB", "CA-HS-TP", "TT-HS-PB", "TT-HS-DT", "UBND-HS-TP")
        if c in agencies
    ]
    n = generate.generate_petitions(
        PETITIONS,
        seed=7,
        agencies=handling,
        start=dt.date(2021, 1, 4),
        end=clock.today(),
        units=units,
        duplicate_share=0.06,
        mass_share=0.04,
        over_level_share=0.05,
    )
    if n:
        _say(stdout, f"Sổ đơn: {n} đơn 2021–nay.")
    if not Petition.objects.filter(receipt_no=STORY_MARK).exists():
        _stories(agencies, users)
        _say(stdout, "Sổ đơn: các ví dụ chuyển đơn, tạm đình chỉ, đơn đông người vượt cấp.")


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _stories(agencies, users):
    today = clock.today()
    tcd, ttt = users["canbo_tcd"], users["canbo"]
    head_tt = users["truong_tt"]
    # 1. Forwarding chain: BTCD receives a complaint about land, forwards it to TTT;
    #    TTT accepts and resolves; the answer flows back to BTCD's record.
    p = services.petition_create(
        actor=tcd,
        agency=agencies["BTCD"],
        received_on=dt.date(2024, 3, 4),
        receipt_no=STORY_MARK,
        content="Khiếu nại quyết định thu hồi đất số 125/QĐ-UBND của UBND huyện Phú Bình đối "
        "với thửa đất số 318 tại xã Kha Sơn; mức bồi thường không đúng giá thị trường.",
        summary="Khiếu nại quyết định thu hồi đất tại xã Kha Sơn",
        type="complaint",
        field="compensation_resettlement",
        sender_name="Lương Văn Thành",
        sender_id_number="019080001234",
        sender_address="Xã Kha Sơn, huyện Phú Bình",
        channel="post",
    )
    services.petition_classify(
        actor=tcd,
        petition=p,
        type="complaint",
        field="compensation_resettlement",
        meets_conditions=True,
        in_competence=False,
    )
    services.petition_forward(
        actor=tcd,
        petition=p,
        on=dt.date(2024, 3, 8),
        doc_no="45/PC-BTCD",
        to_agency=agencies["TTT"],
        note="Chuyển Thanh tra tỉnh giải quyết theo thẩm quyền",
    )
    hop = Petition.objects.get(forwarded_from=p)
    services.petition_classify(
        actor=ttt,
        petition=hop,
        type="complaint",
        field="compensation_resettlement",
        meets_conditions=True,
        in_competence=True,
    )
    services.petition_accept(
        actor=ttt, petition=hop, decided_on=dt.date(2024, 3, 15), doc_no="12/TB-TTT"
    )
    services.petition_resolve(
        actor=ttt,
        petition=hop,
        on=dt.date(2024, 4, 10),
        doc_no="30/QĐ-TTT",
        result="partly_right",
        recovered_vnd=250_000_000,
        note="Điều chỉnh đơn giá bồi thường",
    )
    # 2. A complaint with the clock stopped (suspension) and resumed.
    s = services.petition_create(
        actor=ttt,
        agency=agencies["TTT"],
        received_on=dt.date(2025, 10, 6),
        receipt_no="DEMO-2/2025",
        content="Khiếu nại việc xét duyệt hồ sơ hỗ trợ tái định cư dự án khu dân cư phía Đông.",
        summary="Khiếu nại hỗ trợ tái định cư",
        type="complaint",
        field="compensation_resettlement",
        sender_name="Đinh Thị Hồng",
        sender_address="Phường Hòa Sơn",
    )
    services.petition_classify(
        actor=ttt,
        petition=s,
        type="complaint",
        field="compensation_resettlement",
        meets_conditions=True,
        in_competence=True,
        is_complex=True,
    )
    services.petition_accept(
        actor=ttt, petition=s, decided_on=dt.date(2025, 10, 13), doc_no="88/TB-TTT"
    )
    services.petition_suspend(
        actor=ttt,
        petition=s,
        on=dt.date(2025, 10, 27),
        doc_no="15/QĐ-TĐC",
        reason="Chờ kết quả giám định hồ sơ địa chính",
    )
    s = services.petition_resume(actor=ttt, petition=s, on=dt.date(2025, 11, 10), doc_no="16/QĐ-TT")
    services.petition_assign(actor=head_tt, petition=s, officer=ttt)
    # 3. A mass, over-level complaint received recently: its limit is near or passed.
    recent = today - dt.timedelta(days=9)
    m = services.petition_create(
        actor=tcd,
        agency=agencies["BTCD"],
        received_on=recent,
        receipt_no=f"DEMO-3/{recent.year}",
        content="Tập thể 23 hộ dân thôn Đồng Tâm khiếu nại việc thu hồi đất làm bãi xử lý rác; "
        "đã gửi UBND xã nhưng chưa được giải quyết, nay gửi lên tỉnh.",
        summary="Khiếu nại đông người về bãi xử lý rác",
        type="complaint",
        field="land",
        sender_name="Trịnh Văn Phong",
        co_senders=22,
        is_over_level=True,
    )
    services.petition_classify(
        actor=tcd,
        petition=m,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=True,
        is_over_level=True,
        is_mass=True,
    )
    # 4. A denunciation: identity sealed.
    services.petition_create(
        actor=ttt,
        agency=agencies["TTT"],
        received_on=today - dt.timedelta(days=3),
        receipt_no=f"DEMO-4/{today.year}",
        content="Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận.",
        summary="Tố cáo cán bộ địa chính nhận tiền",
        type="denunciation",
        field="corruption",
        sender_name="Người tố cáo mẫu",
        sender_id_number="019099000001",
        sender_phone="0912000111",
    )
