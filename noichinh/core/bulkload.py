"""Bulk loading for the data generators: ``COPY … FROM STDIN`` on PostgreSQL, ``executemany``
of one prepared INSERT on SQLite. Rows are tuples of Python values in the order of the
column names given (attnames: ``agency_id``, not ``agency``), so the loaders skip the ORM's
per-object work (model instances, ``pre_save``, one huge INSERT statement per batch), which
was most of the generator's time.

Identifiers are the model's own table and column names, quoted by the backend; values are
always passed as parameters (or streamed by COPY), never formatted into SQL.

    first = reserve_ids(Petition, len(rows))   # ids first … first+len-1 are ours
    load(Petition, ["id", "receipt_no", …], rows)   # other columns: the model's defaults
    insert_objects(Petition, petitions)        # bulk_create's work, without the ORM

Only for generators and loaders run by an administrator on their own database: no signals,
no audit entries, no validation beyond the database's constraints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection as default_connection
from django.db import transaction

_PG_CONVERT = {"JSONField"}
_SQLITE_CONVERT = {
    "JSONField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "TimeField",
    "UUIDField",
}


def _prep_save(field, conn) -> Callable[[Any], Any]:
    return lambda value: None if value is None else field.get_db_prep_save(value, conn)


def _converters(model, columns: Sequence[str], conn):
    fields = {f.attname: f for f in model._meta.concrete_fields}
    convert = _PG_CONVERT if conn.vendor == "postgresql" else _SQLITE_CONVERT
    out: list[Callable[[Any], Any] | None] = []
    for name in columns:
        field = fields[name]
        if field.get_internal_type() in convert:
            out.append(_prep_save(field, conn))
        else:
            out.append(None)
    return out


def _is_stamped(field) -> bool:
    """``auto_now``/``auto_now_add``: set to now on insert, as ``bulk_create`` does."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def insert_objects(model, objs: Sequence, conn=None, now=None) -> int:
    """What ``bulk_create`` does, for loaders: ids reserved for the objects that have none,
    ``auto_now``/``auto_now_add`` fields set to ``now``, every concrete column written by
    ``load``. The objects only need the model's attributes (a model instance or a plain
    object with the same attnames)."""
    objs = list(objs)
    if not objs:
        return 0
    pk = model._meta.pk.attname
    missing = [o for o in objs if getattr(o, pk, None) is None]
    if missing:
        first = reserve_ids(model, len(missing), conn)
        for i, obj in enumerate(missing):
            setattr(obj, pk, first + i)
    stamped = [f.attname for f in model._meta.concrete_fields if _is_stamped(f)]
    if stamped:
        from django.utils import timezone

        now = now or timezone.now()
        for obj in objs:
            for name in stamped:
                setattr(obj, name, now)
    columns = [f.attname for f in model._meta.concrete_fields]
    return load(model, columns, (tuple(getattr(o, c) for c in columns) for o in objs), conn)


def reserve_ids(model, count: int, conn=None) -> int:
    """Reserve ``count`` primary keys of ``model``'s table; returns the first.

    PostgreSQL: moves the identity sequence past the range, so rows the application inserts
    meanwhile take ids after it. SQLite: the same with ``sqlite_sequence`` (Django's SQLite
    keys are AUTOINCREMENT).
    """
    conn = conn or default_connection
    table = model._meta.db_table
    pk = model._meta.pk.column
    qn = conn.ops.quote_name
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [qn(table), pk])
            seq = cursor.fetchone()[0]
            cursor.execute(f"LOCK TABLE {qn(table)} IN SHARE ROW EXCLUSIVE MODE")  # nosec B608
            cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")  # noqa: S608 # nosec B608
            top = cursor.fetchone()[0]
            cursor.execute("SELECT last_value, is_called FROM " + seq)  # noqa: S608 # nosec B608
            last, called = cursor.fetchone()
            first = max(top, last if called else last - 1) + 1
            cursor.execute("SELECT setval(%s, %s, true)", [seq, first + count - 1])
            return first
        cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")  # noqa: S608 # nosec B608
        top = cursor.fetchone()[0]
        # Django's SQLite keys are AUTOINCREMENT: moving sqlite_sequence past the range keeps
        # the application's next rows out of it, as on PostgreSQL.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        first = max(top, row[0] if row else 0) + 1
        if row:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [first + count - 1, table]
            )
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                [table, first + count - 1],
            )
        return first


