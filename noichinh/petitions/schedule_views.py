"""Officer pages of the reception schedule (lịch tiếp công dân). Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from noichinh.core import clock
from noichinh.core.formats import parse_vn_date
from noichinh.core.forms import add_service_errors
from noichinh.core.listing import paginate
from noichinh.petitions import permissions, schedule
from noichinh.petitions.forms import ReceptionDayForm
from noichinh.petitions.models import ReceptionDay


def _get_visible(user, pk) -> ReceptionDay:
    row = get_object_or_404(ReceptionDay.objects.select_related("agency"), pk=pk)
    if not permissions.agency_is_visible(user, row.agency_id):
        raise permissions.PermissionDenied("Bạn không xem được lịch của cơ quan này.")
    return row


@login_required
@require_GET
def schedule_list(request: HttpRequest) -> HttpResponse:
    errors = []
    start = clock.today()
    if request.GET.get("from"):
        try:
            start = parse_vn_date(request.GET["from"])
        except ValueError:
            errors.append("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy.")
    qs = schedule.schedule_for_user(user=request.user, start=start)
    if request.GET.get("agency", "").isdigit():
        qs = qs.filter(agency_id=int(request.GET["agency"]))
    page = paginate(request, qs)
    editable = permissions.reception_schedule_editable_ids(request.user)
    for row in page:
        row.can_edit = editable is None or row.agency_id in editable
    return render(
        request,
        "petitions/schedule_list.html",
        {
            "page_obj": page,
            "errors": errors,
            "start": start,
            "can_create": permissions.can_edit_reception_schedule(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_create(request: HttpRequest) -> HttpResponse:
    permissions.require_edit_reception_schedule(request.user)
    form = ReceptionDayForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            schedule.reception_day_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm ngày tiếp công dân vào lịch.")
            return redirect("petitions:schedule_list")
    return render(request, "petitions/schedule_form.html", {"form": form, "row": None})


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, pk) -> HttpResponse:
    row = _get_visible(request.user, pk)
    permissions.require_edit_reception_schedule(request.user, row.agency)
    initial = {f: getattr(row, f) for f in schedule.EDITABLE} | {"version": row.version}
    form = ReceptionDayForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            schedule.reception_day_update(
                actor=request.user, reception_day=row, expected_version=version, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã cập nhật lịch tiếp công dân.")
            return redirect("petitions:schedule_list")
    return render(request, "petitions/schedule_form.html", {"form": form, "row": row})


@login_required
@require_http_methods(["GET", "POST"])
def schedule_cancel(request: HttpRequest, pk) -> HttpResponse:
    row = _get_visible(request.user, pk)
    permissions.require_edit_reception_schedule(request.user, row.agency)
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            schedule.reception_day_cancel(
                actor=request.user,
                reception_day=row,
                reason=request.POST.get("reason", "")[:255],
                expected_version=int(version) if version.isdigit() else None,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã hủy ngày tiếp công dân; trên cổng ghi là đã hủy.")
        return redirect("petitions:schedule_list")
    return render(request, "petitions/schedule_cancel.html", {"row": row})
