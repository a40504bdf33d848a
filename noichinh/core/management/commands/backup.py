from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (SQLite: API sao lưu trực tuyến; PostgreSQL: pg_dump -Fc) và "
        "các tệp đính kèm (MEDIA_ROOT, vẫn ở dạng mã hóa) vào một tệp .tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="đường dẫn tệp sao lưu")

    def handle(self, *args, output=None, **options):
        from noichinh.core.backup import BackupError, backup

        try:
            path, manifest = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc))
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {len(manifest['tables'])} bảng ({rows} dòng) và "
                f"{len(manifest['media'])} tệp vào {path}"
            )
        )
