"""Backup and restore: the database and the uploaded files (MEDIA_ROOT) in one archive.

The archive (``.tar.gz``) holds ``manifest.json`` (engine, time, each table's row count and
checksum, each file's SHA-256), the database (``db.sqlite3`` taken with SQLite's online
backup API, or ``db.dump`` from ``pg_dump -Fc``) and ``media/`` (attachments exactly as
stored, i.e. still encrypted). The encryption key (FIELD_ENCRYPTION_KEY) is NOT in the
archive: keep it apart, as the archive is useless without it for sealed data, and safe
with it only where the key is.

On PostgreSQL the checksums are computed in the same snapshot pg_dump reads
(``pg_export_snapshot`` / ``--snapshot``), so they describe exactly what was dumped even
while the system is in use. Restore refuses a database that already has tables unless
``force`` is given, then checks every table's count and checksum against the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT = 1


class BackupError(Exception):
    pass


# -- fingerprints ----------------------------------------------------------------------------


def _tables(cursor, engine: str) -> list[str]:
    if engine == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")
    return [r[0] for r in cursor.fetchall()]


def _value(v) -> str:
    if v is None:
        return "\x00"
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    if isinstance(v, dict | list):
        return json.dumps(v, sort_keys=True, ensure_ascii=False)
    return str(v)


def fingerprints(conn, engine: str) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": hex}} over a DB-API connection (sqlite3 or psycopg)."""
    out = {}
    cursor = conn.cursor()
    for table in _tables(cursor, engine):
        q = f'"{table}"'
        cursor.execute(f"SELECT * FROM {q} LIMIT 0")  # noqa: S608  # nosec B608 - catalogue names
        ncols = len(cursor.description)
        order = ", ".join(str(i) for i in range(1, ncols + 1))
        cursor.execute(f"SELECT * FROM {q} ORDER BY {order}")  # noqa: S608  # nosec B608
        digest = hashlib.sha256()
        rows = 0
        while batch := cursor.fetchmany(5000):
            for row in batch:
                digest.update("\x1f".join(_value(v) for v in row).encode())
                digest.update(b"\x1e")
            rows += len(batch)
        out[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return out


def database_fingerprints(alias: str = "default") -> dict[str, dict]:
    """Fingerprints of a configured database, read over a fresh plain DB-API connection
    (Django's own connection converts types, which would change the checksums)."""
    engine = _engine(alias)
    db = connections[alias].settings_dict
    conn = _sqlite_connect(db["NAME"]) if engine == "sqlite" else _pg_connect(db)
    try:
        return fingerprints(conn, engine)
    finally:
        conn.close()


def _engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    return vendor


def _sqlite_connect(name) -> sqlite3.Connection:
    name = str(name)
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_connect(db: dict, name: str | None = None):
    import psycopg

    return psycopg.connect(
        dbname=name or db["NAME"],
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
    )


# -- backup ------------------------------------------------------------------------------------


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def default_output() -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"noichinh-{stamp}.tar.gz"


def backup(output: Path | None = None, alias: str = "default") -> tuple[Path, dict]:
    """Write the archive; returns (path, manifest)."""
    output = Path(output or default_output())
    output.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(alias)
    db = connections[alias].settings_dict
    with tempfile.TemporaryDirectory(prefix="noichinh-backup-") as tmp:
        tmpdir = Path(tmp)
        if engine == "sqlite":
            db_file = tmpdir / "db.sqlite3"
            src = _sqlite_connect(db["NAME"])
            dst = sqlite3.connect(db_file)
            try:
                src.backup(dst)  # online: consistent even while others write
                tables = fingerprints(dst, "sqlite")
            finally:
                dst.close()
                src.close()
        else:
            db_file = tmpdir / "db.dump"
            conn = _pg_connect(db)
            try:
                conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
                tables = fingerprints(conn, "postgresql")
                proc = subprocess.run(
                    ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(db_file)]
                    + [db["NAME"]],
                    env=_pg_env(db),
                    capture_output=True,
                    text=True,
                )
                if proc.returncode:
                    raise BackupError(f"pg_dump thất bại: {proc.stderr.strip()}")
            finally:
                conn.rollback()
                conn.close()
        media = _media_files()
        root = Path(settings.MEDIA_ROOT)
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": db_file.name,
            "tables": tables,
            "media": {str(p.relative_to(root)): _sha256_file(p) for p in media},
        }
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            for p in media:
                tar.add(p, arcname=f"media/{p.relative_to(root)}")
        os.replace(partial, output)
    output.chmod(0o600)
    return output, manifest


# -- restore ---------------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError("Tệp sao lưu không có manifest.json.")
        return json.loads(member.read())


def restore(archive: Path, *, force: bool = False, alias: str = "default") -> dict:
    """Restore the database and the files; returns a summary. Verifies against the manifest."""
    archive = Path(archive)
    if not archive.exists():
        raise BackupError(f"Không thấy tệp sao lưu {archive}.")
    engine = _engine(alias)
    db = connections[alias].settings_dict
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT:
        raise BackupError("Định dạng tệp sao lưu không được hỗ trợ.")
    if manifest["engine"] != engine:
        raise BackupError(
            f"Tệp sao lưu của {manifest['engine']}, cơ sở dữ liệu hiện tại là {engine}."
        )
    connections[alias].close()
    with tempfile.TemporaryDirectory(prefix="noichinh-restore-") as tmp:
        tmpdir = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmpdir, filter="data")  # refuses absolute paths, .., devices, links
        db_file = tmpdir / manifest["database"]
        if engine == "sqlite":
            target = _sqlite_connect(db["NAME"])
            try:
                if _tables(target.cursor(), "sqlite") and not force:
                    raise BackupError("Cơ sở dữ liệu đích đã có dữ liệu; dùng --force để ghi đè.")
                src = sqlite3.connect(db_file)
                try:
                    src.backup(target)
                finally:
                    src.close()
                got = fingerprints(target, "sqlite")
            finally:
                target.close()
        else:
            conn = _pg_connect(db)
            try:
                has_tables = bool(_tables(conn.cursor(), "postgresql"))
            finally:
                conn.close()
            if has_tables and not force:
                raise BackupError("Cơ sở dữ liệu đích đã có dữ liệu; dùng --force để ghi đè.")
            cmd = ["pg_restore", "--no-owner", "--exit-on-error", "-d", db["NAME"]]
            if has_tables:
                cmd[1:1] = ["--clean", "--if-exists", "--single-transaction"]
            else:
                cmd[1:1] = ["--single-transaction"]
            proc = subprocess.run(
                cmd + [str(db_file)], env=_pg_env(db), capture_output=True, text=True
            )
            if proc.returncode:
                raise BackupError(f"pg_restore thất bại: {proc.stderr.strip()}")
            conn = _pg_connect(db)
            try:
                got = fingerprints(conn, "postgresql")
            finally:
                conn.close()
        media_root = Path(settings.MEDIA_ROOT)
        restored_files = 0
        src_media = tmpdir / "media"
        for rel, sha in manifest["media"].items():
            src = src_media / rel
            if _sha256_file(src) != sha:
                raise BackupError(f"Tệp {rel} trong bản sao lưu bị hỏng.")
            dst = media_root / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            restored_files += 1
    mismatched = sorted(
        t for t in set(manifest["tables"]) | set(got) if manifest["tables"].get(t) != got.get(t)
    )
    if mismatched:
        raise BackupError("Bảng khôi phục không khớp bản sao lưu: " + ", ".join(mismatched))
    return {
        "engine": engine,
        "tables": len(got),
        "rows": sum(t["rows"] for t in got.values()),
        "files": restored_files,
    }
