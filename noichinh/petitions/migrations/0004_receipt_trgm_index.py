"""PostgreSQL only: a trigram GIN index for the receipt-number part of the list search.

The search ORs three conditions per word (content, receipt number, sender); the planner can
combine indexes for an OR only when every branch has one, so without this index the two
trigram indexes of 0003 were never used and every search read the whole table. Django's
``receipt_no__icontains`` compiles to ``UPPER(receipt_no::text) LIKE UPPER(...)`` on
PostgreSQL: the index is on that expression. No-op on SQLite, and skipped when pg_trgm is not
installed (0003 could not create it).
"""

from django.db import migrations

NAME = "petition_receipt_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON petitions_petition "
            "USING gin ((UPPER(receipt_no::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_trigram_indexes")]
    operations = [migrations.RunPython(create, drop)]
