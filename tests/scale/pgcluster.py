"""Throw-away PostgreSQL servers for the scale tests: a primary and a streaming replica
(initdb, ``pg_basebackup -R``), each its own postmaster on its own port under a temporary
folder, and a PgBouncer in front; all stopped afterwards. PostgreSQL refuses to run as
root: as root the servers run as the ``postgres`` user (``runuser``)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"


def server_binaries_missing() -> str:
    missing = [
        b for b in ("initdb", "pg_ctl", "pg_basebackup", "postgres") if not (PG_BIN / b).exists()
    ]
    if missing:
        return f"PostgreSQL server binaries absent from {PG_BIN} ({', '.join(missing)})"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser: PostgreSQL cannot be started"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _run(args, **kwargs):
    return subprocess.run(
        _as_owner([str(a) for a in args]), check=True, capture_output=True, text=True, **kwargs
    )


class Cluster:
    def __init__(self):
        # Its own folder directly under /tmp: pytest's tmp folders are private to root, and
        # the servers run as postgres.
        self.root = root = Path(tempfile.mkdtemp(prefix="noichinh-pg-"))
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
            os.chmod(root, 0o700)
        self.primary_dir = root / "primary"
        self.replica_dir = root / "replica"
        self.primary_port = free_port()
        self.replica_port = free_port()
        self.started: list[Path] = []
        self.bouncer: subprocess.Popen | None = None

    def _conf(self, data: Path, port: int, extra: str = "") -> None:
        with open(data / "postgresql.conf", "a") as f:
            f.write(
                f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\nfsync = off\n"
                "shared_buffers = 32MB\nmax_connections = 40\n" + extra
            )

    def start(self, replica: bool = True) -> None:
        _run(
            [
                PG_BIN / "initdb",
                "-D",
                self.primary_dir,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        self._conf(
            self.primary_dir, self.primary_port, "wal_level = replica\nmax_wal_senders = 4\n"
        )
        with open(self.primary_dir / "pg_hba.conf", "a") as f:
            f.write("host replication all 127.0.0.1/32 trust\n")
        self._pg_ctl(self.primary_dir, "start")
        if not replica:
            return
        _run(
            [
                PG_BIN / "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                self.primary_port,
                "-U",
                "postgres",
                "-D",
                self.replica_dir,
                "-R",
                "-X",
                "stream",
            ]
        )
        # the base backup copied the primary's settings: the replica's port comes last
        self._conf(self.replica_dir, self.replica_port, "hot_standby = on\n")
        self._pg_ctl(self.replica_dir, "start")

    def _pg_ctl(self, data: Path, action: str) -> None:
        _run([PG_BIN / "pg_ctl", "-D", data, "-w", "-t", "60", "-l", data / "server.log", action])
        if action == "start":
            self.started.append(data)

    def url(self, port: int, db: str = "noichinh") -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{db}"

    def start_pgbouncer(self, db: str = "noichinh") -> int:
        port = free_port()
        ini = self.root / "pgbouncer.ini"
        ini.write_text(
            "[databases]\n"
            f"{db} = host=127.0.0.1 port={self.primary_port} dbname={db} user=postgres\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
            "auth_type = trust\n"
            f"auth_file = {self.root / 'userlist.txt'}\n"
            "pool_mode = transaction\nmax_client_conn = 100\ndefault_pool_size = 4\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            f"logfile = {self.root / 'pgbouncer.log'}\n"
        )
        (self.root / "userlist.txt").write_text('"postgres" ""\n')
        if os.geteuid() == 0:
            for p in (ini, self.root / "userlist.txt"):
                shutil.chown(p, "postgres", "postgres")
        self.bouncer = subprocess.Popen(
            _as_owner([PGBOUNCER, str(ini)]), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return port
            except OSError:
                if self.bouncer.poll() is not None:
                    raise RuntimeError(self.bouncer.stderr.read().decode())
                time.sleep(0.2)
        raise RuntimeError("pgbouncer did not start")

    def stop(self) -> None:
        if self.bouncer is not None:
            self.bouncer.terminate()
            self.bouncer.wait(timeout=30)
        for data in reversed(self.started):
            try:
                self._pg_ctl(data, "stop")
            except subprocess.CalledProcessError:
                pass
        self.started.clear()
        shutil.rmtree(self.root, ignore_errors=True)
