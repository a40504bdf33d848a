import importlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from noichinh.core import calendar as cal
from noichinh.core import clock, selectors, services
from noichinh.core.formats import parse_vn_date
from noichinh.core.forms import CalendarNoticeForm
from noichinh.core.models import CalendarException
from noichinh.org import permissions

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
    today = clock.today()
    years = selectors.calendar_year_list(until=today.year + 1)
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if year not in {y["year"] for y in years}:
        year = today.year
    context = {
        "rules": rules,
        # One choice per code (rules are dated rows); the start date picks the row.
        "rule_choices": list({r.code: r.name for r in rules}.items()),
        # Every variant by its Vietnamese name (pages never show a code).
        "variant_choices": sorted(
            {
                name: (spec or {}).get("label") or name
                for r in rules
                for name, spec in (r.variants or {}).items()
            }.items(),
            key=lambda item: item[1],
        ),
        "exceptions": CalendarException.objects.filter(date__year__gte=today.year - 1),
        "years": years,
        "year": next(y for y in years if y["year"] == year),
        "year_days": selectors.calendar_year_days(year=year),
        "can_manage": permissions.can_manage_calendar(request.user),
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


@login_required
def calendar_notice_create(request):
    """The administrator enters a year's official notice; open due dates are recomputed."""
    if not permissions.can_manage_calendar(request.user):
        permissions.deny("Chỉ quản trị hệ thống được nhập thông báo lịch nghỉ.")
    form = CalendarNoticeForm(request.POST or None, initial={"year": clock.today().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.calendar_notice_enter(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                f"Đã nhập {result['notice']}: lịch năm {result['year']} là chính thức; "
                f"đã tính lại {result['recomputed']} hạn.",
            )
            return redirect(reverse("core:calendar") + f"?year={result['year']}")
    return render(request, "core/calendar_notice_form.html", {"form": form})


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", {"exception": exception}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
