"""Write an exchange bundle (docs/exchange/) to a file or standard output."""

import datetime as dt
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from noichinh.exchange import crypto, services


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {text} (định dạng YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Xuất gói dữ liệu trao đổi: theo kỳ (--start, --end) và/hoặc từ con trỏ (--since)."

    def add_arguments(self, parser):
        parser.add_argument("--start", type=_day)
        parser.add_argument("--end", type=_day)
        parser.add_argument("--since", help="con trỏ của lần xuất trước")
        parser.add_argument("--recipient-key", type=Path, help="khóa công khai PEM của nơi nhận")
        parser.add_argument("-o", "--output", type=Path, help="tệp ghi ra (mặc định: màn hình)")

    def handle(self, *args, start, end, since, recipient_key, output, **options):
        key = None
        if recipient_key:
            try:
                key = crypto.load_public_key(recipient_key.read_bytes())
            except (OSError, ValueError) as exc:
                raise CommandError(f"Không đọc được khóa công khai: {exc}") from exc
        try:
            bundle = services.bundle_export(
                actor=None,
                start=start,
                end=end,
                since=since,
                recipient_key=key,
                check_permission=False,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        text = json.dumps(bundle, ensure_ascii=False, indent=1)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            self.stderr.write(
                f"{len(bundle['petitions'])} đơn, {len(bundle['cases'])} vụ việc, "
                f"{len(bundle['figures'])} số liệu; con trỏ: {bundle['cursor'] or '-'}"
            )
        else:
            self.stdout.write(text)
