"""Re-encrypt every sealed value with the first key of FIELD_ENCRYPTION_KEY.

Rotation: put the new key first and keep the old ones after it
(FIELD_ENCRYPTION_KEY="new,old"), run this command, then drop the old keys. Every sealed
column (any text field named ``sealed_*``, in any app) and every sealed attachment file
(any file field: petitions' attachments, task progress files) is re-encrypted. Everything is decrypted first: if any value cannot be read with the
configured keys, nothing is changed and the command fails.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from noichinh.core import files as core_files
from noichinh.core import sealed


def sealed_columns():
    """(model, field name) of every sealed column in the project."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.TextField | models.CharField) and field.name.startswith(
                "sealed_"
            ):
                yield model, field.name


class Command(BaseCommand):
    help = "Mã hóa lại mọi dữ liệu niêm phong bằng khóa đầu tiên của FIELD_ENCRYPTION_KEY."

    def handle(self, *args, **options):
        columns = list(sealed_columns())
        sealed_files = [
            getattr(row, name)
            for model, name in core_files.file_fields()
            for row in model.objects.exclude(**{name: ""}).only("pk", name)
            if core_files.is_sealed(getattr(row, name))
        ]
        # 1. Check: everything must decrypt with the configured keys before anything changes.
        problems = []
        for model, name in columns:
            for pk, token in model.objects.exclude(**{name: ""}).values_list("pk", name):
                try:
                    sealed.unseal(token)
                except sealed.SealError:
                    problems.append(f"{model._meta.label}#{pk}.{name}")
        for field_file in sealed_files:
            try:
                core_files.check(field_file)
            except Exception:  # noqa: BLE001 - any failure to read or decrypt stops the run
                problems.append(
                    f"tệp đính kèm {field_file.instance._meta.label}#{field_file.instance.pk}"
                )
        if problems:
            raise CommandError(
                "Không giải mã được (thiếu khóa cũ trong FIELD_ENCRYPTION_KEY?), không thay đổi "
                "gì: " + ", ".join(problems[:20])
            )
        # 2. Rotate the columns in one transaction, then the files (each replaced atomically).
        counts = {}
        with transaction.atomic():
            for model, name in columns:
                done = 0
                rows = model.objects.exclude(**{name: ""}).values_list("pk", name)
                for pk, token in rows.iterator(chunk_size=1000):
                    model.objects.filter(pk=pk).update(**{name: sealed.rotate(token)})
                    done += 1
                counts[f"{model._meta.label}.{name}"] = done
        files_done = sum(1 for field_file in sealed_files if core_files.rotate(field_file))
        for label, done in counts.items():
            self.stdout.write(f"{label}: {done} giá trị đã mã hóa lại")
        self.stdout.write(f"Tệp đính kèm niêm phong: {files_done} tệp đã mã hóa lại")
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong: {sum(counts.values())} giá trị và {files_done} tệp dùng khóa mới."
            )
        )
