import datetime as dt
import io
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from noichinh.core import clock, listing
from noichinh.core import files as core_files
from noichinh.core import selectors as core_selectors
from noichinh.core.closing import ClosedPeriodError
from noichinh.core.dbrouting import replica_reads
from noichinh.core.formats import parse_vn_date, vn_date, vn_number
from noichinh.core.forms import add_service_errors
from noichinh.core.listing import paginate
from noichinh.org.models import AGENCY_ORDERING, Agency, AreaUnit

# documents (python-docx), duplicates (numpy, rapidfuzz), exporting and importing (openpyxl)
# are imported where used: they are heavy and most pages do not need them.
from noichinh.petitions import (
    actions,
    digest,
    escalation,
    figures,
    forms,
    permissions,
    selectors,
    services,
)
from noichinh.petitions.models import (
    Attachment,
    Notification,
    Petition,
    PetitionField,
    PetitionType,
    Visit,
)


def _date_param(request, name, errors):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse_vn_date(raw)
    except ValueError:
        errors.append(f"Ngày “{raw}” không hợp lệ (dd/mm/yyyy); bộ lọc này bị bỏ qua.")
        return None


def _int_param(request, name, default=None):
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return default


def _subtree(request, errors):
    agency_id = _int_param(request, "agency")
    if agency_id and not Agency.objects.filter(pk=agency_id).exists():
        errors.append("Cơ quan không tồn tại; bộ lọc bị bỏ qua.")
        agency_id = None
    unit_id = _int_param(request, "unit")
    if unit_id and not AreaUnit.objects.filter(pk=unit_id).exists():
        unit_id = None
    return selectors.agency_subtree_filter(agency_id), selectors.unit_filter(unit_id)


def petition_filters_from(request, errors) -> selectors.PetitionFilters:
    agency_ids, unit_ids = _subtree(request, errors)
    g = request.GET

    def choice(name, choices):
        v = g.get(name, "")
        return v if v in {c[0] for c in choices} else ""

    return selectors.PetitionFilters(
        q=g.get("q", "")[:200],
        agency_ids=agency_ids,
        unit_ids=unit_ids,
        type=choice("type", PetitionType.choices),
        field=choice("field", PetitionField.choices),
        state=choice("state", Petition.State.choices),
        channel=choice("channel", Petition.Channel.choices),
        outcome=choice("outcome", Petition.Outcome.choices),
        result=choice("result", Petition.Result.choices),
        due=g.get("due", "") if g.get("due") in ("overdue", "soon", "open") else "",
        within=max(0, min(60, _int_param(request, "within", 5) or 5)),
        received_from=_date_param(request, "from", errors),
        received_to=_date_param(request, "to", errors),
        resolved_from=_date_param(request, "resolved_from", errors),
        resolved_to=_date_param(request, "resolved_to", errors),
        flag=g.get("flag", "")
        if g.get("flag")
        in (
            "mass",
            "over_level",
            "duplicate",
            "new_matter",
            "eligible",
            "in_competence",
            "on_time",
            "late",
            "to_urge",
        )
        else "",
        sort=listing.sort_key(request, selectors.SORTS),
        # The official statistical forms' cells link here with these (reports.official_forms).
        in_hand_from=_date_param(request, "in_hand_from", errors),
        in_hand_to=_date_param(request, "in_hand_to", errors),
        outcome_from=_date_param(request, "outcome_from", errors),
        outcome_to=_date_param(request, "outcome_to", errors),
        answer_from=_date_param(request, "answer_from", errors),
        answer_to=_date_param(request, "answer_to", errors),
        signers=g.get("signers", "") if g.get("signers") in ("one", "many", "other") else "",
        matter="new" if g.get("matter") == "new" else "",
        competence=g.get("competence", "") if g.get("competence") in ("yes", "no") else "",
    )


