"""Seed the report types (cut-off rules), sections and indicators (legal.md §6)."""

from django.db import migrations


def seed(apps, schema_editor):
    from noichinh.reports.seed import seed_catalogue

    seed_catalogue(
        apps.get_model("reports", "ReportType"),
        apps.get_model("reports", "Section"),
        apps.get_model("reports", "Indicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
