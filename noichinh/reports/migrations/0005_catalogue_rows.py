"""Re-seed the indicator catalogue: every "Trong đó" row under its parent (one order per
row), one name per figure, register figures of the reception books and petitions
registers given for the whole province in bloc reports. The seed is idempotent; going back
leaves the rows as they are (like 0002), the schema migration before it drops the field."""

from django.db import migrations


def seed(apps, schema_editor):
    from noichinh.reports.seed import seed_catalogue

    seed_catalogue(
        apps.get_model("reports", "ReportType"),
        apps.get_model("reports", "Section"),
        apps.get_model("reports", "Indicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_indicator_province_wide")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
