"""Load the agencies' mã định danh điện tử (Decision 20/2020/QĐ-TTg) from a published list."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from noichinh.org import unit_codes


class Command(BaseCommand):
    help = "Cập nhật mã định danh điện tử của cơ quan từ danh sách công bố (CSV hoặc XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            rows = unit_codes.read_agency_codes(path)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được danh sách {path}: {exc}") from exc
        result = unit_codes.apply_agency_codes(rows)
        self.stdout.write(
            f"Đã có mã: {result.matched}; gán mã: {result.set}; không khớp: {len(result.unmatched)}"
        )
        for row in result.unmatched[:50]:
            self.stdout.write(f"  không khớp: {row.code} {row.name}")
