"""Run by tests/scale/test_replica.py in its own process, with DATABASE_URL on the
throw-away primary and DATABASE_REPLICA_URL on its streaming replica. Prints one line per
finding; exits non-zero on the first failed check."""

import datetime as dt
import os
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        sys.exit(1)


def replica_caught_up(timeout=60):
    with connections["default"].cursor() as c:
        c.execute("SELECT pg_current_wal_lsn()")
        target = c.fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connections["replica"].cursor() as c:
            c.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if c.fetchone()[0]:
                return True
        time.sleep(0.2)
    return False


def replica_replay(paused: bool):
    with connections["replica"].cursor() as c:
        c.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")


call_command("migrate", verbosity=0)
from noichinh.devdata.demo import org as demo  # noqa: E402
from noichinh.petitions import services  # noqa: E402
from noichinh.petitions.models import Visit  # noqa: E402

org = demo.load()
officer = org["users"]["canbo"]
agency = org["agencies"]["TTT"]
services.visit_create(
    actor=officer,
    agency=agency,
    visited_on=dt.date.today(),
    content="Lượt tiếp đã sao sang máy phụ",
    visitor_name="Trần Văn Bình",
)
client = Client()
client.force_login(officer)
check(replica_caught_up(), "the replica has replayed the migrations, the accounts and the session")

with connections["replica"].cursor() as c:
    c.execute("SELECT pg_is_in_recovery()")
    check(c.fetchone()[0], "the replica alias is a standby (pg_is_in_recovery)")

replica_replay(paused=True)
today = dt.date.today()
services.visit_create(
    actor=officer,
    agency=agency,
    visited_on=today,
    content="Lượt tiếp chỉ có trên máy chính",
    visitor_name="Trần Văn Bình",
)
check(
    Visit.objects.using("default").filter(content="Lượt tiếp chỉ có trên máy chính").exists(),
    "the new visit is on the primary",
)
with CaptureQueriesContext(connections["replica"]) as on_replica:
    with CaptureQueriesContext(connections["default"]) as on_primary:
        page = client.get("/petitions/visits/")
check(page.status_code == 200, "the reception book answers 200")
check(
    "Lượt tiếp đã sao sang máy phụ" in page.content.decode(),
    "the reception book lists the replicated visit",
)
check(len(on_replica) > 0, f"the reception book read from the replica ({len(on_replica)} queries)")
check(
    not any("petitions_visit" in q["sql"] for q in on_primary.captured_queries),
    "the reception book did not read visits from the primary",
)
check(
    "Lượt tiếp chỉ có trên máy chính" not in page.content.decode(),
    "the reception book, served by the paused replica, does not show the primary-only visit",
)

# A write through the page, then the next page: read-your-writes on the primary.
form = client.get("/petitions/visits/new/")
check(form.status_code == 200, "the visit form opens")
data = {
    "agency": agency.pk,
    "visited_on": today.strftime("%d/%m/%Y"),
    "kind": Visit.Kind.choices[0][0],
    "petition_type": Visit._meta.get_field("petition_type").choices[0][0],
    "field": Visit._meta.get_field("field").choices[0][0],
    "people_count": 1,
    "visitor_name": "Người Vừa Ghi Sổ",
    "content": "Lượt tiếp vừa ghi sổ qua trang",
    "answer": Visit.Answer.choices[0][0],
    "answer_reason": "Đã hướng dẫn",
    "confirm_day_off": "on",
}
written = client.post("/petitions/visits/new/", data)
check(written.status_code == 302, f"the visit form saved (status {written.status_code})")
with CaptureQueriesContext(connections["replica"]) as on_replica:
    after = client.get("/petitions/visits/")
text = after.content.decode()
check(
    "Lượt tiếp vừa ghi sổ qua trang" in text,
    "right after the write, the reception book shows the new visit",
)
check(
    "Lượt tiếp chỉ có trên máy chính" in text, "and reads the primary (the other visit shows too)"
)
check(len(on_replica) == 0, "no read went to the replica within the sticky window")

replica_replay(paused=False)
check(replica_caught_up(), "the replica catches up once replay resumes")
fresh = Client()
fresh.force_login(officer)
check(replica_caught_up(), "the new session reached the replica")
with CaptureQueriesContext(connections["replica"]) as on_replica:
    later = fresh.get("/petitions/visits/")
check(len(on_replica) > 0, "another browser reads from the replica again")
check("Lượt tiếp vừa ghi sổ qua trang" in later.content.decode(), "and sees the replicated visit")

# The daily-figures refresh writes: it runs on the primary even under a read-only page.
from noichinh.core import dbrouting  # noqa: E402
from noichinh.petitions import daily  # noqa: E402
from noichinh.petitions.models import DailyFiguresState  # noqa: E402

with dbrouting.replica_reads_here():
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        daily.refresh(["visit"])
check(
    not any("dailyfigures" in q["sql"].lower() for q in on_replica.captured_queries),
    "the daily-figures refresh read and wrote on the primary only",
)
check(
    DailyFiguresState.objects.using("default").filter(axis="visit").exists(),
    "its state is on the primary",
)
print("done", flush=True)
