from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from noichinh.core.formats import parse_vn_date, vn_date
from noichinh.core.forms import add_service_errors
from noichinh.core.listing import paginate
from noichinh.org import permissions, selectors, services
from noichinh.org.forms import ReorganiseForm
from noichinh.org.models import Agency, AreaUnit


@login_required
@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.agency_list(q=request.GET.get("q", ""), kind=request.GET.get("kind", ""))
    return render(
        request, "org/agency_list.html", {"page_obj": paginate(request, qs), "kinds": Agency.KINDS}
    )


@login_required
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    on, on_error = None, ""
    if request.GET.get("on"):
        try:
            on = parse_vn_date(request.GET["on"])
        except ValueError as exc:
            on_error = str(exc)
    qs = selectors.unit_list(q=request.GET.get("q", ""), level=request.GET.get("level", ""), on=on)
    qs = qs.prefetch_related("successions__successor")
    return render(
        request,
        "org/unit_list.html",
        {
            "page_obj": paginate(request, qs),
            "levels": AreaUnit.LEVELS,
            "on_error": on_error,
            "can_reorganise": permissions.is_admin(request.user)
            or permissions.is_secretariat(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_reorganise(request: HttpRequest) -> HttpResponse:
    if not (permissions.is_admin(request.user) or permissions.is_secretariat(request.user)):
        permissions.deny(
            "Chỉ quản trị hệ thống và cơ quan thường trực được sắp xếp đơn vị hành chính."
        )
    form = ReorganiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            successor = services.area_reorganise(
                actor=request.user,
                predecessors=list(data["predecessors"]),
                effective_date=data["effective_date"],
                kind=data["kind"],
                decision=data["decision"],
                successor=data["successor"],
                successor_code=data["successor_code"],
                successor_name=data["successor_name"],
                successor_level=data["successor_level"],
                successor_parent=data["successor_parent"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Đã áp dụng: {successor} kế thừa từ {vn_date(data['effective_date'])}."
            )
            return redirect("org:unit_list")
    return render(request, "org/unit_reorganise.html", {"form": form})
