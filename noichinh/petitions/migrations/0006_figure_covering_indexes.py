"""PostgreSQL only: covering indexes for the register figures (reports, dashboards).

The figures of a period are grouped counts over the petitions received, the petitions
resolved and the visits of that period. With these indexes each is an index-only scan
(no table reads); before, received petitions were scattered over nearly every table block
and resolved ones were read by a sequential scan. ``INCLUDE`` has no SQLite equivalent
(Django would warn, models.W040), so they are not model indexes: SQLite keeps the plain
date indexes.
"""

from django.db import migrations

INDEXES = {
    "pet_received_figures": (
        "petitions_petition (received_on) INCLUDE (agency_id, unit_id, type, field, outcome, "
        "channel, state, next_due, is_mass, is_over_level, duplicate_of_id, is_repeat, "
        "meets_conditions, in_competence)"
    ),
    "pet_resolved_figures": (
        "petitions_petition (resolved_on) INCLUDE (agency_id, unit_id, type, result, "
        "resolved_on_time, recovered_vnd, recovered_land_m2) WHERE resolved_on IS NOT NULL"
    ),
    "visit_date_figures": (
        "petitions_visit (visited_on) INCLUDE (agency_id, unit_id, kind, petition_type, "
        "is_mass, repeat_of_id, people_count, answer)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, definition in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")  # nosec B608


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")  # nosec B608


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_list_indexes")]
    operations = [migrations.RunPython(create, drop)]
