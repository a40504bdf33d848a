"""Tokens issued before expiry existed expire API_TOKEN_DAYS after they were issued (so a
long-forgotten one stops working now)."""

import datetime as dt

from django.conf import settings
from django.db import migrations


def give_expiry(apps, schema_editor):
    ApiToken = apps.get_model("org", "ApiToken")
    days = dt.timedelta(days=getattr(settings, "API_TOKEN_DAYS", 90))
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + days)


def forget_expiry(apps, schema_editor):
    apps.get_model("org", "ApiToken").objects.update(expires_at=None)


class Migration(migrations.Migration):
    dependencies = [("org", "0003_auth_apitoken_expires_at")]

    operations = [migrations.RunPython(give_expiry, forget_expiry)]
