"""Run by tests/scale/test_pgbouncer.py in its own process, with DATABASE_URL through a
PgBouncer in transaction pooling mode and PGBOUNCER=1. Prints one line per finding; exits
non-zero on the first failed check."""

import datetime as dt
import io
import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import load_workbook  # noqa: E402


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        sys.exit(1)


check(
    settings.DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS") is True,
    "PGBOUNCER=1 disables server-side cursors",
)
call_command("migrate", verbosity=0)
check(True, "migrate ran through PgBouncer")
with connection.cursor() as c:
    c.execute("SELECT inet_server_port()")
    server_port = c.fetchone()[0]
check(
    str(server_port) != str(settings.DATABASES["default"]["PORT"]),
    f"the connection is PgBouncer's (client port {settings.DATABASES['default']['PORT']}, "
    f"server {server_port})",
)

from noichinh.core import audit  # noqa: E402
from noichinh.devdata.demo import org as demo  # noqa: E402
from noichinh.petitions import services  # noqa: E402
from noichinh.petitions.models import Visit  # noqa: E402

org = demo.load()
officer = org["users"]["canbo"]
for n in range(30):
    services.visit_create(
        actor=officer,
        agency=org["agencies"]["TTT"],
        visited_on=dt.date.today(),
        content=f"Lượt tiếp số {n + 1}",
        visitor_name="Trần Văn Bình",
    )

# .iterator() with other queries between its fetches (what a server-side cursor in
# transaction pooling cannot survive): every row comes back.
seen = 0
for visit in Visit.objects.order_by("pk").iterator(chunk_size=2):
    seen += 1
    Visit.objects.filter(pk=visit.pk).exists()
check(seen == 30, f".iterator(chunk_size=2) with queries in between read all 30 visits ({seen})")

result = audit.verify()
check(
    not result.problems and result.entries >= 30,
    f"verify_audit's .iterator() over the chain read {result.entries} entries, no problem",
)

client = Client()
client.force_login(officer)
export = client.get("/petitions/visits/?format=xlsx")
check(export.status_code == 200, f"the reception book's export answers ({export.status_code})")
content = b"".join(export.streaming_content) if export.streaming else export.content
sheet = load_workbook(io.BytesIO(content)).active
contents = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
check(
    sum(1 for v in contents if v.startswith("Lượt tiếp số")) == 30,
    "the export (an .iterator() over the list) holds all 30 visits",
)
print("done", flush=True)
