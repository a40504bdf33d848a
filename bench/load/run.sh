#!/usr/bin/env bash
# Load test: gunicorn (production settings) on 127.0.0.1 against PostgreSQL, locust headless.
# Loopback only; bounded in time. Ends non-zero on any error or any lost write.
#
#   bench/load/run.sh                                  # 50 users, 2 minutes, 10 000 petitions
#   LOAD_USERS=20 LOAD_TIME=30s LOAD_PETITIONS=2000 bench/load/run.sh   # as make load-ci (CI)
# bench/load/README.md describes the workload, the lost-write count and the set-up choices.
#
# Database: $LOAD_PG_URL (default postgres://postgres@127.0.0.1:5432/h_load), dropped and
# re-created unless LOAD_KEEP_DB=1 and it already holds the generated province.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
USERS=${LOAD_USERS:-50}
TIME=${LOAD_TIME:-120s}
PETITIONS=${LOAD_PETITIONS:-10000}
PORT=${LOAD_PORT:-$($PY -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
WORKERS=${LOAD_WORKERS:-5}
PG_URL=${LOAD_PG_URL:-postgres://postgres@127.0.0.1:5432/h_load}
OUT=${LOAD_OUT:-var/load}
MARKER="LOADTEST-$(date +%s)-$$"
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)

PG_ADMIN="${PG_URL%/*}/postgres"
DB_NAME="${PG_URL##*/}"
if ! $PY -c "import psycopg; psycopg.connect('$PG_ADMIN', connect_timeout=3).close()" 2>/dev/null; then
  echo "== load: SKIPPED: PostgreSQL not reachable at $PG_ADMIN"
  exit 0
fi

export DATABASE_URL="$PG_URL" VAR_DIR="$OUT/var" DJANGO_SETTINGS_MODULE=config.settings
export DEBUG=0 SECRET_KEY="load-test-$(date +%s)-not-a-production-secret-0123456789abcdef"
# One Fernet key per output directory, kept with it: a kept database (LOAD_KEEP_DB=1) stays
# readable. With DEBUG=0 the server refuses to start without it (noichinh.core.checks).
[ -s "$OUT/field.key" ] || (umask 077 && $PY -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" >"$OUT/field.key")
export FIELD_ENCRYPTION_KEY_FILE="$OUT/field.key"
[ -s "$OUT/audit.key" ] || (umask 077 && $PY -c "import secrets; print(secrets.token_urlsafe(32))" >"$OUT/audit.key")
export AUDIT_KEY_FILE="$OUT/audit.key"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CONN_MAX_AGE=60
export LOG_LEVEL=ERROR AXES_ENABLED=1 STATIC_MANIFEST=0

if [ "${LOAD_KEEP_DB:-0}" != 1 ] || [ ! -f "$OUT/$DB_NAME-$PETITIONS.ready" ]; then
  $PY - <<PYEOF
import psycopg
with psycopg.connect("$PG_ADMIN", autocommit=True) as c:
    c.execute('DROP DATABASE IF EXISTS "$DB_NAME" WITH (FORCE)')
    c.execute('CREATE DATABASE "$DB_NAME"')
PYEOF
  rm -f "$OUT"/"$DB_NAME"-*.ready
  t0=$(date +%s)
  $PY manage.py migrate -v0
  t1=$(date +%s)
  $PY manage.py generate_province --petitions "$PETITIONS" --seed 7 --no-progress >/dev/null
  echo "== load: migrated in $(( t1 - t0 )) s, generated $PETITIONS petitions in" \
    "$(( $(date +%s) - t1 )) s"
  touch "$OUT/$DB_NAME-$PETITIONS.ready"
fi
$PY bench/load/prepare.py tokens "$OUT/tokens.json" "$USERS"
before=$($PY bench/load/prepare.py count "$MARKER")

# The production command line (docs/deploy.md), plus a hook that warms each worker before it
# accepts connections (gunicorn_warm.py). nginx is not in front: the locustfile asks for
# "Connection: close" like nginx's proxy_pass does.
rm -rf "$OUT/workers" && mkdir -p "$OUT/workers"
LOAD_WORKER_READY_DIR="$OUT/workers" .venv/bin/gunicorn config.wsgi:application \
  -c bench/load/gunicorn_warm.py --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --threads 2 --timeout 60 --max-requests 2000 --max-requests-jitter 200 \
  --logger-class noichinh.core.gunicorn_log.GunicornLogger \
  --pid "$OUT/gunicorn.pid" --log-level warning >"$OUT/gunicorn.log" 2>&1 &
GPID=$!
trap 'kill $GPID 2>/dev/null || true; wait $GPID 2>/dev/null || true' EXIT
ready=0
t0=$(date +%s)
for _ in $(seq 120); do
  kill -0 $GPID 2>/dev/null || break          # our gunicorn died (port taken?): stop
  if [ "$(ls "$OUT/workers" | wc -l)" -ge "$WORKERS" ] \
    && $PY -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" \
      "http://127.0.0.1:$PORT/login/" 2>/dev/null; then ready=1; break; fi
  sleep 1
done
if [ "$ready" != 1 ] || ! kill -0 $GPID 2>/dev/null; then
  echo "== load: FAILED: gunicorn did not start on 127.0.0.1:$PORT"
  tail -20 "$OUT/gunicorn.log"
  exit 1
fi
echo "== load: gunicorn up, $WORKERS workers warm, in $(( $(date +%s) - t0 )) s"

set +e
rm -f "$OUT/acked.json" "$OUT/stats.json" "$OUT"/result_*.csv
# --stop-timeout: at the end every user finishes the request it is in, so each write is
# either acknowledged or not sent (a user killed mid-request would leave a stored write
# that nobody saw acknowledged).
LOAD_TOKENS="$OUT/tokens.json" LOAD_MARKER="$MARKER" LOAD_ACKED_FILE="$OUT/acked.json" \
  LOAD_STATS_FILE="$OUT/stats.json" \
  .venv/bin/locust -f bench/load/locustfile.py --headless -u "$USERS" -r "$USERS" -t "$TIME" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/result" --only-summary --stop-timeout 60 \
  >"$OUT/locust.log" 2>&1
LOCUST_RC=$?
set -e
kill $GPID 2>/dev/null || true
wait $GPID 2>/dev/null || true
trap - EXIT

after=$($PY bench/load/prepare.py count "$MARKER")
# Prints the table, then the verdict on its last line: OK or FAILED (...).
verdict=$($PY - "$OUT" "$USERS" "$TIME" "$WORKERS" "$LOCUST_RC" "$before" "$after" <<'PYEOF'
import json, sys
from pathlib import Path
out, users, time_, workers, rc, before, after = sys.argv[1:]
before, after = json.loads(before), json.loads(after)
acked_file, stats_file = Path(out, "acked.json"), Path(out, "stats.json")
acked = json.loads(acked_file.read_text()) if acked_file.exists() else {}
stats = json.loads(stats_file.read_text()) if stats_file.exists() else {"rows": [], "errors": []}
print(f"== load: {users} users for {time_} against gunicorn ({workers} workers x 2 threads) "
      "+ PostgreSQL (loopback)")
print(f"{'operation':<20}{'requests':>9}{'fail':>6}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
      f"{'p99 ms':>8}{'max ms':>8}")
for r in stats["rows"]:
    print(f"{r['name']:<20}{r['requests']:>9}{r['failures']:>6}{r['rps']:>8.1f}"
          f"{r['p50']:>8.0f}{r['p95']:>8.0f}{r['p99']:>8.0f}{r['max']:>8}")
for e in stats["errors"]:
    print(f"error x{e['occurrences']}: {e['name']}: {e['error']}")
lost = {}
for kind, stored_after in after.items():
    stored = stored_after - before.get(kind, 0)
    ack = acked.get(kind, 0)
    lost[kind] = ack - stored
    extra = f" (stored but never acknowledged: {stored - ack})" if stored > ack else ""
    print(f"writes {kind:<9} acknowledged {ack:>5}, stored {stored:>5}, "
          f"lost {max(ack - stored, 0)}{extra}")
failures = sum(r["failures"] for r in stats["rows"] if r["name"] == "Aggregated")
problems = []
if rc != "0":
    problems.append(f"locust exit {rc}")
if failures:
    problems.append(f"{failures} failed requests")
if not acked or not stats["rows"]:
    problems.append("no results from locust")
problems += [f"{kind}: acknowledged - stored = {n:+d}" for kind, n in lost.items() if n]
print(f"FAILED ({'; '.join(problems)})" if problems else "OK")
PYEOF
)
echo "$verdict" | sed '$d'
if [ "$(echo "$verdict" | tail -1)" != OK ]; then
  echo "== load: $(echo "$verdict" | tail -1)"
  sed -n '/Error report/,$p' "$OUT/locust.log" | head -20
  tail -5 "$OUT/gunicorn.log"    # gunicorn's and the application's log (e.g. "Not Found: …")
  exit 1
fi
echo "== load: OK: zero errors, zero lost writes"
