"""Attachments at rest: every uploaded file is encrypted, under a random name.

A file is written as a Fernet token (the FIELD_ENCRYPTION_KEY keys, like sealed fields)
under a random name ending in ``.sealed``; the name the user gave it is kept in the
database by the model that owns the file (``Attachment.name``,
``TaskUpdate.attachment_name``), and downloads decrypt and send that name. So MEDIA_ROOT,
its backups and any shared storage see neither the contents nor the names.

Files stored before this existed are plain; ``read`` still serves them, and
``manage.py seal_attachments`` encrypts them in place (idempotent).
"""

from __future__ import annotations

import os
import re
import secrets

from cryptography.fernet import InvalidToken
from django.core.files.base import ContentFile

from noichinh.core import sealed

SEALED_SUFFIX = ".sealed"


def random_name() -> str:
    return secrets.token_hex(16) + SEALED_SUFFIX


def is_sealed(field_file) -> bool:
    return bool(field_file) and field_file.name.endswith(SEALED_SUFFIX)


def encrypt(data: bytes) -> bytes:
    return sealed._current().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return sealed._current().decrypt(token)
    except InvalidToken as exc:
        raise sealed.SealError("Không giải mã được tệp đính kèm (sai khóa?)") from exc


def save(field_file, data: bytes) -> None:
    """Write ``data`` encrypted into ``field_file`` under a random name (the model is saved
    by the caller)."""
    field_file.save(random_name(), ContentFile(encrypt(data)), save=False)


def read(field_file) -> bytes:
    """The file's plain bytes (check permission first)."""
    with field_file.open("rb") as fh:
        data = fh.read()
    return decrypt(data) if is_sealed(field_file) else data


def check(field_file) -> None:
    """Raise when a sealed file cannot be decrypted with the configured keys."""
    if is_sealed(field_file):
        read(field_file)


def rotate(field_file) -> bool:
    """Re-encrypt a sealed file with the first key: an atomic replace on disk; on object
    storage (no local path, no rename), a new object under a new random name, the row pointed
    at it, then the old object deleted (an interruption leaves at worst a stray object, never
    a row pointing at nothing)."""
    if not is_sealed(field_file):
        return False
    try:
        path = field_file.path
    except NotImplementedError:
        return _rotate_object(field_file)
    with open(path, "rb") as fh:
        token = fh.read()
    fresh = sealed._current().rotate(token)
    tmp = f"{path}.rotating"
    with open(tmp, "wb") as fh:
        fh.write(fresh)
    os.replace(tmp, path)
    return True


def _rotate_object(field_file) -> bool:
    storage, old_name = field_file.storage, field_file.name
    with storage.open(old_name, "rb") as fh:
        fresh = sealed._current().rotate(fh.read())
    field_file.save(random_name(), ContentFile(fresh), save=False)
    instance = field_file.instance
    type(instance).objects.filter(pk=instance.pk).update(**{field_file.field.name: field_file.name})
    storage.delete(old_name)
    return True


def seal_in_place(instance, field_name: str) -> bool:
    """Encrypt a plain file of ``instance`` under a random name and delete the plain one.

    The new name is saved on the row before the plain file goes, so an interruption leaves
    at worst a stray plain file, never a row pointing at nothing.
    """
    field_file = getattr(instance, field_name)
    if not field_file or is_sealed(field_file):
        return False
    old_name = field_file.name
    storage = field_file.storage
    if not storage.exists(old_name):
        return False
    with storage.open(old_name, "rb") as fh:
        data = fh.read()
    save(field_file, data)
    changes = {field_name: field_file.name}
    # A model that keeps the original name beside the file (``attachment_name``) gets the
    # old file's name there if it had none (task progress files named ``<time>_<name>``).
    name_field = f"{field_name}_name"
    fields = {f.name for f in instance._meta.concrete_fields}
    if name_field in fields and not getattr(instance, name_field, ""):
        changes[name_field] = re.sub(r"^\d{14}_", "", os.path.basename(old_name))[:255]
    type(instance).objects.filter(pk=instance.pk).update(**changes)
    storage.delete(old_name)
    return True


def file_fields():
    """(model, field name) of every file field of the project's apps."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        if not model.__module__.startswith("noichinh."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field.name
