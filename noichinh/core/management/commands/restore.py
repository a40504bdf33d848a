from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp do `manage.py backup` tạo vào cơ sở dữ liệu đang cấu hình (phải "
        "trống, trừ khi dùng --force), rồi đối chiếu số dòng và mã kiểm tra từng bảng."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="ghi đè cơ sở dữ liệu đã có dữ liệu"
        )

    def handle(self, *args, path, force=False, **options):
        from noichinh.core.backup import BackupError, restore

        try:
            summary = restore(path, force=force)
        except BackupError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {summary['tables']} bảng ({summary['rows']} dòng, khớp bản sao "
                f"lưu) và {summary['files']} tệp."
            )
        )
        from noichinh.core.audit import verify

        problems = verify().problems
        if problems:
            self.stderr.write(
                self.style.WARNING(
                    "Chuỗi nhật ký của cơ sở dữ liệu vừa khôi phục không khớp các mốc kiểm tra "
                    "ngoài cơ sở dữ liệu:"
                )
            )
            for problem in problems:
                self.stderr.write(problem)
            self.stderr.write(
                "Nếu đây là khôi phục có chủ đích từ bản sao lưu cũ hơn, ghi nhận việc mất "
                'nhật ký: manage.py audit_checkpoint --after-restore "lý do".'
            )
