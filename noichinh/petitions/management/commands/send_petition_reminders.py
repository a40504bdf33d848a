from django.core.management.base import BaseCommand

from noichinh.core.formats import parse_vn_date
from noichinh.petitions import services


class Command(BaseCommand):
    help = (
        "Nhắc hạn xử lý đơn (quá hạn và sắp đến hạn): thông báo trong hệ thống, thư điện tử khi "
        "người dùng có địa chỉ. Chạy hằng ngày; chạy lại trong ngày không gửi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--within", type=int, default=3, help="số ngày làm việc tới hạn")
        parser.add_argument("--date", default="", help="ngày tính (dd/mm/yyyy), mặc định hôm nay")
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi django-tasks")

    def handle(self, *args, within, date, enqueue, **options):
        if enqueue:
            from noichinh.petitions.tasks import send_petition_reminders

            result = send_petition_reminders.enqueue(within_working_days=within)
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        today = parse_vn_date(date) if date else None
        out = services.send_reminders(today=today, within_working_days=within)
        self.stdout.write(
            f"Đã tạo {out['notifications']} thông báo, gửi {out['emails']} thư điện tử."
        )