def _with_defaults(model, columns: Sequence[str], rows: Iterable[tuple]):
    """Add every other concrete column (but the primary key) with the model's default
    (``auto_now``/``auto_now_add`` fields: now), since Django's defaults live in Python,
    not in the database."""
    from django.utils import timezone

    given = set(columns)
    pk = model._meta.pk.attname
    rest = [f for f in model._meta.concrete_fields if f.attname not in given and f.attname != pk]
    if not rest:
        return list(columns), rows
    now = timezone.now()
    # A callable default (a uuid4, say) is called for every row, as bulk_create does.
    fresh = [i for i, f in enumerate(rest) if f.has_default() and callable(f.default)]
    tail = tuple(now if _is_stamped(f) else f.get_default() for f in rest)
    if not fresh:
        return [*columns, *(f.attname for f in rest)], (tuple(r) + tail for r in rows)

    def with_tail(row):
        values = list(tail)
        for i in fresh:
            values[i] = rest[i].get_default()
        return tuple(row) + tuple(values)

    return [*columns, *(f.attname for f in rest)], (with_tail(r) for r in rows)


def load(model, columns: Sequence[str], rows: Iterable[tuple], conn=None, batch: int = 10_000):
    """Insert ``rows`` (tuples in the order of ``columns``) into ``model``'s table; the
    columns not named get the model's defaults."""
    conn = conn or default_connection
    columns, rows = _with_defaults(model, columns, rows)
    qn = conn.ops.quote_name
    table = qn(model._meta.db_table)
    cols = ", ".join(qn(c) for c in columns)
    convert = _converters(model, columns, conn)
    if any(convert):

        def adapt(row):
            return tuple(v if c is None else c(v) for c, v in zip(convert, row, strict=True))

        rows = (adapt(r) for r in rows)
    count = 0
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # nosec B608
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 # nosec B608
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


@contextlib.contextmanager
def deferred_indexes(models, conn=None):
    """PostgreSQL: drop the secondary indexes and foreign keys of ``models``' tables for
    the duration of a bulk load and re-create them afterwards (one sorted index build and
    one validating join per key instead of a million random index inserts and row checks).
    The definitions are read from the catalogue, so they come back exactly as they were;
    indexes that back a constraint (primary and unique keys) are kept. On SQLite only the
    secondary indexes not on a foreign-key column are set aside (its foreign keys are part
    of the table).

    Use only on a database nobody else is using: while the block runs, look-ups on those
    tables are slow and references are not checked until the keys come back (and checked
    then: a bad row makes the re-creation fail).
    """
    conn = conn or default_connection
    tables = [m._meta.db_table for m in models]
    if conn.vendor == "sqlite":
        with _sqlite_deferred(tables, conn):
            yield
        return
    if conn.vendor != "postgresql":
        yield
        return
    qn = conn.ops.quote_name
    with conn.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
            """,
            [tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.schemaname, i.indexname, i.indexdef
            FROM pg_indexes i
            WHERE i.tablename = ANY(%s) AND i.schemaname = current_schema()
              AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c
                WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
              )
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {qn(name)}")  # nosec B608
        for _schema, name, _definition in indexes:
            cursor.execute(f"DROP INDEX {qn(name)}")  # nosec B608
    try:
        yield
    finally:
        with conn.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _schema, _name, definition in indexes:
                cursor.execute(definition)  # the catalogue's own CREATE INDEX statement
            for table, name, definition in keys:
                # The catalogue's own definition (REFERENCES … DEFERRABLE INITIALLY DEFERRED).
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {qn(name)} {definition}")  # nosec B608


@contextlib.contextmanager
def _sqlite_deferred(tables, conn):
    qn = conn.ops.quote_name
    with conn.cursor() as cursor:
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608 # nosec B608
            f"AND sql NOT LIKE 'CREATE UNIQUE%%' AND tbl_name IN ({marks})",
            tables,
        )
        indexes = cursor.fetchall()
        # Keep the indexes on foreign-key columns: while a deferred key is unresolved SQLite
        # looks up the child rows of every parent row inserted, a full scan without them.
        fk_columns = set()
        for table in tables:
            cursor.execute(f"PRAGMA foreign_key_list({qn(table)})")
            fk_columns |= {(table, row[3]) for row in cursor.fetchall()}
        kept = []
        for name, sql in indexes:
            cursor.execute(f"PRAGMA index_info({qn(name)})")
            first = cursor.fetchone()
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE name = %s", [name])
            if first and (cursor.fetchone()[0], first[2]) in fk_columns:
                continue
            kept.append((name, sql))
        indexes = kept
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {qn(name)}")  # nosec B608
    try:
        yield
    finally:
        with conn.cursor() as cursor:
            for _name, sql in indexes:
                cursor.execute(sql)  # the catalogue's own CREATE INDEX statement
