"""Escalation job (issue 19 §2): one run over a generated province, then the same run again.

The job reads only the open petitions with a running limit (partial index pet_running_due)
and, per chunk of 2,000, what was already sent for them: its cost follows the open petitions,
not the register. The first run writes the notices; the second finds them all sent and
writes nothing (the idempotent case every later run of the day is).

    python bench/bench_escalation.py [--size 100000] [--grow-to 300000] [--database-url URL]

With ``--grow-to`` the register is then grown with copies of its closed petitions (the open
ones unchanged) and the job measured again: the two figures side by side show whether its
cost follows the register or the open petitions. The time per running petition and its
extrapolation to a province-year are printed, labelled as extrapolations, with the load
average (figures taken above 1.5 are not to be recorded).

Under ``bench/run.py`` both runs happen in one transaction that is rolled back.
Measured here (SQLite, 2 shared cores under load, 20,000 petitions, 1,202 running): first
run 18.2 s writing 977 notices, repeated run 2.6 s writing none; PostgreSQL, 10,000
petitions, 594 running: first run 1.2 s (502 notices), repeated run 0.11 s. A smoke run
(SQLite, load average 11.8, not figures to record): 1,000 then 3,000 petitions with the same
67 running, repeated run 0.45 s then 0.41 s. The province-scale figures (e.g. ``--size 100000
--grow-to 300000`` or 1e6) are to be taken on a quiet machine.

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


def grow_with_closed(target: int) -> int:
    """Grow the register to ``target`` petitions with copies of its closed ones (new uuid and
    receipt number, same agency, dates and final state): the open petitions stay the same, so
    a second measurement shows what the closed register costs the job."""
    import uuid

    from noichinh.petitions import daily
    from noichinh.petitions.models import Petition

    have = Petition.objects.count()
    closed = list(Petition.objects.exclude(state__in=Petition.OPEN_STATES).order_by("pk"))
    if not closed or have >= target:
        return 0
    made, round_no = 0, 0
    while have + made < target:
        round_no += 1
        batch = []
        for p in closed:
            if have + made + len(batch) >= target:
                break
            p.pk = p.id = None
            p.uuid = uuid.uuid4()
            p.receipt_no = f"{p.receipt_no.split('~')[0]}~{round_no}"[:40]
            batch.append(p)
        for i in range(0, len(batch), 2000):
            Petition.objects.bulk_create(batch[i : i + 2000])
        made += len(batch)
    daily.mark_records(Petition, closed)
    return made


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="20000", help="petitions generated (one year)")
    ap.add_argument(
        "--grow-to",
        default="",
        help="then grow the register with copies of its closed petitions to this size and "
        "measure again (same open petitions)",
    )
    ap.add_argument("--database-url", default="")
    args = ap.parse_args(argv)
    from bench.common import MAX_LOAD, load_average, parse_size, setup_django

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
    _analyze()
    runs = []
    for step in ("base", "grown"):
        if step == "grown":
            if not args.grow_to:
                break
            t0 = time.perf_counter()
            grown = grow_with_closed(parse_size(args.grow_to))
            # The first run writes the notices again (the same ones as on the smaller register).
            from noichinh.petitions.models import Escalation, Notification

            Escalation.objects.all().delete()
            Notification.objects.filter(kind="escalation").delete()
            _analyze()
            print(f"added {grown} closed petitions in {time.perf_counter() - t0:.1f} s")
        load = load_average()
        out = measure()
        out["load_average"] = round(load, 2)
        runs.append(out)
        print(f"--- register of {out['petitions']} petitions ---")
        for key, value in out.items():
            print(f"{key}: {value}")
        if load > MAX_LOAD:
            print(f"NOTE: load average {load:.2f} > {MAX_LOAD}: not figures to record")
    # Extrapolation, labelled as such: the repeated run's time per running petition, times the
    # running petitions of a province-year (1e6 petitions, 3 % open).
    last = runs[-1]
    per = last["second_run_s"] / max(last["running"], 1)
    first_per = last["first_run_s"] / max(last["running"], 1)
    print(
        f"extrapolated (not measured) to 1e6 petitions with 30,000 running: repeated run "
        f"~{per * 30000:.1f} s, first run ~{first_per * 30000:.1f} s "
        f"(from {last['running']} running petitions in a register of {last['petitions']})"
    )
    if len(runs) == 2:
        a, b = runs
        print(
            f"growth with the register ({a['petitions']} -> {b['petitions']} petitions, "
            f"{a['running']} -> {b['running']} running): repeated run "
            f"{a['second_run_s']} s -> {b['second_run_s']} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
