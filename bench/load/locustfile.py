"""Mixed officer workload against the petitions API (bearer tokens, one per simulated officer).

Weights: list 4, filter/search 3, open a petition 3, register a new petition 1, classify one
of the petitions this user registered (the first handling step) 1, record a visit in the
reception book 1, report progress on a meeting task of the officer's agency 1 (several
users report on the same tasks: the task row is locked for each report). Every write carries the run's marker in its content, so run.sh can count
what was stored afterwards and compare it with what the server acknowledged, write by write
kind (prepare.py count). Tokens come from $LOAD_TOKENS (a JSON file written by prepare.py).

Each request asks for "Connection: close": in production nginx sits in front of gunicorn
(docs/deploy.md) and proxies every request on a fresh upstream connection, so gunicorn never
holds an idle keep-alive connection there. Talking keep-alive straight to gunicorn instead
races its 2-second keep-alive timeout against the users' 0.5-2 s think time (the server
closes an idle connection just as the client reuses it: "connection reset by peer"), which
is an artefact of the test set-up, not of the application.
"""

import datetime as dt
import itertools
import json
import os
import random
from zoneinfo import ZoneInfo

from locust import HttpUser, between, events, task

TOKENS = json.loads(open(os.environ.get("LOAD_TOKENS", "var/load/tokens.json")).read())
MARKER = os.environ.get("LOAD_MARKER", "LOADTEST")
_next = itertools.count()
# Writes the server acknowledged, by kind; run.sh compares them with what is stored.
ACKED = {"petition": 0, "classify": 0, "visit": 0, "progress": 0}
QUERIES = ["đất", "thu hồi", "bồi thường", "cán bộ", "xã", "khiếu nại", "tố cáo"]
STATES = ["received", "classified", "accepted", "resolved", ""]
FIELDS = ["land", "other"]


def _today() -> str:
    # The application's "today" is Vietnam's; a date after it is refused.
    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date().isoformat()


class Officer(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        me = TOKENS[next(_next) % len(TOKENS)]
        self.agency_id = me["agency_id"]
        self.task_ids = me["task_ids"]
        self.client.headers["Authorization"] = f"Bearer {me['token']}"
        self.client.headers["Connection"] = "close"
        self.ids = []
        self.mine = []  # (id, version) of petitions this user registered, not yet classified

    def _write(self, name, path, payload, *, expect, kind):
        with self.client.post(path, json=payload, name=name, catch_response=True) as r:
            if r.status_code == expect:
                ACKED[kind] += 1
                r.success()
                return r.json()
            r.failure(f"{r.status_code}: {r.text[:200]}")
            return None

    @task(4)
    def list_petitions(self):
        r = self.client.get("/api/v1/petitions/?limit=20", name="list petitions")
        if r.ok:
            self.ids = [p["id"] for p in r.json().get("items", [])] or self.ids

    @task(3)
    def filter_petitions(self):
        params = {"q": random.choice(QUERIES), "state": random.choice(STATES), "limit": 20}
        self.client.get("/api/v1/petitions/", params=params, name="filter petitions")

    @task(3)
    def open_detail(self):
        if not self.ids:
            return self.list_petitions()
        self.client.get(f"/api/v1/petitions/{random.choice(self.ids)}", name="open petition")

    @task(1)
    def create_petition(self):
        payload = {
            "agency_id": self.agency_id,
            "received_on": _today(),
            "content": f"Khiếu nại việc thu hồi đất không bồi thường thỏa đáng [{MARKER}]",
            "type": "complaint",
            "field": "land",
            "sender_name": "Nguyễn Văn Thử",
            "sender_address": "Xã Phú Bình",
        }
        out = self._write(
            "register petition", "/api/v1/petitions/", payload, expect=201, kind="petition"
        )
        if out:
            self.mine.append((out["id"], out["version"]))

    @task(1)
    def classify_petition(self):
        if not self.mine:
            return self.create_petition()
        pk, version = self.mine.pop(0)
        payload = {
            "action": "classify",
            "type": "complaint",
            "field": random.choice(FIELDS),
            "meets_conditions": True,
            "in_competence": True,
            "expected_version": version,
        }
        self._write(
            "classify petition",
            f"/api/v1/petitions/{pk}/transition",
            payload,
            expect=200,
            kind="classify",
        )

    @task(1)
    def record_visit(self):
        payload = {
            "agency_id": self.agency_id,
            "visited_on": _today(),
            "content": f"Công dân trình bày việc cấp giấy chứng nhận quyền sử dụng đất [{MARKER}]",
            "petition_type": "complaint",
            "field": "land",
            "visitor_name": "Trần Thị Khách",
            "visitor_address": "Xã Phú Bình",
        }
        self._write("record visit", "/api/v1/petitions/visits", payload, expect=201, kind="visit")

    @task(1)
    def report_progress(self):
        if not self.task_ids:  # an agency that leads or co-ordinates no open task
            return self.record_visit()
        payload = {"note": f"Đã triển khai, đang tổng hợp kết quả [{MARKER}]"}
        self._write(
            "report task progress",
            f"/api/v1/briefings/tasks/{random.choice(self.task_ids)}/progress",
            payload,
            expect=200,
            kind="progress",
        )


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    """The final figures, after every user finished its last request (the CSV files are
    written every second while the run lasts and miss what completes during the stop)."""
    path = os.environ.get("LOAD_ACKED_FILE")
    if path:
        with open(path, "w") as f:
            json.dump(ACKED, f)
    path = os.environ.get("LOAD_STATS_FILE")
    if path:
        stats = environment.stats
        rows = []
        for entry in [*sorted(stats.entries.values(), key=lambda e: e.name), stats.total]:
            pct = entry.get_response_time_percentile
            rows.append(
                {
                    "name": entry.name,
                    "requests": entry.num_requests,
                    "failures": entry.num_failures,
                    "rps": round(entry.total_rps, 2),
                    "p50": pct(0.5),
                    "p95": pct(0.95),
                    "p99": pct(0.99),
                    "max": round(entry.max_response_time),
                }
            )
        errors = [
            {"name": e.name, "error": str(e.error), "occurrences": e.occurrences}
            for e in stats.errors.values()
        ]
        with open(path, "w") as f:
            json.dump({"rows": rows, "errors": errors}, f, ensure_ascii=False, indent=1)
