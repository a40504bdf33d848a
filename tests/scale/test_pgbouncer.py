"""Through a real PgBouncer in transaction pooling mode (Debian's package), started by the
test in front of a throw-away PostgreSQL: with PGBOUNCER=1 the .iterator() calls (exports,
the audit check) read every row (issue 20 §5)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.scale.pgcluster import PGBOUNCER, Cluster, server_binaries_missing
from tests.scale.test_replica import ROOT, _createdb, _env

_missing = server_binaries_missing() or (
    "" if Path(PGBOUNCER).exists() else "pgbouncer absent (Debian package pgbouncer)"
)
pytestmark = pytest.mark.skipif(bool(_missing), reason=_missing or "-")


@pytest.fixture
def bouncer():
    cluster = Cluster()
    try:
        cluster.start(replica=False)
        _createdb(cluster)
        port = cluster.start_pgbouncer()
        yield cluster.url(port)
    finally:
        cluster.stop()


def test_iterators_read_everything_through_pgbouncer_in_transaction_mode(bouncer, tmp_path):
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "pgbouncer_driver.py")],
        cwd=ROOT,
        env=_env(DATABASE_URL=bouncer, PGBOUNCER="1", VAR_DIR=str(tmp_path / "var")),
        capture_output=True,
        text=True,
        timeout=900,
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "done" in proc.stdout
