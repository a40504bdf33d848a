"""Encrypt every attachment still stored in plain text (files stored before every attachment
was sealed), under a random name; the original name stays in the database.

Idempotent: a sealed file is left as it is. Run once after upgrading (docs/deploy.md §7);
take a backup first.
"""

from django.core.management.base import BaseCommand

from noichinh.core import files as core_files


class Command(BaseCommand):
    help = "Mã hóa mọi tệp đính kèm còn lưu dạng rõ (đặt tên ngẫu nhiên, giữ tên gốc trong CSDL)."

    def handle(self, *args, **options):
        total = 0
        for model, name in core_files.file_fields():
            done = 0
            rows = model.objects.exclude(**{name: ""}).only("pk", name)
            for row in rows.iterator(chunk_size=500):
                if core_files.seal_in_place(row, name):
                    done += 1
            total += done
            self.stdout.write(f"{model._meta.verbose_name_plural}: {done} tệp đã mã hóa")
        self.stdout.write(self.style.SUCCESS(f"Xong: {total} tệp đã mã hóa."))
