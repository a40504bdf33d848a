import time

from django.core.management.base import BaseCommand, CommandError

from noichinh.core import jobs


class Command(BaseCommand):
    help = (
        "Chạy các tác vụ định kỳ đến hạn (core/jobs.py): gọi mỗi phút (systemd timer) hoặc "
        "chạy liên tục với --loop. Hai lần chạy cùng lúc không chạy trùng một tác vụ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="chạy liên tục, mỗi phút một lượt")
        parser.add_argument("--interval", type=int, default=60, help="số giây giữa hai lượt")
        parser.add_argument("--job", action="append", help="chỉ chạy tác vụ này (lặp được)")
        parser.add_argument("--force", action="store_true", help="chạy ngay, dù chưa đến hạn")
        parser.add_argument("--list", action="store_true", help="liệt kê các tác vụ")

    def handle(self, *args, loop, interval, job, force, list, **options):
        if list:
            for j in jobs.JOBS:
                when = f"hằng ngày {j.at:%H:%M}" if j.at else f"mỗi {j.every_label}"
                self.stdout.write(f"{j.name}\t{when}\t{j.label}")
            return
        names = {j.name for j in jobs.JOBS}
        for name in job or []:
            if name not in names:
                raise CommandError(f"Không có tác vụ {name}.")
        while True:
            for name, text in jobs.run_due(only=job, force=force):
                self.stdout.write(f"{name}: {text}")
            if not loop:
                return
            time.sleep(interval)
