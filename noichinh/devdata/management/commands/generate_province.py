from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu một tỉnh giả lập để đo hiệu năng: tổ chức, đơn thư, vụ việc, nhiệm vụ "
        "(xác định theo seed). Không dùng trên cơ sở dữ liệu thật."
    )

    def add_arguments(self, parser):
        parser.add_argument("--petitions", type=int, default=10_000, help="số đơn thư")
        parser.add_argument("--years", type=int, default=3, help="số năm dữ liệu")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="số tiến trình ghi đơn song song (PostgreSQL; mặc định 2, SQLite luôn 1)",
        )
        parser.add_argument("--no-progress", dest="progress", action="store_false")

    def handle(self, *args, petitions, years, seed, batch_size, progress, workers, **options):
        from noichinh.devdata.generate.province import generate

        if petitions < 0 or years < 1:
            raise CommandError("Số đơn thư phải không âm và số năm từ 1 trở lên.")
        timings = generate(
            petitions=petitions,
            years=years,
            seed=seed,
            batch_size=batch_size,
            workers=workers,
            progress=progress,
            stdout=self.stdout,
        )
        skipped = timings.pop("skipped")
        for key, seconds in timings.items():
            self.stdout.write(f"  {key[:-2]}: {seconds} s")
        if skipped:
            self.stdout.write(f"  chưa có bộ sinh dữ liệu cho: {', '.join(skipped)}")
        self.stdout.write(self.style.SUCCESS("Đã sinh dữ liệu tỉnh giả lập."))
