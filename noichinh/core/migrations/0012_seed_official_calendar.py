"""Load the official schedule of 2020–2026 (data/official_calendar.json) into the calendar
tables: each year with its documents (number, date, issuer) and its days off / swapped days."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "official_calendar.json"


def seed(apps, schema_editor):
    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarNotice = apps.get_model("core", "CalendarNotice")
    CalendarDay = apps.get_model("core", "CalendarDay")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    statutes = data.get("statutes", {})
    for entry in data["years"]:
        if CalendarYear.objects.filter(year=entry["year"]).exists():
            continue
        year = CalendarYear.objects.create(
            year=entry["year"], status=entry["status"], note=entry.get("note", "")
        )
        notices = {}
        for n in entry.get("notices", []):
            notices[n["key"]] = CalendarNotice.objects.create(
                calendar_year=year,
                key=n["key"],
                number=n.get("number", ""),
                issued_on=dt.date.fromisoformat(n["date"]) if n.get("date") else None,
                issuer=n.get("issuer", ""),
                summary=n.get("summary", ""),
                found_in=n.get("found_in", ""),
            )
        CalendarDay.objects.bulk_create(
            CalendarDay(
                calendar_year=year,
                date=dt.date.fromisoformat(d["date"]),
                is_day_off=bool(d["off"]),
                reason=d["reason"],
                notice=notices.get(d.get("source", "")),
                source=statutes.get(d.get("source", ""), ""),
                provisional=bool(d.get("provisional")),
            )
            for d in entry["days"]
        )


def unseed(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    years = [entry["year"] for entry in data["years"]]
    apps.get_model("core", "CalendarYear").objects.filter(year__in=years).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0011_official_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
