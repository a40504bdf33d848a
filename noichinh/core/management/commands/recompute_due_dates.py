from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Recompute the open due dates whose window touches the given years on the official "
        "calendar tables (run once after upgrading to the shipped official calendar)."
    )

    def add_arguments(self, parser):
        parser.add_argument("first_year", type=int)
        parser.add_argument("last_year", type=int, nargs="?")

    def handle(self, *args, first_year, last_year=None, **options):
        from django.core.exceptions import ValidationError

        from noichinh.core.services import calendar_recompute

        try:
            count = calendar_recompute(
                actor=None, first_year=first_year, last_year=last_year or first_year
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages))
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {count} hạn."))
