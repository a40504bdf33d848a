from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME; it is printed once, only its hash is kept."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="")

    def handle(self, *args, **options):
        from noichinh.org.models import ApiToken, User

        try:
            user = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"Không có người dùng “{options['username']}”.")
        _token, key = ApiToken.issue(user, options["name"])
        self.stdout.write(key)
