"""The framework's own pages: the empty-view floor, home, login, calendar, org lists, the API."""

from __future__ import annotations


def run(ctx) -> list[dict]:
    from noichinh.org.models import Agency

    agencies = Agency.objects.order_by("name")[:50]
    rows = [
        ctx.view("empty view (floor)", "/__bench__/empty/"),
        ctx.view("home page (dashboard)", "/"),
        ctx.view("agency list page", "/org/agencies/", sql=agencies),
        ctx.view(
            "calendar due date page", "/core/calendar/?rule=denunciation.intake&start=12/02/2026"
        ),
        ctx.view(
            "API due date",
            "/api/v1/calendar/due-date?rule=denunciation.intake&start=2026-02-12",
        ),
        ctx.view("API agency list", "/api/v1/org/agencies", sql=agencies),
    ]
    from django.test import Client

    anonymous = Client()
    rows.append(ctx.call("login page (anonymous)", lambda: anonymous.get("/login/")))
    return rows
