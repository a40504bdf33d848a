from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from noichinh.core import calendar as cal
from noichinh.core import clock, dashboard, permissions, selectors, services
from noichinh.core.formats import parse_vn_date
from noichinh.core.forms import CalendarNoticeForm, add_service_errors
from noichinh.core.models import CalendarException


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    panels = dashboard.panels(request.user)
    return render(request, "home.html", {"today": clock.today(), "panels": panels})


@login_required
@require_GET
def calendar_view(request: HttpRequest) -> HttpResponse:
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
@require_http_methods(["GET", "POST"])
def calendar_notice_create(request: HttpRequest) -> HttpResponse:
    """The administrator enters a year's official notice; open due dates are recomputed."""
    if not permissions.can_manage_calendar(request.user):
        permissions.deny("Chỉ quản trị hệ thống được nhập thông báo lịch nghỉ.")
    form = CalendarNoticeForm(request.POST or None, initial={"year": clock.today().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.calendar_notice_enter(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
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


# -- digital signatures ------------------------------------------------------------------------

MAX_PKCS12_BYTES = 64 * 1024
MAX_VERIFY_BYTES = 25 * 1024 * 1024


def signing_key_from_request(request):
    """The key of one signing, from the signing form (``core/includes/sign_form.html``)."""
    from noichinh.core.pdfsign import KeySource

    source = request.POST.get("key_source", "upload")
    if source == "server":
        return KeySource(server=True)
    if source == "token":
        return KeySource(pin=request.POST.get("pin", ""))
    upload = request.FILES.get("pkcs12")
    if upload is None or upload.size > MAX_PKCS12_BYTES:
        raise ValidationError("Chọn tệp khóa ký PKCS#12 (.p12, .pfx) để ký.")
    return KeySource(pkcs12=upload.read(), passphrase=request.POST.get("passphrase", ""))


def signing_options() -> dict:
    """What the signing form offers: the server's key and the token only when configured."""
    from django.conf import settings

    from noichinh.core import pdfsign

    return {
        "server_key": bool(getattr(settings, "SIGNING_PKCS12_FILE", "")),
        "token": pdfsign.pkcs11_configured(),
    }


def signed_copies(kind: str, object_ids) -> list:
    """The signed copies of these documents, each with its verification now."""
    from noichinh.core import pdfsign
    from noichinh.core.models import SignedPdf

    copies = list(SignedPdf.objects.filter(kind=kind, object_id__in=[str(i) for i in object_ids]))
    for copy in copies:
        copy.verification = pdfsign.verify(bytes(copy.pdf))  # type: ignore[attr-defined]  # for the page, not a field
    return copies


@login_required
@require_http_methods(["GET", "POST"])
def signature_verify(request: HttpRequest) -> HttpResponse:
    """Upload a PDF: is its signature valid, and whose is it. The answer concerns only the
    file given, so every signed-in user may ask."""
    from noichinh.core import pdfsign

    result = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            error = "Chọn tệp PDF cần kiểm tra."
        elif (upload.size or 0) > MAX_VERIFY_BYTES:
            error = "Tệp quá lớn để kiểm tra (tối đa 25 MB)."
        else:
            result = pdfsign.verify(upload.read())
    return render(request, "core/signature_verify.html", {"result": result, "error": error})


def signed_copies_page(
    request, *, title, kind, object_id, variant, can_sign, signer_name, sign, back_url, file_url
):
    """The page of one document's signed copies and its signing form. ``sign(key)`` signs
    (the domain's service, which checks the permission again); ``file_url(copy)`` is the
    download address of a copy."""
    if request.method == "POST":
        if not can_sign:
            permissions.deny("Bạn không được ký số văn bản này.")
        try:
            sign(signing_key_from_request(request))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "Đã ký số; văn bản gốc giữ nguyên.")
        return redirect(request.path)
    signed = [c for c in signed_copies(kind, [object_id]) if c.variant == variant]
    for copy in signed:
        copy.url = file_url(copy)
    return render(
        request,
        "core/signed_copies.html",
        {
            "title": title,
            "signed": signed,
            "can_sign": can_sign,
            "signer_name": signer_name,
            "signing": signing_options(),
            "back_url": back_url,
        },
    )


def signed_copy_response(*, kind, object_id, variant, pk, filename):
    from django.http import Http404, HttpResponse

    from noichinh.core.models import SignedPdf

    copy = SignedPdf.objects.filter(
        pk=pk, kind=kind, object_id=str(object_id), variant=variant
    ).first()
    if copy is None:
        raise Http404
    response = HttpResponse(bytes(copy.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-SHA256"] = copy.sha256
    return response
