from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options):
        from noichinh.devdata.demo.org import USERS

        self.stdout.write(
            "\nĐăng nhập tại http://127.0.0.1:8000/login/ với mật khẩu: " + settings.DEMO_PASSWORD
        )
        for username, full_name, title, _role, agency, _bloc in USERS:
            self.stdout.write(f"  {username:<12} {full_name} — {title} ({agency})")
        self.stdout.write("")
