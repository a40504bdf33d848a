"""Send the messages to citizens still pending (normally sent at once by the worker's task):
idempotent, safe to run from cron or a timer beside the worker."""

from django.core.management.base import BaseCommand

from noichinh.portal import notices


class Command(BaseCommand):
    help = "Gửi các thông báo cho người gửi đơn còn chờ gửi."

    def handle(self, *args, **options):
        counts = notices.send_pending()
        self.stdout.write(f"Đã gửi {counts['sent']}, không gửi được {counts['failed']}.")
