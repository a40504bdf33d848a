"""Migrations that never change (issue 22 §5).

A migration runs years after it landed, on a database in the state it expects: it carries its
data and its code with it and imports no application module (Django's and Zulip's migration
guides). The test database is built from the migrations alone (pytest-django runs them), so it
is the fresh database compared here with what the models and the catalogues in the code say:
a schema change without its migration, or a catalogue edited without a new data migration,
fails.
"""

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from noichinh.core import calendar as cal
from noichinh.reports import seed

NOICHINH = Path(settings.BASE_DIR) / "noichinh"
MIGRATIONS = sorted(p for p in NOICHINH.glob("*/migrations/[0-9]*.py"))

# A field's callable (``upload_to=noichinh.petitions.models.attachment_path``) is referenced by
# its import path in the migration makemigrations writes: the one use of an app module allowed,
# and only as such an argument in the Migration class.
FIELD_CALLABLE_ARGUMENTS = {"upload_to", "default", "validators"}


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _app_code_used(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    in_field_arguments: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Migration":
            for kw in ast.walk(node):
                if isinstance(kw, ast.keyword) and kw.arg in FIELD_CALLABLE_ARGUMENTS:
                    in_field_arguments |= {id(n) for n in ast.walk(kw.value)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            found.append(f"{path.name}:{node.lineno}: relative import")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "noichinh":
            if ".migrations" not in node.module:
                found.append(f"{path.name}:{node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] != "noichinh" or ".migrations" in alias.name:
                    continue
                # makemigrations' form for field callables: at module level, not renamed.
                if alias.asname or node.col_offset or not alias.name.endswith(".models"):
                    found.append(f"{path.name}:{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Name) and node.id == "noichinh":
            if id(node) not in in_field_arguments:
                found.append(f"{path.name}:{node.lineno}: uses noichinh.… outside a field")
        elif isinstance(node, ast.Name) and node.id == "__file__":
            found.append(f"{path.name}:{node.lineno}: reads a file beside the code")
    return found


def test_no_migration_uses_application_code():
    offenders = []
    for path in MIGRATIONS:
        offenders += [f"{path.parent.parent.name}/migrations/{o}" for o in _app_code_used(path)]
    assert offenders == []


def _model_tables():
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            yield model


@pytest.mark.django_db
def test_a_database_built_from_the_migrations_has_every_model_table_and_column():
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        missing, differing = [], []
        for model in _model_tables():
            table = model._meta.db_table
            if table not in tables:
                missing.append(table)
                continue
            declared = {f.column for f in model._meta.local_concrete_fields}
            found = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if declared != found:
                differing.append((table, sorted(declared - found), sorted(found - declared)))
    assert (missing, differing) == ([], [])


@pytest.mark.django_db
def test_the_migrated_report_catalogue_is_the_catalogue_of_reports_seed():
    from noichinh.reports.models import Indicator, ReportType, Section

    assert sorted(
        ReportType.objects.values_list(
            "code", "name", "start_day", "months_before", "end_day", "legal_source", "note"
        )
    ) == sorted(seed.REPORT_TYPES)
    assert sorted(Section.objects.values_list("code", "title", "order")) == sorted(seed.SECTIONS)
    expected = sorted(
        (
            code,
            name,
            unit,
            section,
            list(kinds),
            "computed" if source == seed.C else "entered",
            code if source == seed.C else "",
            parent or None,
            order,
            source == seed.C and section in seed.PROVINCE_WIDE_SECTIONS,
        )
        for code, name, unit, section, kinds, source, parent, order in seed.INDICATORS
    )
    active = Indicator.objects.filter(active=True).select_related("section", "parent")
    got = sorted(
        (
            i.code,
            i.name,
            i.unit,
            i.section.code,
            list(i.agency_kinds),
            i.source,
            i.figure_code,
            i.parent.code if i.parent else None,
            i.order,
            i.province_wide,
        )
        for i in active
    )
    assert got == expected
    # A retired indicator stays as an inactive row (its values stay readable), never listed.
    retired = set(Indicator.objects.filter(active=False).values_list("code", flat=True))
    assert retired.isdisjoint(row[0] for row in seed.INDICATORS)


@pytest.mark.django_db
def test_the_migrated_calendar_is_the_shipped_official_schedule():
    from noichinh.core.models import CalendarDay, CalendarNotice, CalendarYear

    data = cal.shipped_schedule()
    statutes = data.get("statutes", {})
    years, notices, days = [], [], []
    for entry in data["years"]:
        years.append((entry["year"], entry["status"], entry.get("note", "")))
        for n in entry.get("notices", []):
            issued = dt.date.fromisoformat(n["date"]) if n.get("date") else None
            notices.append(
                (
                    entry["year"],
                    n["key"],
                    n.get("number", ""),
                    issued,
                    n.get("issuer", ""),
                    n.get("summary", ""),
                    n.get("found_in", ""),
                )
            )
        keys = {n["key"] for n in entry.get("notices", [])}
        for d in entry["days"]:
            source = d.get("source", "")
            days.append(
                (
                    dt.date.fromisoformat(d["date"]),
                    bool(d["off"]),
                    d["reason"],
                    source if source in keys else None,
                    statutes.get(source, ""),
                    bool(d.get("provisional")),
                )
            )
    assert sorted(CalendarYear.objects.values_list("year", "status", "note")) == sorted(years)
    assert sorted(
        CalendarNotice.objects.values_list(
            "calendar_year__year", "key", "number", "issued_on", "issuer", "summary", "found_in"
        )
    ) == sorted(notices)
    got_days = sorted(
        CalendarDay.objects.values_list(
            "date", "is_day_off", "reason", "notice__key", "source", "provisional"
        )
    )
    assert got_days == sorted(days)
