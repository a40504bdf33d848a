from django.core.management.base import BaseCommand

from noichinh.briefings import services


class Command(BaseCommand):
    help = (
        "Nhắc cơ quan chủ trì các nhiệm vụ sắp đến hạn hoặc quá hạn "
        "(mỗi nhiệm vụ một lần cho mỗi loại nhắc; chạy lại không gửi trùng)."
    )

    def handle(self, *args, **options):
        sent = services.reminders_send()
        self.stdout.write(f"Đã gửi {sent} lời nhắc nhiệm vụ.")
