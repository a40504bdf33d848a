import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_APPS = ["petitions", "portal", "cases", "reports", "briefings"]


class Command(BaseCommand):
    help = "Load the demo province (idempotent: a second run changes nothing and loses nothing)."

    def handle(self, *args, **options):
        from noichinh.devdata.demo import org as demo

        with transaction.atomic():
            ctx = demo.load()
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"noichinh.devdata.demo.{app}")
            except ModuleNotFoundError as exc:
                if exc.name != f"noichinh.devdata.demo.{app}":
                    raise
                continue
            with transaction.atomic():
                module.load(ctx, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu tỉnh mẫu."))
