"""Helpers to make petitions and visits through the services (audited, like users do)."""

import datetime as dt

from noichinh.petitions import services


def make_petition(user, agency, **kw):
    data = dict(
        received_on=dt.date(2025, 1, 20),
        content="Khiếu nại quyết định thu hồi đất số 12 của UBND xã Kha Sơn đối với gia đình tôi",
        type="complaint",
        field="land",
        sender_name="Nguyễn Văn An",
        sender_id_number="019080000001",
        sender_address="Xã Kha Sơn",
    )
    data.update(kw)
    return services.petition_create(actor=user, agency=agency, **data)


def make_visit(user, agency, **kw):
    data = dict(
        visited_on=dt.date(2021, 8, 2),
        content="Hỏi về việc cấp giấy chứng nhận quyền sử dụng đất",
        people_count=1,
        visitor_name="Trần Thị Bình",
    )
    data.update(kw)
    return services.visit_create(actor=user, agency=agency, **data)


def accepted_complaint(user, agency, *, received_on, decided_on, **kw):
    p = make_petition(user, agency, received_on=received_on, **kw)
    p = services.petition_classify(
        actor=user,
        petition=p,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=True,
    )
    return services.petition_accept(
        actor=user,
        petition=p,
        decided_on=decided_on,
        doc_no="1/TB",
        late_reason=kw.get("late_reason", ""),
    )
