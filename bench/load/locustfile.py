"""Mixed officer workload against the petitions API (bearer tokens, one per simulated officer).

Weights: list 4, filter/search 3, open a detail 3, register a new petition 1. Every created
petition carries the run's marker in its content, so run.sh can count them afterwards.
Tokens come from $LOAD_TOKENS (a JSON file written by prepare.py).
"""

import datetime as dt
import itertools
import json
import os
import random

from locust import HttpUser, between, events, task

TOKENS = json.loads(open(os.environ.get("LOAD_TOKENS", "var/load/tokens.json")).read())
MARKER = os.environ.get("LOAD_MARKER", "LOADTEST")
_next = itertools.count()
CREATED = {"ok": 0}
QUERIES = ["đất", "thu hồi", "bồi thường", "cán bộ", "xã", "khiếu nại", "tố cáo"]
STATES = ["received", "classified", "accepted", "resolved", ""]


class Officer(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        me = TOKENS[next(_next) % len(TOKENS)]
        self.agency_id = me["agency_id"]
        self.client.headers["Authorization"] = f"Bearer {me['token']}"
        self.ids = []

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
            "received_on": dt.date.today().isoformat(),
            "content": f"Khiếu nại việc thu hồi đất không bồi thường thỏa đáng [{MARKER}]",
            "type": "complaint",
            "field": "land",
            "sender_name": "Nguyễn Văn Thử",
            "sender_address": "Xã Phú Bình",
        }
        with self.client.post(
            "/api/v1/petitions/", json=payload, name="create petition", catch_response=True
        ) as r:
            if r.status_code == 201:
                CREATED["ok"] += 1
                r.success()
            else:
                r.failure(f"{r.status_code}: {r.text[:200]}")


@events.quitting.add_listener
def _write_created(environment, **kwargs):
    path = os.environ.get("LOAD_CREATED_FILE")
    if path:
        with open(path, "w") as f:
            f.write(str(CREATED["ok"]))
