import time

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = (
        "Cập nhật thống kê của cơ sở dữ liệu cho bộ lập kế hoạch truy vấn (chạy hằng đêm bằng "
        "cron). SQLite không tự làm việc này: thiếu thống kê, một số truy vấn đọc cả sổ đơn."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # Every row, not a sample (PRAGMA analysis_limit): a sample of 1,000 rows told SQLite
            # an agency has 1,001 petitions where the busiest has 80,000. About 10 s for the
            # petitions table at a million rows. PostgreSQL's autovacuum analyzes too; one more
            # pass after a large import is cheap.
            cursor.execute("ANALYZE")
        if options["verbosity"]:
            self.stdout.write(
                f"Đã cập nhật thống kê truy vấn trong {time.perf_counter() - started:.1f} giây."
            )
