import uuid

from django.db import migrations, models
from django.db.models import F


def fill(apps, schema_editor):
    Visit = apps.get_model("petitions", "Visit")
    Visit.objects.update(updated_at=F("created_at"))
    for pk in list(Visit.objects.values_list("pk", flat=True)):
        Visit.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    """The reception book in the exchange format: a stable identifier and a last-change time
    (the incremental cursor), added empty, filled row by row (the change time from the
    creation time), then required."""

    dependencies = [("petitions", "0018_petition_transition_uuid")]

    operations = [
        migrations.AddField(
            model_name="visit",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="visit",
            name="updated_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="visit",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
        migrations.AlterField(
            model_name="visit",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True),
        ),
    ]
