from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Ghi một mốc kiểm tra của chuỗi nhật ký (số thứ tự và chữ ký bản ghi mới nhất) vào "
        "AUDIT_CHECKPOINT_FILE và nhật ký hệ thống, rồi in ra. Sau khi cố ý khôi phục một bản "
        'sao lưu cũ hơn: --after-restore "lý do" ghi nhận các bản ghi đã mất.'
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--after-restore",
            metavar="LÝ_DO",
            help="ghi nhận (vào chuỗi và tệp mốc) rằng các bản ghi sau mốc đã khôi phục bị mất",
        )

    def handle(self, *args, after_restore=None, **options):
        from noichinh.core import audit

        if after_restore is not None:
            try:
                marker = audit.acknowledge_restore(actor=None, reason=after_restore)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages))
            self.stdout.write(
                f"Đã ghi nhận khôi phục: bản ghi #{marker['seq'] + 1}–#{marker['lost_to']} "
                "của chuỗi trước đó đã mất."
            )
        cp = audit.checkpoint()
        self.stdout.write(
            f"Mốc kiểm tra nhật ký: #{cp['seq']} {cp['head']} lúc {audit.vn_time(cp['at'])} (khóa {cp['key_id']})"
        )
