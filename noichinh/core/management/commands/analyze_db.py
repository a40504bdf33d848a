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
            if connection.vendor == "sqlite":
                # Sampled (as PRAGMA optimize does): seconds at a million petitions, not minutes.
                cursor.execute("PRAGMA analysis_limit=1000")
            # PostgreSQL's autovacuum analyzes too; one more pass after a large import is cheap.
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Đã cập nhật thống kê truy vấn trong {time.perf_counter() - started:.1f} giây."
        )
