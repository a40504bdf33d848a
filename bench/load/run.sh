#!/usr/bin/env bash
# Load test: gunicorn (production settings) on 127.0.0.1 against PostgreSQL, locust headless.
# Loopback only; bounded in time. Ends non-zero on any error or any lost write.
#
#   bench/load/run.sh                                  # 50 users, 2 minutes, 10 000 petitions
#   LOAD_USERS=10 LOAD_TIME=20s LOAD_PETITIONS=1000 bench/load/run.sh   # the short CI run
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
WORKERS=${LOAD_WORKERS:-4}
PG_URL=${LOAD_PG_URL:-postgres://postgres@127.0.0.1:5432/h_load}
OUT=${LOAD_OUT:-var/load}
MARKER="LOADTEST-$(date +%s)-$$"
mkdir -p "$OUT"

PG_ADMIN="${PG_URL%/*}/postgres"
DB_NAME="${PG_URL##*/}"
if ! $PY -c "import psycopg; psycopg.connect('$PG_ADMIN', connect_timeout=3).close()" 2>/dev/null; then
  echo "== load: SKIPPED: PostgreSQL not reachable at $PG_ADMIN"
  exit 0
fi

export DATABASE_URL="$PG_URL" VAR_DIR="$PWD/$OUT/var" DJANGO_SETTINGS_MODULE=config.settings
export DEBUG=0 SECRET_KEY="load-test-$(date +%s)-not-a-production-secret-0123456789abcdef"
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
  $PY manage.py migrate -v0
  t0=$(date +%s)
  $PY manage.py generate_province --petitions "$PETITIONS" --seed 7 --no-progress >/dev/null
  echo "== load: generated $PETITIONS petitions in $(( $(date +%s) - t0 )) s"
  touch "$OUT/$DB_NAME-$PETITIONS.ready"
fi
$PY bench/load/prepare.py tokens "$OUT/tokens.json" "$USERS"
before=$($PY bench/load/prepare.py count "$MARKER")

.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --threads 2 --timeout 60 --pid "$OUT/gunicorn.pid" --log-level warning &
GPID=$!
trap 'kill $GPID 2>/dev/null || true; wait $GPID 2>/dev/null || true' EXIT
ready=0
for _ in $(seq 60); do
  kill -0 $GPID 2>/dev/null || break          # our gunicorn died (port taken?): stop
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/login/"; then ready=1; break; fi
  sleep 1
done
if [ "$ready" != 1 ] || ! kill -0 $GPID 2>/dev/null; then
  echo "== load: FAILED: gunicorn did not start on 127.0.0.1:$PORT"
  exit 1
fi

set +e
LOAD_TOKENS="$OUT/tokens.json" LOAD_MARKER="$MARKER" LOAD_CREATED_FILE="$OUT/created.txt" \
  .venv/bin/locust -f bench/load/locustfile.py --headless -u "$USERS" -r "$USERS" -t "$TIME" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/result" --only-summary --stop-timeout 10 \
  >"$OUT/locust.log" 2>&1
LOCUST_RC=$?
set -e
kill $GPID 2>/dev/null || true
wait $GPID 2>/dev/null || true
trap - EXIT

after=$($PY bench/load/prepare.py count "$MARKER")
created=$(cat "$OUT/created.txt" 2>/dev/null || echo 0)
stored=$(( after - before ))
$PY - "$OUT/result_stats.csv" "$USERS" "$TIME" "$created" "$stored" <<'PYEOF'
import csv, sys
path, users, time_, created, stored = sys.argv[1:]
rows = list(csv.DictReader(open(path)))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"== load: {users} users for {time_} against gunicorn + PostgreSQL (loopback)")
print(f"{'operation':<22}{'requests':>9}{'fail':>6}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
for r in rows:
    print(f"{r['Name']:<22}{r['Request Count']:>9}{r['Failure Count']:>6}"
          f"{float(r['Requests/s']):>8.1f}{r['50%']:>8}{r['95%']:>8}{r['99%']:>8}")
print(f"created petitions: {created} acknowledged (201), {stored} stored")
PYEOF
failures=$(awk -F, 'END{print $4}' "$OUT/result_stats.csv" 2>/dev/null || echo 1)
if [ "$LOCUST_RC" != 0 ] || [ "$failures" != 0 ] || [ "$created" != "$stored" ]; then
  echo "== load: FAILED (locust exit $LOCUST_RC, failures $failures, acknowledged $created, stored $stored)"
  tail -20 "$OUT/locust.log"
  exit 1
fi
echo "== load: OK: zero errors, zero lost writes"
