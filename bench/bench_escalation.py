"""Escalation job (issue 19 §2): one run over a generated province, then the same run again.

The job reads only the open petitions with a running limit (partial index pet_running_due)
and, per chunk of 2,000, what was already sent for them: its cost follows the open petitions,
not the register. The first run writes the notices; the second finds them all sent and
writes nothing (the idempotent case every later run of the day is).

    python bench/bench_escalation.py [--size 20000] [--database-url URL]

Under ``bench/run.py`` both runs happen in one transaction that is rolled back.
Measured here (SQLite, 2 shared cores under load, 20,000 petitions, 1,202 running): first
run 18.2 s writing 977 notices, repeated run 2.6 s writing none; PostgreSQL, 10,000
petitions, 594 running: first run 1.2 s (502 notices), repeated run 0.11 s. Not run at 1e6
here: by these figures ~30,000 running petitions take some seconds to read and check, and the
first run's cost is in the notices it writes (one savepoint each).

Target (issue 19): a province-year (1e6 petitions, ~3 % open) in under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def measure() -> dict:
    from django.db import connection

    from noichinh.core import clock
    from noichinh.petitions import escalation
    from noichinh.petitions.models import Escalation, Petition

    today = clock.today()
    total = Petition.objects.count()
    running = Petition.objects.filter(
        state__in_literal=escalation.RUNNING, next_due__isnull=False
    ).count()
    out = {"engine": connection.vendor, "petitions": total, "running": running}
    for label in ("first_run", "second_run"):
        before = Escalation.objects.count()
        t0 = time.perf_counter()
        result = escalation.run(today=today)
        out[f"{label}_s"] = round(time.perf_counter() - t0, 2)
        out[f"{label}_notices"] = Escalation.objects.count() - before
        out[f"{label}_result"] = result
    out["ms_per_running_petition"] = round(1000 * out["second_run_s"] / max(running, 1), 3)
    return out


class _Rollback(Exception):
    pass


def run(ctx) -> list[dict]:
    """Under ``bench/run.py`` (a generated province): the first run and the repeated run,
    inside one transaction rolled back, so the shared bench database keeps no notices."""
    from django.db import transaction

    rows = []
    try:
        with transaction.atomic():
            out = measure()
            for label, key in (
                ("escalation job: first run (writes the notices)", "first_run_s"),
                ("escalation job: repeated run (nothing new)", "second_run_s"),
            ):
                rows.append(
                    {
                        "operation": label,
                        "size": ctx.size,
                        "engine": ctx.engine,
                        "median_ms": round(out[key] * 1000, 2),
                        "p95_ms": round(out[key] * 1000, 2),
                        "ratio_to_sql": None,
                        "ratio_to_empty_view": None,
                        "queries": None,
                    }
                )
            raise _Rollback
    except _Rollback:
        pass
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="20000")
    ap.add_argument("--database-url", default="")
    args = ap.parse_args(argv)
    from bench.common import parse_size, setup_django

    size = parse_size(args.size)
    var = Path(os.environ.get("VAR_DIR", "/tmp/noichinh-bench-escalation"))
    var.mkdir(parents=True, exist_ok=True)
    os.environ["VAR_DIR"] = str(var)
    url = args.database_url or f"sqlite:///{var / f'escalation-{size}.sqlite3'}"
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from noichinh.devdata.demo import org as demo
    from noichinh.devdata.generate import petitions as generate

    ctx_org = demo.load()
    t0 = time.perf_counter()
    made = generate.generate_petitions(size, seed=11, ctx=ctx_org, years=1, visits=0)
    if made:
        print(f"generated {made} petitions in {time.perf_counter() - t0:.1f} s", flush=True)
    for key, value in measure().items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
