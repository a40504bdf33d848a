"""Load the statistics office's list of administrative unit codes onto the area units."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from noichinh.org import unit_codes
from noichinh.org.models import AreaUnit


class Command(BaseCommand):
    help = "Cập nhật mã số đơn vị hành chính từ danh mục của cơ quan thống kê (tệp CSV hoặc XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs="?", default=unit_codes.PROVINCES_2025)
        parser.add_argument(
            "--create",
            action="store_true",
            help="tạo các đơn vị chưa có, thuộc tỉnh đã thiết lập (mã tỉnh --province)",
        )
        parser.add_argument("--province", default="", help="chỉ các đơn vị của tỉnh có mã này")

    def handle(self, *args, path, create, province, **options):
        try:
            rows = unit_codes.read_list(path)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được danh mục {path}: {exc}") from exc
        under = None
        if create:
            if not province:
                raise CommandError("Với --create, cho biết mã tỉnh (--province).")
            under = AreaUnit.objects.filter(level=AreaUnit.PROVINCE, official_code=province).first()
            if under is None:
                raise CommandError(
                    f"Chưa có tỉnh mã {province}: chạy manage.py setup_province {province} trước."
                )
        result = unit_codes.apply_codes(rows, create_under=under, only_province=province)
        self.stdout.write(
            f"Đã có mã: {result.matched}; gán mã: {result.set}; tạo mới: {result.created}; "
            f"không khớp: {len(result.unmatched)}"
        )
        for row in result.unmatched[:50]:
            self.stdout.write(f"  không khớp: {row.code} {row.name}")
