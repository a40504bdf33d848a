"""PostgreSQL only: trigram GIN indexes on the folded search columns (accent-insensitive
``contains`` search stays an index scan on a province-year of petitions). No-op on SQLite,
and skipped with a notice when the pg_trgm extension cannot be created (no privilege)."""

from django.db import migrations

INDEXES = [
    ("petition_content_trgm", "petitions_petition", "content_folded"),
    ("petition_sender_trgm", "petitions_petition", "sender_folded"),
    ("visit_content_trgm", "petitions_visit", "content_folded"),
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                cursor.execute("SAVEPOINT petitions_trgm")
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute("RELEASE SAVEPOINT petitions_trgm")
            except Exception:  # noqa: BLE001 - no privilege: search still works, unindexed
                cursor.execute("ROLLBACK TO SAVEPOINT petitions_trgm")
                return
        for name, table, column in INDEXES:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _table, _column in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_content_bands")]
    operations = [migrations.RunPython(create, drop)]
