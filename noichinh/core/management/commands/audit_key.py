"""The audit chain's keys: generate one, or list the configured ones and what they signed.

Rotation (docs/deploy.md §4): generate a key, put it FIRST in AUDIT_KEY and keep the old
ones after it (AUDIT_KEY="new,old"), restart. New entries and checkpoints are signed with
the new key; old entries keep their signature and verify with the old key, which must stay
in AUDIT_KEY for as long as those entries are to be verified.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo khóa mới cho chuỗi nhật ký (--generate) hoặc liệt kê các khóa đang cấu hình."

    def add_arguments(self, parser):
        parser.add_argument("--generate", action="store_true", help="in một khóa mới")

    def handle(self, *args, generate=False, **options):
        from django.db.models import Count

        from noichinh.core import audit
        from noichinh.core.models import AuditEntry

        if generate:
            self.stdout.write(audit.generate_key())
            return
        signing, _ = audit.signing_key()
        used = dict(AuditEntry.objects.values_list("key_id").annotate(n=Count("id")).order_by())
        for kid in audit.keys():
            role = "ký bản ghi mới" if kid == signing else "chỉ để kiểm tra"
            self.stdout.write(f"{kid}: {role}; đã ký {used.pop(kid, 0)} bản ghi")
        for kid, n in used.items():
            self.stderr.write(f"{kid}: KHÔNG có trong AUDIT_KEY; đã ký {n} bản ghi")
