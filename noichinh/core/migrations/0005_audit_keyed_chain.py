from django.db import migrations, models


class Migration(migrations.Migration):
    """The audit chain gets a gapless number and the id of the key that signed each entry."""

    dependencies = [
        ("core", "0004_alter_auditentry_options_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(null=True, verbose_name="số thứ tự"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16),
            preserve_default=False,
        ),
    ]
