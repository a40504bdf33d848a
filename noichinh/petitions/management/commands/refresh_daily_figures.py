import time

from django.core.management.base import BaseCommand

from noichinh.petitions import daily, figure_specs


class Command(BaseCommand):
    help = (
        "Cập nhật bảng số liệu theo ngày của sổ tiếp công dân và sổ đơn (petitions.daily) từ "
        "các bản ghi: sau migrate mỗi lần nâng cấp, để báo cáo đầu tiên không phải chờ tính lại."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="tính lại toàn bộ, không chỉ các ngày đã đổi"
        )

    def handle(self, *args, rebuild, **options):
        started = time.perf_counter()
        axes = list(figure_specs.AXES)
        if rebuild:
            daily.rebuild(axes)
        else:
            daily.refresh(axes)
        self.stdout.write(
            f"Đã cập nhật số liệu theo ngày trong {time.perf_counter() - started:.1f} giây."
        )
