from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Recompute the audit chain; fail if any entry was edited, inserted or deleted."

    def handle(self, *args, **options):
        from noichinh.core.audit import verify_chain
        from noichinh.core.models import AuditEntry

        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Nhật ký bị can thiệp: {len(problems)} lỗi.")
        self.stdout.write(
            self.style.SUCCESS(f"Nhật ký nguyên vẹn: {AuditEntry.objects.count()} bản ghi.")
        )
