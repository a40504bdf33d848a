"""Apply the retention schedule to closed files (``portal.retention.apply_retention``).

Idempotent and safe to run twice at once; prints the run's report, stored as a
``RetentionRun`` (the officer page /portal/luu-tru/ lists the runs)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from noichinh.portal import retention


class Command(BaseCommand):
    help = "Áp dụng thời hạn lưu giữ dữ liệu của hồ sơ đã kết thúc (mã tra cứu, trao đổi, tệp, danh tính)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="Tính đến ngày (YYYY-MM-DD); mặc định hôm nay.")

    def handle(self, *args, **options):
        today = None
        if options.get("as_of"):
            try:
                today = dt.date.fromisoformat(options["as_of"])
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ, cần dạng YYYY-MM-DD.") from exc
        run = retention.apply_retention(today=today, trigger="command")
        for line in retention.report_lines(run):
            self.stdout.write(line)
