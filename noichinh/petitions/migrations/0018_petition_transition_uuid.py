import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    for pk in list(apps.get_model("petitions", "Petition").objects.values_list("pk", flat=True)):
        apps.get_model("petitions", "Petition").objects.filter(pk=pk).update(uuid=uuid.uuid4())
    for pk in list(apps.get_model("petitions", "Transition").objects.values_list("pk", flat=True)):
        apps.get_model("petitions", "Transition").objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    """Stable identifiers for the exchange format: added empty, filled row by row, then unique."""

    dependencies = [("petitions", "0017_seed_escalation_rules")]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="transition",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="petition",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
        migrations.AlterField(
            model_name="transition",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
