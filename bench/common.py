"""Shared helpers for the benchmarks: timing, bare-SQL timing, the empty-view floor, results.

A benchmark module ``bench/bench_<area>.py`` exposes ``run(ctx) -> list[dict]``; ``ctx`` is a
:class:`Bench` bound to one engine and one population size (Django is set up, the database
holds the generated province). Each row it returns comes from ``ctx.view(...)`` or
``ctx.call(...)`` and has the keys of :data:`COLUMNS`.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA_DIR = ROOT / "var" / "bench"
COLUMNS = [
    "operation",
    "size",
    "engine",
    "median_ms",
    "p95_ms",
    "ratio_to_sql",
    "ratio_to_limit",
    "ratio_to_sqlite",
    "ratio_to_empty_view",
    "queries",
]
# Above this load average (1 minute) figures are not recorded unless --force (issue 21: a
# loaded machine had made PostgreSQL look 2x slower than SQLite).
MAX_LOAD = 1.5
LIMIT_TEMPLATE = (
    "{% load tz %}{% localtime off %}"  # raw values: a cache row expires in year 9999
    "<table>{% for row in rows %}<tr>{% for v in row %}<td>{{ v }}</td>{% endfor %}</tr>"
    "{% endfor %}</table>{% endlocaltime %}"
)
EMPTY_URL = "/__bench__/empty/"


def parse_size(text: str | int) -> int:
    """'1e4' -> 10000, '100000' -> 100000, '2k' -> 2000."""
    if isinstance(text, int):
        return text
    t = str(text).strip().lower().replace("_", "")
    if t.endswith("k"):
        return int(float(t[:-1]) * 1_000)
    if t.endswith("m"):
        return int(float(t[:-1]) * 1_000_000)
    return int(float(t))


def size_label(n: int) -> str:
    if n > 0 and 10 ** round(math.log10(n)) == n:
        return f"1e{round(math.log10(n))}"
    return str(n)


def percentile(samples: list[float], q: float) -> float:
    s = sorted(samples)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def sample(
    fn: Callable[[], object], *, repeat: int = 30, warmup: int = 2, budget_s: float = 4.0
) -> list[float]:
    """Call ``fn`` ``repeat`` times (at least 5, fewer if the time budget runs out); ms each."""
    for _ in range(warmup):
        fn()
    out: list[float] = []
    started = time.perf_counter()
    while len(out) < repeat:
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
        if len(out) >= 5 and time.perf_counter() - started > budget_s:
            break
    return out


def sample_interleaved(
    fns: list[Callable[[], object]], *, repeat: int = 30, warmup: int = 2, budget_s: float = 8.0
) -> list[list[float]]:
    """Call each of ``fns`` in turn, ``repeat`` rounds (at least 5), so that each is timed
    under the same conditions as the others; ms per call, one list per function."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    out: list[list[float]] = [[] for _ in fns]
    started = time.perf_counter()
    while len(out[0]) < repeat:
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            out[i].append((time.perf_counter() - t0) * 1000)
        if len(out[0]) >= 5 and time.perf_counter() - started > budget_s:
            break
    return out


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # not available on this system
        return 0.0


def too_loaded(load: float, *, force: bool) -> str | None:
    """Why figures may not be recorded now, or None."""
    if load > MAX_LOAD and not force:
        return (
            f"load average {load:.2f} > {MAX_LOAD}: figures would not be comparable; "
            "run on a quiet machine or pass --force (the load is then printed beside them)"
        )
    return None


def rss_peak_mb() -> float:
    """Peak resident memory of this process (and of its finished children), MB."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # kB on Linux


def add_ratio_to_sqlite(rows: list[dict]) -> None:
    """PostgreSQL rows get their median over SQLite's for the same operation and size."""
    sqlite = {(r["operation"], r["size"]): r["median_ms"] for r in rows if r["engine"] == "sqlite"}
    for r in rows:
        base = sqlite.get((r["operation"], r["size"]))
        if r["engine"] == "postgresql" and base:
            r["ratio_to_sqlite"] = round(r["median_ms"] / base, 2)


def median_p95(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), percentile(samples, 0.95)