def visit_filters_from(request, errors) -> selectors.VisitFilters:
    agency_ids, unit_ids = _subtree(request, errors)
    g = request.GET
    return selectors.VisitFilters(
        q=g.get("q", "")[:200],
        agency_ids=agency_ids,
        unit_ids=unit_ids,
        kind=g.get("kind", "") if g.get("kind") in Visit.Kind.values else "",
        petition_type=g.get("type", "") if g.get("type") in PetitionType.values else "",
        answer=g.get("answer", "") if g.get("answer") in Visit.Answer.values else "",
        date_from=_date_param(request, "from", errors),
        date_to=_date_param(request, "to", errors),
        flag=g.get("flag", "") if g.get("flag") in ("mass", "new_matter", "repeat") else "",
        matter=g.get("matter", "") if g.get("matter") in ("old", "new") else "",
    )


def _visible_agencies(user):
    ids = permissions.visible_agency_ids(user)
    qs = Agency.objects.order_by(*AGENCY_ORDERING)
    return qs if ids is None else qs.filter(pk__in=ids)


# One XLSX export at most: a file of this size opens in Excel in seconds; a whole
# province-year (a million rows) would take minutes to write and would not open.
EXPORT_CAP = 50_000


def _export_too_big(qs, errors: list[str]) -> bool:
    """True (and a message in ``errors``) when the filtered rows are more than EXPORT_CAP."""
    if listing.count_upto(qs, EXPORT_CAP + 1) <= EXPORT_CAP:
        return False
    errors.append(
        f"Kết quả lọc có hơn {vn_number(EXPORT_CAP)} dòng, quá lớn "
        "để xuất một tệp Excel. Hãy thu hẹp bộ lọc (thời gian, cơ quan, loại đơn) rồi xuất lại."
    )
    return True


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- reception book --------------------------------------------------------------------------


