"""Public statistics on the portal (issue 19 §6): equal to the register, small cells
suppressed, no content nor identity, downloadable as CSV."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine

from noichinh.org.models import User
from noichinh.petitions import services
from noichinh.petitions.selectors import PetitionFilters, petition_list
from tests.petitions.factories import accepted_complaint, make_petition

pytestmark = pytest.mark.django_db

Q1 = (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
NAME = "Nguyễn Văn An"
CONTENT = "Khiếu nại quyết định thu hồi đất số 12"


@pytest.fixture
def register(users, agencies):
    """TTT: 7 received in Q1 2025 (5 resolved on time in Q1, 1 forwarded); CA: 2 received."""
    u, ttt = users["canbo"], agencies["TTT"]
    with time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False):
        for i in range(5):
            p = accepted_complaint(
                u, ttt, received_on=dt.date(2025, 1, 6 + i), decided_on=dt.date(2025, 1, 13 + i)
            )
            services.petition_resolve(
                actor=u, petition=p, on=dt.date(2025, 2, 3 + i), doc_no=f"{i}/QĐ", result="right"
            )
        fwd = make_petition(u, ttt, received_on=dt.date(2025, 2, 10))
        services.petition_forward(
            actor=u, petition=fwd, on=dt.date(2025, 2, 12), doc_no="9/CV", to_agency=agencies["CA"]
        )
        make_petition(u, ttt, received_on=dt.date(2025, 3, 3))
        ca = User.objects.get(username="canbo_ca")
        make_petition(ca, agencies["CA"], received_on=dt.date(2025, 3, 4))
    return agencies


def _cells(page: str, agency_id: int, quarter: int) -> dict[str, str]:
    row = re.search(
        rf'<tr data-agency="{agency_id}" data-quarter="{quarter}">(.*?)</tr>', page, re.S
    ).group(1)
    return dict(re.findall(r'data-col="(\w+)">([^<]*)<', row))


def _listed(agencies, code, **kw):
    admin = User.objects.get(username="admin")
    filters = PetitionFilters(agency_ids={agencies[code].pk}, **kw)
    return petition_list(user=admin, filters=filters).count()


@time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False)
def test_public_figures_equal_the_register_lists(register, client):
    page = client.get("/portal/thong-ke/?nam=2025").content.decode()
    ttt = _cells(page, register["TTT"].pk, 1)
    received = _listed(register, "TTT", received_from=Q1[0], received_to=Q1[1])
    answered = _listed(register, "TTT", resolved_from=Q1[0], resolved_to=Q1[1])
    on_time = _listed(register, "TTT", resolved_from=Q1[0], resolved_to=Q1[1], flag="on_time")
    assert (received, answered, on_time) == (7, 5, 5)
    assert ttt["received"] == str(received)
    assert ttt["answered"] == str(answered)
    assert ttt["share"] == "100"
    # CA received the forwarded one too (its own register) plus its own: 2, a small cell.
    assert _listed(register, "CA", received_from=Q1[0], received_to=Q1[1]) == 2
    assert _cells(page, register["CA"].pk, 1)["received"] == "&lt;5"
    # One forwarded: under the threshold.
    assert _listed(register, "TTT", received_from=Q1[0], received_to=Q1[1], outcome="forward") == 1
    assert ttt["forwarded"] == "&lt;5"
    assert ttt["satisfaction"] == "—"  # no sender has rated an answer yet
    # A quarter with nothing is zero, not suppressed.
    assert _cells(page, register["TTT"].pk, 2)["received"] == "0"


@time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False)
def test_threshold_is_a_setting(register, client, settings):
    settings.PUBLIC_STATS_MIN_CELL = 2
    page = client.get("/portal/thong-ke/?nam=2025&quy=1").content.decode()
    assert _cells(page, register["CA"].pk, 1)["received"] == "2"
    assert _cells(page, register["TTT"].pk, 1)["forwarded"] == "&lt;2"


@time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False)
def test_share_is_withheld_when_it_would_show_a_small_count(users, agencies, client):
    u, ttt = users["canbo"], agencies["TTT"]
    for i in range(6):
        p = accepted_complaint(
            u, ttt, received_on=dt.date(2025, 1, 6 + i), decided_on=dt.date(2025, 1, 13)
        )
        late = i == 0  # one late out of six: 83,3 % would say "one was late"
        services.petition_resolve(
            actor=u,
            petition=p,
            on=dt.date(2025, 3, 28) if late else dt.date(2025, 2, 3),
            doc_no=f"{i}/QĐ",
            result="right",
        )
    page = client.get("/portal/thong-ke/?nam=2025").content.decode()
    assert _cells(page, ttt.pk, 1)["answered"] == "6"
    assert _cells(page, ttt.pk, 1)["share"] == "ẩn"
    assert _cells(page, ttt.pk, 2)["share"] == "—"  # nothing answered in Q2


@time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False)
def test_csv_is_open_data_with_the_same_cells_and_no_identity(register, client):
    response = client.get("/portal/thong-ke.csv?nam=2025")
    assert response["Content-Type"].startswith("text/csv")
    assert "thong-ke-don-thu-2025.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    ttt = next(r for r in rows if r["Cơ quan"] == register["TTT"].name and r["Quý"] == "1")
    assert ttt["Đơn tiếp nhận"] == "7"
    assert ttt["Đơn đã giải quyết, trả lời"] == "5"
    assert ttt["Đơn đã chuyển cơ quan có thẩm quyền"] == "<5"
    assert ttt["Mức độ hài lòng của người dân"] == "—"  # no sender has said yet
    ca = next(r for r in rows if r["Cơ quan"] == register["CA"].name and r["Quý"] == "1")
    assert ca["Đơn tiếp nhận"] == "<5"
    page = client.get("/portal/thong-ke/?nam=2025").content.decode()
    for leak in (NAME, "Nguyen Van An", "019080000001", "Xã Kha Sơn", CONTENT, "1/2025"):
        assert leak not in text
        assert leak not in page


def test_bad_period_gets_a_message_not_an_error(client, db):
    page = client.get("/portal/thong-ke/?nam=abc&quy=7")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Năm không hợp lệ." in text and "Quý phải là 1, 2, 3 hoặc 4." in text


@time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False)
def test_statistics_queries_do_not_grow_with_the_agencies(
    register, client, users, django_assert_max_num_queries
):
    client.get("/portal/thong-ke/?nam=2025")  # the daily summary is built once
    with django_assert_max_num_queries(8):
        client.get("/portal/thong-ke/?nam=2025")
    make_petition(users["canbo_vks"], register["VKS"], received_on=dt.date(2025, 2, 3))
    make_petition(users["canbo_dv"], register["BDV"], received_on=dt.date(2025, 2, 3))
    client.get("/portal/thong-ke/?nam=2025")
    with django_assert_max_num_queries(8):  # two more agencies, no more queries
        page = client.get("/portal/thong-ke/?nam=2025").content.decode()
    assert f'data-agency="{register["VKS"].pk}"' in page
    assert f'data-agency="{register["BDV"].pk}"' in page


def test_satisfaction_is_the_share_of_senders_satisfied_with_small_counts_hidden(
    register, client
):
    from noichinh.petitions.models import Petition
    from noichinh.portal.services import citizen_feedback_give

    resolved = list(Petition.objects.filter(agency=register["TTT"], resolved_on__isnull=False))
    assert len(resolved) == 5
    with time_machine.travel(dt.datetime(2025, 3, 20, 9, 0), tick=False):
        for p in resolved[:2]:
            citizen_feedback_give(petition=p, satisfied=True)
    with time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False):
        page = client.get("/portal/thong-ke/?nam=2025").content.decode()
        # Two answers rated: too few to publish a share that points at people.
        assert _cells(page, register["TTT"].pk, 1)["satisfaction"] == "ẩn"
    with time_machine.travel(dt.datetime(2025, 3, 21, 9, 0), tick=False):
        for p in resolved[2:]:
            citizen_feedback_give(petition=p, satisfied=True)
    with time_machine.travel(dt.datetime(2025, 6, 2, 9, 0), tick=False):
        page = client.get("/portal/thong-ke/?nam=2025").content.decode()
    assert _cells(page, register["TTT"].pk, 1)["satisfaction"] == "100% hài lòng (5 ý kiến)"