def bare_sql(query) -> Callable[[], list]:
    """A callable that runs the SQL of ``query`` (a QuerySet, or (sql, params)) with a cursor."""
    from django.db import connection

    if hasattr(query, "query"):
        sql, params = query.query.sql_with_params()
    else:
        sql, params = query

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def setup_django(database_url: str | None = None) -> None:
    """Set up Django for a benchmark process (settings from the environment, like production)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("AXES_ENABLED", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # "testserver" in ALLOWED_HOSTS, locmem mail
    settings.ROOT_URLCONF = "bench.urls"  # the project's URLs plus the empty view


class Bench:
    """What a benchmark module's ``run(ctx)`` gets."""

    def __init__(self, *, engine: str, size: int, repeat: int = 30, budget_s: float = 4.0):
        self.engine = engine
        self.size = size
        self.repeat = repeat
        self.budget_s = budget_s
        self._clients: dict[str, object] = {}
        self._empty_ms: float | None = None

    # -- users and clients ----------------------------------------------------------------
    def user(self, username: str = "thuky"):
        from noichinh.org.models import User

        return User.objects.get(username=username)

    def client(self, username: str = "thuky"):
        """A logged-in django.test.Client (session auth, full middleware stack)."""
        from django.test import Client

        if username not in self._clients:
            c = Client()
            c.force_login(self.user(username))
            self._clients[username] = c
        return self._clients[username]

    # -- the floor ---------------------------------------------------------------------------
    @property
    def empty_ms(self) -> float:
        if self._empty_ms is None:
            c = self.client()
            samples = sample(
                lambda: c.get(EMPTY_URL), repeat=max(self.repeat, 50), budget_s=self.budget_s
            )
            self._empty_ms = statistics.median(samples)
        return self._empty_ms

    # -- rows ------------------------------------------------------------------------------
    def call(
        self,
        operation: str,
        fn: Callable[[], object],
        *,
        sql=None,
        queries: int | None = None,
        limit: Callable[[], object] | None = None,
    ) -> dict:
        """Time ``fn``; ``sql`` is the bare SQL of what it runs (a QuerySet, (sql, params) or
        a callable running them all); ``limit`` the least the same result could cost, timed
        interleaved with ``fn`` in the same rounds."""
        if limit is not None:
            samples, limit_samples = sample_interleaved(
                [fn, limit], repeat=self.repeat, budget_s=2 * self.budget_s
            )
            limit_med = statistics.median(limit_samples)
        else:
            samples = sample(fn, repeat=self.repeat, budget_s=self.budget_s)
            limit_med = None
        med, p95 = median_p95(samples)
        ratio_sql = None
        if sql is not None:
            run_sql = sql if callable(sql) else bare_sql(sql)
            sql_med, _ = median_p95(sample(run_sql, repeat=self.repeat, budget_s=2.0))
            ratio_sql = round(med / sql_med, 2) if sql_med > 0 else None
        return {
            "operation": operation,
            "size": self.size,
            "engine": self.engine,
            "median_ms": round(med, 2),
            "p95_ms": round(p95, 2),
            "ratio_to_sql": ratio_sql,
            "ratio_to_limit": round(med / limit_med, 2) if limit_med else None,
            "ratio_to_sqlite": None,
            "ratio_to_empty_view": round(med / self.empty_ms, 2) if self.empty_ms else None,
            "queries": queries,
        }

    def view(
        self,
        operation: str,
        url: str,
        *,
        username: str = "thuky",
        sql=None,
        expect: int = 200,
        headers: dict | None = None,
    ) -> dict:
        """Time a GET of ``url`` by ``username``; checks the status and counts the queries.

        × SQL is over every read query the page runs (replayed raw, inside a rolled-back
        transaction), not only its main one; ``queries`` counts them all, writes included; ``sql`` is kept as ``ratio_to_main_sql``. The
        limit page runs the same queries raw and renders their rows with a minimal template,
        timed interleaved with the page."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        c = self.client(username)
        ran: list[tuple[str, object]] = []

        def record(execute, sql_, params, many, context):
            ran.append((sql_, params))
            return execute(sql_, params, many, context)

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
            response = c.get(url, headers=headers or {})
        if response.status_code != expect:
            raise AssertionError(f"{operation}: GET {url} gave {response.status_code}")
        every_query = replay(ran)
        row = self.call(
            operation,
            lambda: c.get(url, headers=headers or {}),
            sql=every_query,
            queries=len(captured),
            limit=limit_page(ran),
        )
        if sql is not None:
            main_med, _ = median_p95(sample(bare_sql(sql), repeat=self.repeat, budget_s=2.0))
            row["ratio_to_main_sql"] = round(row["median_ms"] / main_med, 2) if main_med else None
        return row


def replay(ran: list[tuple[str, object]]) -> Callable[[], list]:
    """A callable running the reads of ``ran`` (every query a page ran) raw, in a transaction
    rolled back; a page's few writes (session, cache, access log) are not replayed, as
    repeating them would fail or change the data. Returns the rows read."""
    from django.db import connection, transaction

    def run():
        rows: list = []
        with transaction.atomic():
            with connection.cursor() as cursor:
                for sql_, params in ran:
                    if not sql_.lstrip()[:6].upper().startswith(("SELECT", "WITH")):
                        continue  # a write (session, cache, access log) or a savepoint
                    cursor.execute(sql_, params)
                    if cursor.description is not None:
                        rows.extend(cursor.fetchall())
            transaction.set_rollback(True)
        return rows

    return run


def limit_page(ran: list[tuple[str, object]]) -> Callable[[], object]:
    """The least a page could cost: its queries raw, their rows in a minimal template."""
    from django.template import engines

    template = engines["django"].from_string(LIMIT_TEMPLATE)
    run_queries = replay(ran)

    def run():
        return template.render({"rows": run_queries()})

    return run


def empty_view(request):
    from django.http import HttpResponse

    return HttpResponse(b"")


# -- results ---------------------------------------------------------------------------------


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def markdown_table(rows: list[dict]) -> str:
    head = [
        "operation",
        "engine",
        "size",
        "median ms",
        "p95 ms",
        "× SQL (all queries)",
        "× limit page",
        "× SQLite",
        "× empty view",
        "queries",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in sorted(rows, key=lambda r: (r["operation"], r["engine"], r["size"])):
        lines.append(
            "| "
            + " | ".join(
                [
                    r["operation"],
                    r["engine"],
                    size_label(r["size"]),
                    _fmt(r["median_ms"]),
                    _fmt(r["p95_ms"]),
                    _fmt(r.get("ratio_to_sql")),
                    _fmt(r.get("ratio_to_limit")),
                    _fmt(r.get("ratio_to_sqlite")),
                    _fmt(r.get("ratio_to_empty_view")),
                    _fmt(r.get("queries")),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def growth(rows: list[dict]) -> list[dict]:
    """Median ratio between consecutive sizes for each (operation, engine)."""
    by: dict[tuple, dict[int, float]] = {}
    for r in rows:
        by.setdefault((r["operation"], r["engine"]), {})[r["size"]] = r["median_ms"]
    out = []
    for (op, engine), sizes in sorted(by.items()):
        ordered = sorted(sizes)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if sizes[a]:
                out.append(
                    {
                        "operation": op,
                        "engine": engine,
                        "from": a,
                        "to": b,
                        "growth": round(sizes[b] / sizes[a], 2),
                    }
                )
    return out


def write_results(
    rows: list[dict], *, meta: dict, scripts: list[dict], setup: list[dict] | None = None
) -> tuple[Path, Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    add_ratio_to_sqlite(rows)
    grow = growth(rows)
    data = {"meta": meta, "rows": rows, "growth": grow, "setup": setup or [], "scripts": scripts}
    json_path = RESULTS / "latest.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md = [
        "# Benchmark results",
        "",
        f"Generated {meta.get('at')} on {meta.get('machine')} by `make bench` "
        f"(sizes {', '.join(size_label(s) for s in meta.get('sizes', []))}; "
        f"engines {', '.join(meta.get('engines', []))}).",
        "",
        f"Load average (1 min) at the start {_fmt(meta.get('load_before'))}, at the end "
        f"{_fmt(meta.get('load_after'))}"
        + (" — recorded with --force on a loaded machine." if meta.get("forced") else "."),
        "",
        "Latency of each user-facing operation (in-process Django test client, full middleware, "
        "logged-in user); its ratio to the bare SQL of every query the page runs; to the limit "
        "page (the same queries raw, their rows in a minimal template, timed interleaved with "
        "the page); PostgreSQL's to SQLite's median for the same operation in the same run "
        "(separate processes, one engine after the other, not alternated); and to an empty "
        "Django view through the same middleware (the framework's floor).",
        "",
        markdown_table(rows) if rows else "_no rows_",
        "",
    ]
    if grow:
        md += ["## Growth between sizes (median)", "", "| operation | engine | from → to | × |"]
        md += ["|---|---|---|---|"]
        for g in grow:
            md.append(
                f"| {g['operation']} | {g['engine']} | {size_label(g['from'])} → "
                f"{size_label(g['to'])} | {g['growth']:.2f} |"
            )
        md.append("")
    if setup:
        md += ["## Data generation", "", "| engine | size | seconds | note |", "|---|---|---|---|"]
        for s in setup:
            md.append(
                f"| {s['engine']} | {size_label(s['size'])} | {_fmt(s.get('seconds'))} | "
                f"{s.get('note', '')} |"
            )
        md.append("")
    for s in scripts:
        md += [f"## {s['name']} (script)", ""]
        if s.get("returncode"):
            md.append(f"_exited with {s['returncode']}_")
            md.append("")
        md += ["```", (s.get("output") or "").rstrip(), "```", ""]
    md_path = RESULTS / "latest.md"
    md_path.write_text("\n".join(md), encoding="utf-8")
    return md_path, json_path
