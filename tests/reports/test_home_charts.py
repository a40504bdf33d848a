"""Issue 17 §4: the home page shows the charts an officer looks at — petitions received
and resolved on time by month, overdue by agency, the quarter against the same quarter
last year — over the agencies whose figures the user sees."""

import datetime as dt
import io

import pytest
from PIL import Image

from noichinh.reports import home


@pytest.mark.parametrize("username", ["thuky", "lanhdao", "truongdonvi"])
def test_home_page_shows_the_three_charts(client, users, username):
    client.force_login(users[username])
    html = client.get("/").content.decode()
    for kind in ("months", "overdue", "quarter"):
        assert f'data-testid="home-chart-{kind}"' in html
        response = client.get(f"/reports/home/{kind}.png")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(response.content)).width > 300


def test_home_charts_need_a_login(client, db):
    response = client.get("/reports/home/months.png")
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.get("/reports/home/nothing.png").status_code == 302


def test_month_series_are_the_register_figures(users, org, monkeypatch):
    from noichinh.core import clock
    from noichinh.petitions.figures import FIGURES

    monkeypatch.setattr(clock, "today", lambda: dt.date(2022, 9, 15))
    labels, series = home.by_month(users["thuky"])
    assert labels[0] == "10/2021" and labels[-1] == "09/2022" and len(labels) == 12
    received = dict(zip(labels, series[0][1], strict=True))
    assert received["09/2022"] == FIGURES["petitions.received"](
        agency_ids=None, unit_ids=None, start=dt.date(2022, 9, 1), end=dt.date(2022, 9, 30)
    )
    names, quarter = home.quarter_against_last_year(users["thuky"])
    assert names[0] == "Tiếp nhận" and [s[0] for s in quarter] == ["Quý 3/2021", "Quý 3/2022"]
