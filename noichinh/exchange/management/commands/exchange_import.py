"""Import an exchange bundle (docs/exchange/) from a file; running it twice changes nothing."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from noichinh.exchange import services


class Command(BaseCommand):
    help = "Nhập gói dữ liệu trao đổi từ tệp JSON (chạy lại không thay đổi gì)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            bundle = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc}") from exc
        try:
            result = services.bundle_import(actor=None, bundle=bundle, check_permission=False)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(json.dumps(result.summary(), ensure_ascii=False, sort_keys=True))
