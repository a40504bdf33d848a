from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Ghi một mốc kiểm tra của chuỗi nhật ký (số thứ tự và chữ ký bản ghi mới nhất) vào "
        "AUDIT_CHECKPOINT_FILE và nhật ký hệ thống, rồi in ra."
    )

    def handle(self, *args, **options):
        from noichinh.core.audit import checkpoint

        cp = checkpoint()
        self.stdout.write(
            f"Mốc kiểm tra nhật ký: #{cp['seq']} {cp['head']} lúc {cp['at']} "
            f"(khóa {cp['key_id']})"
        )
