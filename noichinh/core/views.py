import importlib

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from noichinh.core import calendar as cal
from noichinh.core import clock, selectors
from noichinh.core.formats import parse_vn_date
from noichinh.core.models import CalendarException

DASHBOARD_APPS = ["petitions", "cases", "reports", "briefings"]


def _panels(user) -> list[dict]:
    """Each app may offer home-page panels through ``noichinh.<app>.dashboard.panels(user)``."""
    panels = []
    for app in DASHBOARD_APPS:
        try:
            module = importlib.import_module(f"noichinh.{app}.dashboard")
        except ModuleNotFoundError:
            continue
        panels.extend(module.panels(user))
    return panels


@login_required
def home(request):
    return render(request, "home.html", {"today": clock.today(), "panels": _panels(request.user)})


@login_required
def calendar_view(request):
    rules = list(selectors.rule_list())
    context = {
        "rules": rules,
        # One choice per code (rules are dated rows); the start date picks the row.
        "rule_choices": list({r.code: r.name for r in rules}.items()),
        "exceptions": CalendarException.objects.filter(date__year__gte=clock.today().year - 1),
    }
    rule = request.GET.get("rule") or (rules[0].code if rules else "")
    context["form_rule"] = rule
    if request.GET.get("start"):
        try:
            start = parse_vn_date(request.GET["start"])
            context["due"] = selectors.due_date(
                rule=rule, start=start, variant=request.GET.get("variant") or None
            )
        except (ValueError, cal.CalendarError) as exc:
            context["error"] = str(exc)
    return render(request, "core/calendar.html", context)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", {"exception": exception}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
