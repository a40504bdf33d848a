from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Kiểm tra chuỗi nhật ký: số thứ tự, liên kết và chữ ký HMAC của từng bản ghi, rồi đối "
        "chiếu với các mốc kiểm tra ghi ngoài cơ sở dữ liệu (AUDIT_CHECKPOINT_FILE)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            action="append",
            type=Path,
            help="tệp mốc kiểm tra (mặc định AUDIT_CHECKPOINT_FILE); có thể nêu nhiều lần, "
            "vd. thêm bản sao lấy từ nhật ký hệ thống hoặc máy khác",
        )

    def handle(self, *args, checkpoints=None, **options):
        from noichinh.core.audit import verify, vn_time

        result = verify(checkpoints)
        for notice in result.notices:
            self.stdout.write(self.style.WARNING(notice))
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"Nhật ký bị can thiệp: {len(result.problems)} lỗi.")
        cp = result.latest_checkpoint
        anchor = (
            f"; khớp {result.checkpoints} mốc kiểm tra, mới nhất #{cp['seq']} lúc {vn_time(cp['at'])}"
            if cp
            else "; chưa có mốc kiểm tra nào"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Nhật ký nguyên vẹn: {result.entries} bản ghi{anchor}.")
        )
