"""The database cache table of settings.CACHES (the portal's rate-limit counters).

``createcachetable`` does nothing for a cache that is not a database cache (Redis), and
nothing when the table exists; after switching CACHES to the database later, run
``manage.py createcachetable`` once.
"""

from django.db import migrations


def create_cache_table(apps, schema_editor):
    from django.core.management import call_command

    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        table = getattr(caches[alias], "_table", None)
        if table and table in schema_editor.connection.introspection.table_names():
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0007_audit_seq_required")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
