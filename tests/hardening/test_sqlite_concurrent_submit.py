"""Two identical portal submissions at once on SQLite: one petition, no 500 (issue 15 §8).

gunicorn with two workers over one SQLite file, as `make run`-style single-machine sites
run it: both requests arrive together (a double click), each in its own process. Before,
the second writer failed with "database is locked" (a 500) or made a second petition.
"""

import re
import sqlite3
import subprocess
import sys
import threading

import pytest
import requests

from tests.hardening.test_portal_limits_gunicorn import GUNICORN, ROOT, Server

pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path)
    srv.migrate()
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from noichinh.devdata.demo import org; org.load()"],
        cwd=ROOT,
        env=srv.env,
        check=True,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )
    srv.start()
    yield srv
    srv.stop()


def _form_fields(page: str) -> dict:
    agency = re.search(r'<select name="agency"[^>]*>.*?<option value="(\d+)"', page, re.S)
    key = re.search(r'name="submission_key" value="([^"]+)"', page)
    return {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1],
        "submission_key": key[1] if key else "",
        "agency": agency[1],
        "type": "complaint",
        "field": "land",
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": "Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND (gửi hai lần cùng lúc).",
        "sender_name": "Lê Văn Công Khai",
        "sender_address": "Thôn Đông, xã Hòa Bình",
    }


def test_two_identical_submissions_at_once_make_one_petition_and_no_error(server):
    rounds = 3
    for n in range(rounds):
        session = requests.Session()
        page = session.get(server.base + "/portal/gui-don/", timeout=60).text
        data = _form_fields(page)
        barrier = threading.Barrier(2)
        statuses = []

        def send(data=data, session=session, barrier=barrier, statuses=statuses, n=n):
            barrier.wait()
            response = session.post(
                server.base + "/portal/gui-don/",
                data=data,
                headers={"X-Forwarded-For": f"203.0.113.{n + 1}", "Connection": "close"},
                allow_redirects=False,
                timeout=120,
            )
            statuses.append(response.status_code)

        threads = [threading.Thread(target=send) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert statuses == [302, 302], statuses
    with sqlite3.connect(server.tmp / "portal.sqlite3") as db:
        (count,) = db.execute("SELECT COUNT(*) FROM petitions_petition").fetchone()
    assert count == rounds