@replica_reads
@login_required
@require_GET
def visit_list(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    filters = visit_filters_from(request, errors)
    qs = selectors.visit_list(user=request.user, filters=filters)
    if request.GET.get("format") == "xlsx" and not _export_too_big(qs, errors):
        from noichinh.petitions import exporting

        return _xlsx(
            exporting.visits_xlsx(qs), exporting.filename("so-tiep-cong-dan", clock.today())
        )
    page = paginate(request, qs, cap=listing.SEARCH_COUNT_CAP if filters.q else None)
    return render(
        request,
        "petitions/visit_list.html",
        {
            "page_obj": page,
            "errors": errors,
            "agencies": _visible_agencies(request.user),
            "kinds": Visit.Kind.choices,
            "types": PetitionType.choices,
            "answers": Visit.Answer.choices,
            "can_create": permissions.can_create_visit(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_create(request: HttpRequest) -> HttpResponse:
    permissions.require_create_visit(request.user)
    form = forms.VisitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = _without_late(form)
        make_petition = data.pop("make_petition")
        data.pop("confirm_day_off", None)  # the form asked; the visit does not keep it
        data["representative_count"] = data.get("representative_count") or 0
        try:
            visit = services.visit_create(
                actor=request.user, late_reason=form.late_reason(), **data
            )
        except ClosedPeriodError as exc:
            form.ask_late_reason(exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi lượt tiếp ngày {vn_date(visit.visited_on)}.")
            if make_petition and visit.answer == Visit.Answer.RECEIVED:
                return redirect(reverse("petitions:petition_create") + f"?visit={visit.pk}")
            return redirect("petitions:visit_detail", pk=visit.pk)
    return render(request, "petitions/visit_form.html", {"form": form})


@login_required
@require_GET
def visit_detail(request: HttpRequest, pk) -> HttpResponse:
    visit = selectors.visit_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "petitions/visit_detail.html",
        {
            "visit": visit,
            "petitions": permissions.visible_petitions(request.user).filter(visit=visit),
        },
    )


def _without_late(form) -> dict:
    """The form's data for the service, without the closed-period fields."""
    data = dict(form.cleaned_data)
    for key in ("late_asked", "late_reason", "late_confirm"):
        data.pop(key, None)
    return data


# --- petitions -------------------------------------------------------------------------------


@replica_reads
@login_required
@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    filters = petition_filters_from(request, errors)
    qs = selectors.petition_list(user=request.user, filters=filters)
    if request.GET.get("format") == "xlsx" and not _export_too_big(qs, errors):
        from noichinh.petitions import exporting

        return _xlsx(exporting.petitions_xlsx(qs), exporting.filename("so-don", clock.today()))
    page = paginate(
        request,
        selectors.petition_list_page(qs),
        cap=listing.SEARCH_COUNT_CAP if filters.q else None,
    )
    today = clock.today()
    cutoff = selectors.soon_cutoff(filters.within, today)
    # One reversal for the page, not one per row: the pattern is /…/<pk>/.
    detail_url = reverse("petitions:petition_detail", args=[0]).removesuffix("0/")
    rows = []
    for p in page:
        left = selectors.days_left(p, today)
        if left is None or p.state == "suspended":
            badge = ""
        elif left < 0:
            badge = "overdue"
        elif p.next_due <= cutoff:
            badge = "soon"
        else:
            badge = "ok"
        rows.append({"p": p, "left": left, "badge": badge, "url": f"{detail_url}{p.pk}/"})
    return render(
        request,
        "petitions/petition_list.html",
        {
            "page_obj": page,
            "rows": rows,
            "errors": errors,
            "filters": filters,
            "agencies": _visible_agencies(request.user),
            "types": PetitionType.choices,
            "fields": PetitionField.choices,
            "states": Petition.State.choices,
            "can_create": permissions.can_create_petition(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def petition_create(request: HttpRequest) -> HttpResponse:
    permissions.require_create_petition(request.user)
    visit = None
    visit_id = request.GET.get("visit") or request.POST.get("visit")
    if visit_id:
        try:
            visit = selectors.visit_get_for_user(user=request.user, pk=visit_id)
        except Http404:
            visit = None
    initial = {}
    if visit is not None:
        initial = {
            "agency": visit.agency_id,
            "received_on": visit.visited_on,
            "channel": Petition.Channel.VISIT,
            "type": visit.petition_type,
            "field": visit.field,
            "content": visit.content,
            "unit": visit.unit_id,
            "co_senders": max(0, visit.people_count - 1),
        }
        if not visit.is_denunciation:
            initial.update(
                sender_name=visit.visitor_name,
                sender_id_number=visit.visitor_id_number,
                sender_address=visit.visitor_address,
            )
    form = forms.PetitionForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = _without_late(form)
        upload = data.pop("files")
        data["co_senders"] = data.get("co_senders") or 0
        try:
            petition = services.petition_create(
                actor=request.user,
                visit=visit,
                files=[upload] if upload else [],
                late_reason=form.late_reason(),
                **data,
            )
        except ClosedPeriodError as exc:
            form.ask_late_reason(exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã vào sổ đơn số {petition.receipt_no}.")
            return redirect(reverse("petitions:petition_detail", args=[petition.pk]) + "#trung")
    return render(request, "petitions/petition_form.html", {"form": form, "visit": visit})


def _action_forms(request, petition, names, bound=None):
    # The variants of the rule row in force on the day the running step started (rules are dated).
    step = services.current_step(petition) if petition.current_step else None
    rule = (
        core_selectors.rules_in_force([step.rule], on=step.started_on).get(step.rule)
        if step is not None
        else None
    )
    variants = list((rule.variants or {}).keys()) if rule is not None else []
    built = {}
    for name in names:
        row = actions.get(name)
        if row is None or row.form is None:
            continue
        data = bound[1] if bound and bound[0] == name else None
        built[name] = row.form(data, petition=petition, variants=variants, prefix=name)
    return built


def _detail_context(request, petition, bound=None):
    from noichinh.petitions import documents

    allowed = permissions.petition_actions_for(request.user, petition)
    action_forms = _action_forms(request, petition, allowed, bound)
    proposals = []
    if "link_duplicate" in allowed and petition.duplicate_of_id is None:
        proposals = selectors.duplicate_proposals(user=request.user, petition=petition)
        services.record_sealed_matches(actor=request.user, petition=petition, proposals=proposals)
    chain = (
        selectors.forward_chain(petition)
        if (petition.forwarded_from_id or petition.outcome == "forward")
        else []
    )
    return {
        "petition": petition,
        "deadlines": petition.deadlines.all(),
        "current_step_name": core_selectors.rule_name(petition.current_step)
        if petition.current_step
        else "",
        "lodging": selectors.lodging_check(petition),
        "transitions": petition.transitions.select_related("actor"),
        "escalations": escalation.escalations_of_petition(petition),
        "attachments": petition.attachments.all(),
        "actions": [
            (a, actions.ACTIONS[a].label, action_forms[a]) for a in allowed if a in action_forms
        ],
        "can_link": "link_duplicate" in allowed,
        "proposals": proposals,
        "chain": chain,
        "days_left": selectors.days_left(petition),
        "badge": selectors.badge(petition),
        "docs": documents.available(petition),
        "show_sender": permissions.can_see_plain_sender(request.user, petition),
        "duplicates_of_this": permissions.visible_petitions(request.user)
        .filter(duplicate_of=petition)
        .select_related("agency"),
    }


@login_required
@require_GET
def petition_detail(request: HttpRequest, pk) -> HttpResponse:
    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    return render(request, "petitions/petition_detail.html", _detail_context(request, petition))


@login_required
@require_POST
def petition_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    row = actions.get(action)
    if row is None or row.form is None:
        raise Http404
    try:
        actions.refuse(request.user, petition, action)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("petitions:petition_detail", pk=petition.pk)
    form = _action_forms(request, petition, [action], bound=(action, request.POST))[action]
    if form.is_valid():
        try:
            actions.run(
                action,
                actor=request.user,
                petition=petition,
                values=form.values(),
                expected_version=_int_param_post(request, "version"),
                late_reason=form.late_reason() if row.dated else "",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi: {row.label}.")
            return redirect("petitions:petition_detail", pk=petition.pk)
    petition.refresh_from_db()
    ctx = _detail_context(request, petition, bound=(action, request.POST))
    ctx["actions"] = [(a, label, form if a == action else f) for a, label, f in ctx["actions"]]
    ctx["open_action"] = action
    return render(request, "petitions/petition_detail.html", ctx, status=400)


def _int_param_post(request, name):
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None


@login_required
@require_POST
def petition_link_duplicate(request: HttpRequest, pk) -> HttpResponse:
    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    try:
        actions.refuse(request.user, petition, "link_duplicate")
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("petitions:petition_detail", pk=petition.pk)
    if request.POST.get("unlink"):
        services.petition_unlink_duplicate(actor=request.user, petition=petition)
        messages.success(request, "Đã bỏ liên kết đơn trùng.")
        return redirect("petitions:petition_detail", pk=petition.pk)
    try:
        original = Petition.objects.get(pk=int(request.POST.get("original", "")))
        if not permissions.can_propose_as_duplicate(request.user, original):
            raise Petition.DoesNotExist
    except (Petition.DoesNotExist, ValueError):
        messages.error(request, "Không tìm thấy đơn được chọn.")
        return redirect("petitions:petition_detail", pk=petition.pk)
    try:
        services.petition_link_duplicate(
            actor=request.user,
            petition=petition,
            original=original,
            as_repeat=bool(request.POST.get("as_repeat")),
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"Đã đánh dấu trùng với đơn số {original.receipt_no}.")
    return redirect("petitions:petition_detail", pk=petition.pk)


@login_required
@require_GET
def petition_document(request: HttpRequest, pk, kind) -> HttpResponse:
    from noichinh.petitions import documents

    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    if kind not in documents.available(petition):
        raise Http404
    data = documents.render(petition, kind)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(petition, kind)}"'
    return response


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk) -> HttpResponse:
    try:
        att = Attachment.objects.select_related("petition").get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404
    if not permissions.can_view_petition(request.user, att.petition):
        raise Http404
    if att.is_identifying and att.petition.is_denunciation:
        # A denouncer's identifying file opens only through the logged reveal (portal area).
        return redirect("portal:attachment", pk=att.pk)
    permissions.require_open_attachment(request.user, att)
    return FileResponse(
        io.BytesIO(core_files.read(att.file)), as_attachment=True, filename=att.name
    )


@login_required
@require_GET
def due_view(request: HttpRequest) -> HttpResponse:
    within = max(0, min(60, _int_param(request, "within", 5) or 5))
    rows = selectors.due_by_agency(user=request.user, within=within)
    return render(
        request,
        "petitions/due.html",
        {
            "rows": rows,
            "within": within,
            "total_overdue": sum(r["overdue"] for r in rows),
            "total_soon": sum(r["soon"] for r in rows),
        },
    )


def _quarter_of(day: dt.date):
    q = (day.month - 1) // 3
    start = dt.date(day.year, q * 3 + 1, 1)
    end = (dt.date(day.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)) - dt.timedelta(days=1)
    return start, end


@replica_reads
@login_required
@require_GET
def figures_view(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    start = _date_param(request, "from", errors)
    end = _date_param(request, "to", errors)
    if not start or not end:
        start, end = _quarter_of(clock.today())
    if end < start:
        errors.append("Ngày kết thúc trước ngày bắt đầu: đã đổi chỗ hai ngày.")
        start, end = end, start
    agency_id = _int_param(request, "agency")
    agency_ids = selectors.agency_subtree_filter(agency_id) if agency_id else None
    # Counts only: the secretariat sees the figures its bloc reports carry (the province's);
    # the lists behind each figure keep their own access rules.
    visible = permissions.figure_agency_ids(request.user)
    if visible is not None:
        agency_ids = visible if agency_ids is None else (agency_ids & visible)
    unit_id = _int_param(request, "unit")
    unit_ids = selectors.unit_filter(unit_id) if unit_id else None
    rows = []
    base = {"from": vn_date(start), "to": vn_date(end)}
    if agency_id:
        base["agency"] = agency_id
    if unit_id:
        base["unit"] = unit_id
    from urllib.parse import urlencode

    # All figures in one pass (a grouped query per table), not one query per figure.
    values = figures.compute_all(agency_ids=agency_ids, unit_ids=unit_ids, start=start, end=end)
    for code, label, list_name, kw in figures.FIGURE_LIST:
        value = values[code]
        params = dict(base)
        params.update(kw)
        if "petition_type" in kw:
            params["type"] = params.pop("petition_type")
        if list_name == "visit":
            url = reverse("petitions:visit_list") + "?" + urlencode(params)
        elif list_name == "resolved":
            params["resolved_from"], params["resolved_to"] = params.pop("from"), params.pop("to")
            url = reverse("petitions:petition_list") + "?" + urlencode(params)
        else:
            url = reverse("petitions:petition_list") + "?" + urlencode(params)
        rows.append({"code": code, "label": label, "value": value, "url": url})
    return render(
        request,
        "petitions/figures.html",
        {
            "rows": rows,
            "start": start,
            "end": end,
            "errors": errors,
            "agencies": _visible_agencies(request.user),
            "agency_id": agency_id,
            "units": AreaUnit.objects.order_by("level", "name"),
            "unit_id": unit_id,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    qs = Notification.objects.filter(user=request.user).select_related("petition")
    if request.GET.get("show") == "unread":
        qs = qs.filter(read_at__isnull=True)
    if request.method == "POST":
        services.notification_mark_read(
            actor=request.user,
            notification_ids=qs.filter(read_at__isnull=True).values_list("pk", flat=True),
        )
        messages.success(request, "Đã đánh dấu đã đọc tất cả thông báo.")
        return redirect("petitions:notifications")
    page_obj = paginate(request, qs)
    # A notice may be about a petition the reader may not open (a supervising body told of
    # another agency's late petition): the message stands alone, linked only when visible.
    ids = {n.petition_id for n in page_obj if n.petition_id}
    visible = set(
        permissions.visible_petitions(request.user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return render(
        request,
        "petitions/notifications.html",
        {
            "page_obj": page_obj,
            "visible": visible,
            "show": request.GET.get("show", ""),
            "unread": services.notification_unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk) -> HttpResponse:
    from django.utils.http import url_has_allowed_host_and_scheme

    services.notification_mark_read(actor=request.user, notification_ids=[pk])
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("petitions:notifications")
    return redirect(target)


@login_required
@require_GET
def notification_count(request: HttpRequest) -> HttpResponse:
    """The header's unread count (refreshed by htmx)."""
    count = services.notification_unread_count(user=request.user)
    return render(request, "petitions/_notification_count.html", {"unread": count})


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    pref = digest.preference_for(request.user)
    form = forms.NotificationPreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_update(actor=request.user, **form.cleaned_data)
        messages.success(request, "Đã lưu cài đặt nhận thông báo qua thư điện tử.")
        return redirect("petitions:notification_settings")
    return render(
        request,
        "petitions/notification_settings.html",
        {"form": form, "has_email": bool(request.user.email)},
    )


# --- import ----------------------------------------------------------------------------------

_IMPORT_DIR = "imports"


def _import_path(token: str) -> Path:
    if not token.isalnum():
        raise Http404
    return Path(settings.MEDIA_ROOT) / _IMPORT_DIR / token


def _keep_table(token: str, header: list[str], rows: list[list[str]]) -> None:
    """The rows read at upload, kept (sealed, beside the upload) for the preview and the
    confirmation: reading an XLSX again cost 5.9 s per 20,000 rows each time (issue 21)."""
    import json

    from noichinh.core import files

    data = json.dumps([header, rows], ensure_ascii=False).encode("utf-8")
    _import_path(token).with_name(f"{token}.table").write_bytes(files.encrypt(data))


def _kept_table(state: dict) -> tuple[list[str], list[list[str]]]:
    """The rows kept at upload; the upload is read again only if they are gone."""
    import json

    from noichinh.core import files
    from noichinh.petitions import importing

    kept = _import_path(state["token"]).with_name(f"{state['token']}.table")
    try:
        header, rows = json.loads(files.decrypt(kept.read_bytes()).decode("utf-8"))
    except (OSError, ValueError, files.sealed.SealError):
        return importing.read_table(_import_path(state["token"]).read_bytes(), state["name"])
    return header, rows


def _forget_import(token: str) -> None:
    _import_path(token).unlink(missing_ok=True)
    _import_path(token).with_name(f"{token}.table").unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    from noichinh.petitions import importing

    permissions.require_import_petitions(request.user)
    stage = request.POST.get("stage", "upload")
    if request.method == "POST" and stage == "upload":
        form = forms.ImportUploadForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                header, rows = importing.read_table(data, upload.name)
            except importing.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                token = secrets.token_hex(16)
                path = _import_path(token)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                _keep_table(token, header, rows)
                request.session["petitions_import"] = {
                    "token": token,
                    "name": upload.name,
                    "agency": form.cleaned_data["agency"].pk,
                    "kind": form.cleaned_data["kind"],
                }
                kind = form.cleaned_data["kind"]
                mapping = importing.propose_mapping(kind, header)
                return _import_preview(
                    request, kind, header, rows, mapping, form.cleaned_data["agency"]
                )
        return render(request, "petitions/import.html", {"form": form})
    if request.method == "POST" and stage in ("preview", "confirm"):
        state = request.session.get("petitions_import")
        if not state:
            messages.error(request, "Phiên nhập đã hết hạn, hãy tải tệp lên lại.")
            return redirect("petitions:import")
        agency = Agency.objects.filter(pk=state.get("agency")).first()
        if agency is None:
            request.session.pop("petitions_import", None)
            return redirect("petitions:import")
        permissions.require_import_petitions(request.user, agency)
        try:
            header, rows = _kept_table(state)
        except (OSError, importing.ImportFileError):
            request.session.pop("petitions_import", None)
            messages.error(request, "Không còn tệp đã tải lên, hãy tải tệp lên lại.")
            return redirect("petitions:import")
        mapping = {}
        for target in importing.columns_for(state["kind"]):
            try:
                idx = int(request.POST.get(f"map_{target}", ""))
                mapping[target] = idx if 0 <= idx < len(header) else None
            except ValueError:
                mapping[target] = None
        if stage == "preview":
            return _import_preview(request, state["kind"], header, rows, mapping, agency)
        parsed = importing.parse_rows(state["kind"], rows, mapping, agency)
        try:
            count = importing.import_rows(
                actor=request.user,
                kind=state["kind"],
                agency=agency,
                parsed=parsed,
                late_reason=request.POST.get("late_reason", ""),
            )
        except ValidationError as exc:
            return _import_preview(
                request, state["kind"], header, rows, mapping, agency, extra_errors=exc.messages
            )
        _forget_import(state["token"])
        del request.session["petitions_import"]
        messages.success(request, f"Đã nhập {count} dòng vào sổ của {agency}.")
        target = "petitions:visit_list" if state["kind"] == "visit" else "petitions:petition_list"
        return redirect(reverse(target) + f"?agency={agency.pk}")
    return render(
        request, "petitions/import.html", {"form": forms.ImportUploadForm(user=request.user)}
    )


def _import_preview(request, kind, header, rows, mapping, agency, extra_errors=()):
    from noichinh.petitions import importing

    parsed = importing.parse_rows(kind, rows, mapping, agency)
    cols = importing.columns_for(kind)
    targets = [
        {"name": t, "label": label, "required": req, "selected": mapping.get(t)}
        for t, (label, req, _a) in cols.items()
    ]
    errors = [f"Dòng {n}: {m}" for n, m in parsed.errors] + list(extra_errors)
    return render(
        request,
        "petitions/import_preview.html",
        {
            "header": list(enumerate(header)),
            "targets": targets,
            "preview": rows[:20],
            "total": len(rows),
            "valid": len(parsed.rows),
            "errors": errors,
            "agency": agency,
            "kind": kind,
        },
        status=400 if extra_errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def petition_document_signed(request: HttpRequest, pk, kind) -> HttpResponse:
    """A notice's signed copies, and its signing form for the head of the agency."""
    from noichinh.core import views as core_views
    from noichinh.core.models import SignedPdf
    from noichinh.petitions import documents

    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    if kind not in documents.available(petition):
        raise Http404
    return core_views.signed_copies_page(
        request,
        title=f"{documents.KINDS[kind][0].capitalize()} về đơn số {petition.receipt_no}",
        kind=SignedPdf.PETITION_NOTICE,
        object_id=petition.pk,
        variant=kind,
        can_sign=permissions.can_sign_petition_notice(request.user, petition),
        signer_name=request.user.full_name
        if permissions.can_sign_petition_notice(request.user, petition)
        else "",
        sign=lambda key: services.petition_notice_sign(
            actor=request.user, petition=petition, kind=kind, key=key
        ),
        back_url=reverse("petitions:petition_detail", args=[petition.pk]),
        file_url=lambda copy: reverse(
            "petitions:petition_document_signed_file", args=[petition.pk, kind, copy.pk]
        ),
    )


@login_required
@require_GET
def petition_document_signed_file(request: HttpRequest, pk, kind, signed_pk) -> HttpResponse:
    from noichinh.core import views as core_views
    from noichinh.core.models import SignedPdf

    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    return core_views.signed_copy_response(
        kind=SignedPdf.PETITION_NOTICE,
        object_id=petition.pk,
        variant=kind,
        pk=signed_pk,
        filename=f"van-ban-don-{petition.pk}-{kind}-da-ky-{signed_pk}.pdf",
    )
