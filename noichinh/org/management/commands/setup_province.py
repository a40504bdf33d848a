"""Set up the province this instance serves, from the official code list."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from noichinh.org import services, unit_codes


class Command(BaseCommand):
    help = (
        "Thiết lập tỉnh của hệ thống từ danh mục mã số đơn vị hành chính: tên tỉnh, địa danh "
        "trên văn bản, dòng tiêu đề, tiêu đề cổng tiếp nhận đơn, người ký, liên hệ."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="mã số tỉnh (2 chữ số), ví dụ 68")
        parser.add_argument("--list", type=Path, default=unit_codes.PROVINCES_2025)
        parser.add_argument(
            "--place", default="", help="địa danh trên văn bản (mặc định: tên tỉnh)"
        )
        parser.add_argument("--signer-title", default="")
        parser.add_argument("--signer-name", default="")
        parser.add_argument("--contact", action="append", default=[], help="một dòng liên hệ")
        parser.add_argument("--header", action="append", default=[], help="một dòng tiêu đề")

    def handle(self, *args, code, list, place, signer_title, signer_name, contact, header, **o):
        try:
            rows = unit_codes.read_list(list)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được danh mục {list}: {exc}") from exc
        try:
            profile = services.province_setup(
                actor=None,
                rows=rows,
                code=code,
                place_name=place,
                signer_title=signer_title,
                signer_name=signer_name,
                contact_lines="\n".join(contact),
                header_lines="\n".join(header),
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        province = profile.province
        assert province is not None  # setup_province always sets it
        self.stdout.write(
            f"Đã thiết lập {profile.name} (mã {province.official_code}); "
            f"địa danh trên văn bản: {profile.place_name}"
        )
