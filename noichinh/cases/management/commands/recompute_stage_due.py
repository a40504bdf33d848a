from django.core.management.base import BaseCommand

from noichinh.cases import services


class Command(BaseCommand):
    help = (
        "Tính lại hạn đã lưu của các giai đoạn tố tụng theo bảng quy tắc thời hạn hiện hành "
        "(sau khi nâng cấp làm thay đổi quy tắc, ví dụ Điều 134 BLTTHS): mỗi thay đổi có nhật ký."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="cả các giai đoạn đã kết thúc (mặc định: đang mở)"
        )

    def handle(self, *args, all, **options):
        changed = services.stages_recompute_due(actor=None, open_only=not all)
        self.stdout.write(f"Đã tính lại hạn của {changed} giai đoạn.")
