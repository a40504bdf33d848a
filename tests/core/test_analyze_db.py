"""``manage.py analyze_db`` (nightly cron in docs/deploy.md) leaves the planner statistics
of the registers' tables, on SQLite (which never gathers them itself) and PostgreSQL."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db


def _petition_stats_rows() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone():
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'petitions_petition'")
            return cursor.fetchone()[0]
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'petitions_petition'")
        return max(0, int(cursor.fetchone()[0]))


def test_analyze_db_gathers_the_statistics(users, agencies):
    for i in range(3):
        make_petition(users["canbo"], agencies["TTT"], content=f"Đơn số {i} về thu hồi đất")
    assert _petition_stats_rows() == 0
    out = io.StringIO()
    call_command("analyze_db", stdout=out)
    assert _petition_stats_rows() > 0
    assert "Đã cập nhật thống kê truy vấn" in out.getvalue()
