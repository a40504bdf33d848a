"""System checks of the audit chain's settings: a key that signs, a checkpoint file that
can be appended to. (Refusing a published default key in production is the secrets check's
job, with SECRET_KEY and FIELD_ENCRYPTION_KEY.)"""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def audit_key_check(app_configs=None, **kwargs):
    from noichinh.core import audit

    try:
        audit.signing_key()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                str(exc),
                hint="AUDIT_KEY (or AUDIT_KEY_FILE): keys of 32+ characters, comma separated; "
                "generate one with `manage.py audit_key --generate`.",
                id="noichinh.audit.E001",
            )
        ]
    return []


@checks.register()
def audit_checkpoint_file_check(app_configs=None, **kwargs):
    path = Path(settings.AUDIT_CHECKPOINT_FILE)
    folder = next((p for p in [path.parent, *path.parent.parents] if p.exists()), None)
    target = path if path.exists() else folder
    if target is None or not os.access(target, os.W_OK):
        return [
            checks.Warning(
                f"AUDIT_CHECKPOINT_FILE {path} cannot be written: the audit chain's "
                "checkpoints will be missing.",
                hint="Create the folder, owned by the service's user (docs/deploy.md §6).",
                id="noichinh.audit.W001",
            )
        ]
    return []
