from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create a personal API token for USERNAME; it is printed once, only its hash is kept. "
        "It expires after API_TOKEN_DAYS days and is revoked when the password changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="")

    def handle(self, *args, **options):
        from noichinh.core.formats import vn_datetime
        from noichinh.org.models import ApiToken, User

        try:
            user = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"Không có người dùng “{options['username']}”.")
        token, key = ApiToken.issue(user, options["name"])
        self.stdout.write(key)
        # On stderr: scripts that capture the key from stdout keep working.
        self.stderr.write(
            f"Mã hết hạn lúc {vn_datetime(token.expires_at)}; "
            "đổi mật khẩu cũng thu hồi mã này."
        )
