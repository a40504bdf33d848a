"""Run every benchmark under bench/ and write one table (bench/results/latest.md and .json).

    python bench/run.py [--sizes 1e4,1e5,1e6] [--engines sqlite,postgresql] [--only NAME]
                        [--repeat 30] [--no-scripts] [--regenerate] [--prepare] [--collect]
                        [--force]

It refuses to start, and to record, while the load average is above 1.5 (figures taken on a
loaded machine are not comparable), unless --force; the load is written beside the figures.

Sizes also come from the environment (``make bench SIZES=1e4``; default 1e4,1e5).
PostgreSQL is used when it answers at BENCH_PG_URL (default
postgres://postgres@127.0.0.1:5432), in databases named noichinh_bench_<size>; SQLite
files live under var/bench/. Each (engine, size) runs in its own process (Django's settings
are per process): it migrates, generates the province once (kept for the next run, keyed by
size and seed), then calls ``run(ctx)`` of every bench_*.py that defines it.
Modules with only ``main()`` are run once as scripts and their output is included.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    DATA_DIR,
    load_average,
    parse_size,
    size_label,
    too_loaded,
    write_results,
)

PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SEED = 1
GEN_VERSION = "2"  # bump when the generator's output changes, to rebuild the bench databases


def modules(only: str | None = None) -> tuple[list[str], list[str]]:
    """(modules with run(ctx), scripts with main() only), by file name."""
    with_run, scripts = [], []
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        name = path.stem
        if only and only not in name:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        if "run" in names:
            with_run.append(name)
        elif "main" in names or "__main__" in path.read_text(encoding="utf-8"):
            scripts.append(name)
    return with_run, scripts


def pg_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_BASE}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def database_url(engine: str, size: int) -> str:
    if engine == "postgresql":
        return f"{PG_BASE}/noichinh_bench_{size_label(size)}"
    return f"sqlite:///{DATA_DIR / f'bench-{size_label(size)}.sqlite3'}"


def gen_signature(size: int) -> str:
    """Changes when the generator or the set of register generators changes."""
    import re

    apps = []
    for app in ("petitions", "cases", "briefings", "reports"):
        path = ROOT / "noichinh" / "devdata" / "generate" / f"{app}.py"
        if path.exists() and re.search(rf"^def generate(_{app})?\(", path.read_text(), re.M):
            apps.append(app)
    return f"{GEN_VERSION}:{size}:{SEED}:{','.join(apps)}"


def marker(engine: str, size: int) -> Path:
    return DATA_DIR / f"{engine}-{size_label(size)}.ready"


def timing_file(engine: str, size: int) -> Path:
    """How long generating that database took (kept beside it, reported with every run)."""
    return DATA_DIR / f"{engine}-{size_label(size)}.generated.json"


def summary_file(engine: str, size: int) -> Path:
    """How long building the daily summary from the records took, when the worker did it."""
    return DATA_DIR / f"{engine}-{size_label(size)}.summary.json"


def fresh_database(engine: str, size: int) -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if engine == "postgresql":
        import psycopg

        name = f"noichinh_bench_{size_label(size)}"
        with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(DATA_DIR / f"bench-{size_label(size)}.sqlite3") + suffix)
            p.unlink(missing_ok=True)


# -- worker: one engine, one size ------------------------------------------------------------


def worker(engine: str, size: int, names: list[str], out: Path, repeat: int) -> int:
    os.environ["VAR_DIR"] = str(DATA_DIR / "var")
    from bench.common import Bench, setup_django

    setup_django(database_url(engine, size))
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    setup = []
    mark = marker(engine, size)
    signature = gen_signature(size)
    if not mark.exists():
        started = time.perf_counter()
        call_command("generate_province", petitions=size, seed=SEED, years=3, progress=False)
        seconds = time.perf_counter() - started
        mark.write_text(signature)
        timing = {"engine": engine, "size": size, "seconds": round(seconds, 1)}
        timing_file(engine, size).write_text(json.dumps(timing))
        print(f"   generated {size_label(size)} on {engine} in {seconds:.1f} s", flush=True)
    if engine == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            # As autovacuum would have by then: statistics and the visibility map (index-only
            # scans read the table for pages not yet marked all-visible).
            cursor.execute("VACUUM ANALYZE")
    else:
        # As the nightly `manage.py analyze_db` of docs/deploy.md would have: statistics for
        # indexes that migrations added after the database was generated.
        call_command("analyze_db", verbosity=0)
    # The daily summary of the figures, as a running register has it (the generator builds it;
    # a database generated before it existed is built here once, and timed).
    from noichinh.petitions import daily

    started = time.perf_counter()
    daily.refresh(["visit", "petition", "resolved"])
    seconds = time.perf_counter() - started
    if seconds > 1:  # built now, not just checked: kept beside the generation time
        summary_file(engine, size).write_text(
            json.dumps(
                {
                    "engine": engine,
                    "size": size,
                    "seconds": round(seconds, 1),
                    "note": "daily summary of the figures built from all the records "
                    "(petitions.daily; once, for a database generated before it existed)",
                }
            )
        )
    ctx = Bench(engine=engine, size=size, repeat=repeat)
    rows, errors = [], []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        try:
            got = module.run(ctx) or []
        except Exception as exc:  # a failing module must not hide the others
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            print(f"   {name} failed: {exc}", flush=True)
            continue
        for row in got:
            row.setdefault("module", name)
        rows.extend(got)
        print(f"   {name}: {len(got)} rows", flush=True)
    out.write_text(json.dumps({"rows": rows, "setup": setup, "errors": errors}, ensure_ascii=False))
    return 1 if errors else 0


def _run_worker(engine: str, size: int, out: Path, args) -> subprocess.CompletedProcess:
    """One engine and size in a process of its own (fresh database when the generator
    changed), writing its rows to ``out``."""
    mark = marker(engine, size)
    if args.regenerate or not mark.exists() or mark.read_text() != gen_signature(size):
        mark.unlink(missing_ok=True)
        timing_file(engine, size).unlink(missing_ok=True)
        summary_file(engine, size).unlink(missing_ok=True)
        fresh_database(engine, size)
    out.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__)), "--worker", engine, str(size), str(out)]
    cmd += ["--repeat", str(args.repeat)] + (["--prepare"] if args.prepare else [])
    if args.only:
        cmd += ["--only", args.only]
    return subprocess.run(cmd, cwd=ROOT)


def run_script(name: str) -> dict:
    path = ROOT / "bench" / f"{name}.py"
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            env={**os.environ, "VAR_DIR": str(DATA_DIR / "var")},
        )
        output = proc.stdout + (("\n" + proc.stderr[-2000:]) if proc.returncode else "")
        code = proc.returncode
    except subprocess.TimeoutExpired:
        output, code = "timed out after 900 s", -1
    return {
        "name": name,
        "returncode": code,
        "seconds": round(time.perf_counter() - started, 1),
        "output": output,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=os.environ.get("SIZES") or "1e4,1e5")
    ap.add_argument("--engines", default=os.environ.get("ENGINES") or "sqlite,postgresql")
    ap.add_argument("--only", default=os.environ.get("ONLY") or None)
    ap.add_argument("--repeat", type=int, default=int(os.environ.get("REPEAT") or 30))
    ap.add_argument("--no-scripts", action="store_true")
    ap.add_argument("--regenerate", action="store_true", help="rebuild the bench databases")
    ap.add_argument(
        "--prepare", action="store_true", help="only generate the databases (no timing, no table)"
    )
    ap.add_argument(
        "--collect",
        action="store_true",
        help="write the table from the results of earlier runs (e.g. one run per engine)",
    )
    ap.add_argument(
        "--force",
        action="store_true",
        help="record figures even when the load average is above 1.5 (it is printed beside them)",
    )
    ap.add_argument("--worker", nargs=3, metavar=("ENGINE", "SIZE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    with_run, scripts = modules(args.only)
    if args.prepare:
        with_run, scripts = [], []

    if args.worker:
        engine, size, out = args.worker
        return worker(engine, int(size), with_run, Path(out), args.repeat)

    load_before = load_average()
    refusal = None if args.prepare else too_loaded(load_before, force=args.force)
    if refusal:
        print(f"REFUSED {refusal}")
        return 2
    sizes = sorted({parse_size(s) for s in args.sizes.replace(" ", ",").split(",") if s})
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if "postgresql" in engines and not pg_reachable():
        print(f"== SKIPPED PostgreSQL: not reachable at {PG_BASE}; SQLite only")
        engines.remove("postgresql")
    rows, setup, errors = [], [], []
    for engine in engines:
        for size in sizes:
            print(
                f"== {engine} {size_label(size)}: {', '.join(with_run) or 'no modules'}", flush=True
            )
            out = DATA_DIR / f"rows-{engine}-{size_label(size)}.json"
            label = f"{engine} {size_label(size)}"
            if args.collect:
                if not out.exists():
                    errors.append(f"{label}: no results to collect")
                    continue
            else:
                proc = _run_worker(engine, size, out, args)
                if not out.exists():
                    errors.append(f"{label}: worker exited {proc.returncode}")
                    continue
            got = json.loads(out.read_text())
            rows += got["rows"]
            if timing_file(engine, size).exists():
                setup.append(json.loads(timing_file(engine, size).read_text()))
            if summary_file(engine, size).exists():
                setup.append(json.loads(summary_file(engine, size).read_text()))
            errors += [f"{label}: {e}" for e in got["errors"]]
    if args.prepare:
        for e in errors:
            print(f"ERROR {e}")
        return 1 if errors else 0
    script_results = []
    if not args.no_scripts:
        for name in scripts:
            print(f"== script {name}", flush=True)
            script_results.append(run_script(name))
    meta = {
        "at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "sizes": sizes,
        "engines": engines,
        "errors": errors,
        "load_before": round(load_before, 2),
        "load_after": round(load_average(), 2),
        "forced": bool(args.force and load_before > 1.5),
    }
    refusal = too_loaded(meta["load_after"], force=args.force)
    if refusal:
        print(f"REFUSED to record: {refusal}")
        return 2
    md, js = write_results(rows, meta=meta, scripts=script_results, setup=setup)
    print(md.read_text(encoding="utf-8"))
    print(f"Written {md.relative_to(ROOT)} and {js.relative_to(ROOT)}")
    for e in errors:
        print(f"ERROR {e}")
    return 1 if errors or any(s["returncode"] for s in script_results) else 0


if __name__ == "__main__":
    sys.exit(main())
