"""The escalation job's work follows the open records, not the register (issue 19, acceptance:
a province-year of 1e6 petitions, ~3 % open, in under 60 s).

The same open petitions, tasks and case stages are escalated beside a register of closed
records, then beside ten times as many: the job runs the same number of queries, and each
query reads only open records. On SQLite the plan of every query is asserted (with a
province-year's statistics of the petitions table: SQLite picks by the query's shape and these
statistics, whatever the test's few rows); on PostgreSQL the rows each query's scans read are
counted by EXPLAIN ANALYZE (sequential scans off: on a test's few rows one would be cheapest,
which says nothing of a register) and must not grow.
"""

import datetime as dt
import json
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from noichinh.briefings.models import Task
from noichinh.cases import services as case_services
from noichinh.cases.models import CaseStage
from noichinh.petitions import escalation, services
from noichinh.petitions.models import Petition
from tests.briefings import conftest as briefings_fixtures
from tests.cases import conftest as cases_fixtures
from tests.petitions.factories import make_petition
from tests.petitions.test_query_plans import _load_province_stats

RECEIVED = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 6, 1)  # every open record below is overdue: every rule is looked at
BIG_TABLES = ("petitions_petition", "briefings_task", "cases_casestage", "cases_case")


# The fixtures of the tasks' and cases' tests, used here too.
blocs = briefings_fixtures.blocs
conference = briefings_fixtures.conference
make_task = briefings_fixtures.make_task
case_factory = cases_fixtures.case_factory


@pytest.fixture
def open_records(users, agencies, make_task, case_factory):
    p = make_petition(users["canbo_ca"], agencies["CA"], received_on=RECEIVED)
    p = services.petition_assign(actor=users["truongdonvi"], petition=p, officer=users["canbo_ca"])
    make_petition(users["canbo_ca"], agencies["CA"], received_on=RECEIVED + dt.timedelta(days=1))
    task = make_task(lead="CA", deadline=dt.date(2026, 4, 30))
    case = case_factory()
    case_services.supervision_add(
        actor=users["thuky"], case=case, number="15-QĐ/TU", date=dt.date(2026, 1, 5)
    )
    stage = case_services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.ACCUSATION,
        agency=agencies["CA"],
        started_on=dt.date(2026, 1, 7),
        start_decision="1/QĐ",
    )
    assert p.next_due and task.deadline and stage.due_on
    return {"petition": p, "task": task, "stage": stage}


def _add_closed(records, n, start):
    """``n`` closed petitions, done tasks and ended stages, with limits long past (as the
    register's finished years are)."""
    p, task, stage = records["petition"], records["task"], records["stage"]
    petitions = []
    for i in range(n):
        c = Petition.objects.get(pk=p.pk)
        c.pk = c.id = None
        c.uuid = uuid.uuid4()
        c.receipt_no = f"{start + i}/2025"
        c.state = Petition.State.RESOLVED
        c.received_on = dt.date(2025, 1, 6)
        c.next_due = dt.date(2025, 2, 20)
        petitions.append(c)
    Petition.objects.bulk_create(petitions)
    tasks = []
    for _ in range(n):
        t = Task.objects.get(pk=task.pk)
        t.pk = t.id = None
        t.status = Task.DONE
        t.deadline = dt.date(2025, 2, 20)
        t.completed_on = dt.date(2025, 2, 19)
        tasks.append(t)
    Task.objects.bulk_create(tasks)
    stages = []
    for _ in range(n):
        s = CaseStage.objects.get(pk=stage.pk)
        s.pk = s.id = None
        s.uuid = uuid.uuid4()
        s.due_on = dt.date(2025, 2, 20)
        s.ended_on = dt.date(2025, 2, 19)
        stages.append(s)
    CaseStage.objects.bulk_create(stages)


def _run_job():
    with CaptureQueriesContext(connection) as ctx:
        escalation.run(today=TODAY)
    return [q["sql"] for q in ctx.captured_queries]


def _reads(sqls):
    return [
        s
        for s in sqls
        if s.lstrip().upper().startswith(("SELECT", "WITH"))
        and any(f'"{t}"' in s for t in BIG_TABLES)
    ]


# SQLite plan lines that read a bounded part of a big table: through the partial indexes of
# open records, or searched by key (a record's id, the foreign key of a parent).
BOUNDED = re.compile(
    r"USING (COVERING )?INDEX (pet_running_due|pet_running_received|stage_running_due)\b"
    r"|USING INDEX briefings_t_status_\w+ \(status=\?"
    r"|SEARCH \w+ USING (INTEGER PRIMARY KEY|(COVERING )?INDEX \w+) \((id|rowid|\w+_id)=\?\)"
)


def _unbounded_sqlite(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        lines = [row[-1] for row in cursor.fetchall()]
    return [
        line
        for line in lines
        if re.match(r"(SCAN|SEARCH) (" + "|".join(BIG_TABLES) + r")\b", line)
        and not BOUNDED.search(line)
    ]


def _rows_read_pg(sql):
    def walk(node):
        own = 0
        if node.get("Relation Name") in BIG_TABLES or node.get("Index Name", "").startswith(
            ("pet_", "task_", "stage_", "petitions_petition", "briefings_task", "cases_")
        ):
            own = node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
        return own + sum(walk(child) for child in node.get("Plans", []))

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = on")
    if isinstance(plan, str):
        plan = json.loads(plan)
    return walk(plan[0]["Plan"])


def test_escalation_job_reads_only_open_records_whatever_the_register(open_records):
    _add_closed(open_records, 10, 1000)
    first = _run_job()  # writes the notices
    assert escalation.Escalation.objects.exists()
    small = _run_job()  # the repeated run of the day: nothing new
    _add_closed(open_records, 100, 2000)
    large = _run_job()
    assert len(large) == len(small), "the job's queries grow with the closed records"
    assert _reads(small) and len(_reads(first)) >= len(_reads(small))
    if connection.vendor == "sqlite":
        _load_province_stats()
        # The other tables without statistics (ANALYZE of the test's few rows would make a
        # scan of them the cheapest plan): SQLite then plans by the query's shape.
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM sqlite_stat1 WHERE tbl IN ('briefings_task', 'cases_casestage',"
                " 'cases_case', 'cases_supervisionentry')"
            )
            cursor.execute("ANALYZE sqlite_schema")
        unbounded = [(sql, _unbounded_sqlite(sql)) for sql in _reads(large)]
        assert not [u for u in unbounded if u[1]]
    else:
        for before, after in zip(_reads(small), _reads(large), strict=True):
            assert _rows_read_pg(after) == _rows_read_pg(before), after
