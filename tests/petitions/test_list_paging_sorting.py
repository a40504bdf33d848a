"""Lists: page size, jump to a page, sort by a shown column, filter kept (issue 23 §2)."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from noichinh.cases import services as cases
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def officer(client, users):
    client.force_login(users["canbo"])
    return client


@pytest.fixture
def many(users, agencies):
    made = []
    for n in range(23):
        made.append(
            make_petition(
                users["canbo"],
                agencies["TTT"],
                received_on=dt.date(2026, 5, 1) + dt.timedelta(days=n % 20),
                sender_name=f"Người gửi {n:02d}",
                type="reflection" if n % 2 else "complaint",
            )
        )
    return made


def _doc(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _receipts(doc):
    return [a.text_content().strip() for a in doc.xpath("//tbody/tr/td[1]/a")]


@time_machine.travel(TODAY)
def test_the_officer_picks_a_page_size_and_jumps_to_a_page_with_the_filter_kept(officer, many):
    url = reverse("petitions:petition_list")
    doc = _doc(officer.get(url, {"type": "complaint"}))
    pager = doc.xpath('//form[@data-testid="pager-form"]')
    assert pager, "the pager offers a page size and a page to jump to"
    form = pager[0]
    assert [o.get("value") for o in form.xpath('.//select[@name="per_page"]/option')] == [
        "10",
        "25",
        "50",
        "100",
    ]
    assert form.xpath('.//input[@name="page"]')
    kept = {i.get("name"): i.get("value") for i in form.xpath('.//input[@type="hidden"]')}
    assert kept.get("type") == "complaint" and "page" not in kept and "per_page" not in kept
    # 12 complaints, 10 a page: page 2 holds 2, all complaints.
    second = _doc(officer.get(url, {"type": "complaint", "per_page": "10", "page": "2"}))
    assert len(_receipts(second)) == 2
    assert "Trang 2/2" in second.text_content()
    selected = second.xpath('//select[@name="per_page"]/option[@selected]')
    assert [o.get("value") for o in selected] == ["10"]
    # A page past the end or not a number shows the last / first page, never an error.
    assert _doc(officer.get(url, {"page": "999", "per_page": "10"})) is not None
    assert _doc(officer.get(url, {"page": "mười", "per_page": "x"})) is not None


@time_machine.travel(TODAY)
def test_petitions_sort_by_a_shown_column_both_ways_with_the_filter_kept(officer, many):
    url = reverse("petitions:petition_list")
    doc = _doc(officer.get(url, {"type": "reflection", "per_page": "50"}))
    links = {a.text_content().strip(): a.get("href") for a in doc.xpath("//thead//th//a")}
    assert {"Số", "Ngày nhận", "Người gửi", "Trạng thái", "Hạn"} <= set(links)
    query = parse_qs(urlparse(links["Người gửi"]).query)
    assert query["sort"] == ["sender"] and query["type"] == ["reflection"]
    names = lambda d: [td.text_content().strip() for td in d.xpath("//tbody/tr/td[4]")]  # noqa: E731
    up = _doc(officer.get(url, {"type": "reflection", "per_page": "50", "sort": "sender"}))
    assert names(up) == sorted(names(up)) and len(names(up)) == 11
    # The header now offers the other direction, and says which way it sorts.
    header = up.xpath('//thead//th[@aria-sort="ascending"]')
    assert header and "Người gửi" in header[0].text_content()
    back = parse_qs(urlparse(header[0].xpath(".//a")[0].get("href")).query)
    assert back["sort"] == ["-sender"]
    down = _doc(officer.get(url, {"type": "reflection", "per_page": "50", "sort": "-sender"}))
    assert names(down) == sorted(names(down), reverse=True)
    numbers = _receipts(_doc(officer.get(url, {"per_page": "50", "sort": "-number"})))
    assert len(numbers) == 23 and numbers == sorted(numbers, reverse=True)
    # A sort that is not a column is ignored.
    assert len(_receipts(_doc(officer.get(url, {"per_page": "50", "sort": "content;drop"})))) == 23


def test_cases_sort_by_a_shown_column_with_the_filter_kept(client, users, case_factory_here):
    client.force_login(users["thuky"])
    url = reverse("cases:case_list")
    doc = _doc(client.get(url, {"on_list": "01/06/2025"}))
    links = {a.text_content().strip(): a.get("href") for a in doc.xpath("//thead//th//a")}
    assert "Thiệt hại" in links and "Vụ án, vụ việc" in links
    assert parse_qs(urlparse(links["Thiệt hại"]).query)["on_list"] == ["01/06/2025"]
    damage = lambda d: [  # noqa: E731
        int(td.text_content().strip().split()[0].replace(".", "") or 0)
        for td in d.xpath('//tr[@data-testid="case-row"]/td[6]')
    ]
    high_first = _doc(client.get(url, {"sort": "-damage"}))
    assert damage(high_first) == sorted(damage(high_first), reverse=True)
    assert len(damage(high_first)) == 3
    low_first = _doc(client.get(url, {"sort": "damage"}))
    assert damage(low_first) == sorted(damage(low_first))


@pytest.fixture
def case_factory_here(users, agencies):
    for n, amount in enumerate([5_000_000, 900_000_000, 70_000_000]):
        cases.case_create(
            actor=users["thuky"],
            title=f"Vụ án sắp xếp {n}",
            field="corruption",
            severity="serious",
            following_agency=agencies["BNC"],
            followed_from=dt.date(2019, 1, 1),
            arisen_on=dt.date(2019, 1, n + 1),
            damage_vnd=amount,
        )
