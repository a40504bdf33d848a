"""Views of the public portal (no account) and of the officer side (answers, reveal,
protection). Thin: parse, call a service or selector, render."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from noichinh.core import sealed
from noichinh.core.forms import add_service_errors
from noichinh.core.listing import paginate
from noichinh.org.models import Agency
from noichinh.petitions import permissions as petitions_permissions
from noichinh.petitions.models import Attachment, Petition
from noichinh.portal import files as portal_files
from noichinh.portal import permissions, ratelimit, retention, selectors, services
from noichinh.portal import receipt as receipt_doc
from noichinh.portal.forms import (
    AnswerForm,
    CitizenProtectionForm,
    FeedbackForm,
    LookupForm,
    ProtectionCreateForm,
    ProtectionDecideForm,
    ProtectionDueForm,
    ProtectionEndForm,
    ProtectionFollowUpForm,
    ReplyForm,
    RevealForm,
    SubmitForm,
)
from noichinh.portal.models import ProtectionRequest

SESSION_PID = "portal_petition"
SESSION_EXP = "portal_expires"
SESSION_NEW_CODE = "portal_new_code"
# The code again, sealed, for the PDF receipt while the session lasts (the page shows it once).
SESSION_RECEIPT_CODE = "portal_receipt_code"
ACCESS_SECONDS = 30 * 60
ATTACHMENT_TOKEN_SALT = "portal.attachment"  # noqa: S105 - a signing salt, not a secret
ATTACHMENT_TOKEN_AGE = 15 * 60
WRONG_CODE = "Mã tra cứu không đúng hoặc không tồn tại. Kiểm tra lại mã đã được cấp khi gửi đơn."
SENSITIVE = (
    "sender_name",
    "sender_id_number",
    "sender_address",
    "sender_phone",
    "sender_email",
    "people",
    "code",
    "reason",
)


def _too_many(request):
    return render(request, "portal/rate_limited.html", status=429)


# --- public ----------------------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@never_cache
@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SubmitForm(request.POST, request.FILES)
        if not ratelimit.hit("submit_ip", ratelimit.client_address(request)):
            return _too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                petition, code = services.portal_submit(
                    agency=data["agency"],
                    type=data["type"],
                    content=data["content"],
                    summary=data["summary"],
                    field=data["field"],
                    sender_name=data["sender_name"],
                    sender_id_number=data["sender_id_number"],
                    sender_address=data["sender_address"],
                    sender_phone=data["sender_phone"],
                    sender_email=data["sender_email"],
                    is_anonymous=data["is_anonymous"],
                    files=data["files"],
                    submission_key=data["submission_key"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                request.session.cycle_key()
                request.session[SESSION_NEW_CODE] = code
                request.session[SESSION_PID] = petition.pk
                request.session[SESSION_EXP] = time.time() + ACCESS_SECONDS
                return redirect("portal:receipt")
    else:
        form = SubmitForm(initial={"type": request.GET.get("loai", "")})
    limits = {
        "files": portal_files.max_files(),
        "mb": f"{portal_files.max_file_bytes() / (1024 * 1024):g}".replace(".", ","),
        "types": portal_files.allowed_label(),
    }
    return render(request, "portal/submit.html", {"form": form, "limits": limits})


@never_cache
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    code = request.session.pop(SESSION_NEW_CODE, None)
    petition = _session_petition(request)
    if not code or petition is None:
        return redirect("portal:lookup")
    request.session[SESSION_RECEIPT_CODE] = sealed.seal(code)
    return render(request, "portal/receipt.html", receipt_doc.context(petition, code))


@never_cache
@require_GET
def receipt_pdf(request: HttpRequest) -> HttpResponse:
    """The receipt as a PDF, while the session that sent the petition lasts."""
    petition = _session_petition(request)
    code = sealed.unseal(request.session.get(SESSION_RECEIPT_CODE, ""))
    if petition is None or not code:
        messages.info(request, "Giấy biên nhận chỉ tải được ngay sau khi gửi đơn.")
        return redirect("portal:lookup")
    response = HttpResponse(receipt_doc.pdf(petition, code), content_type="application/pdf")
    name = f"bien-nhan-don-{petition.receipt_no.replace('/', '-')}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.hit("lookup_ip", ratelimit.client_address(request)):
            return _too_many(request)
        code = request.POST.get("code", "")
        if not ratelimit.hit("code", "code:" + code.strip()[:200]):
            return _too_many(request)
        petition_id = services.petition_id_for_code(code)
        if petition_id is not None and form.is_valid():
            request.session.cycle_key()
            request.session[SESSION_PID] = petition_id
            request.session[SESSION_EXP] = time.time() + ACCESS_SECONDS
            return redirect("portal:status")
        form = LookupForm()
        form.is_bound = False
        return render(request, "portal/lookup.html", {"form": form, "error": WRONG_CODE})
    return render(request, "portal/lookup.html", {"form": form})


def _session_petition(request) -> Petition | None:
    petition_id = request.session.get(SESSION_PID)
    if not petition_id or request.session.get(SESSION_EXP, 0) < time.time():
        return None
    return Petition.objects.filter(pk=petition_id).select_related("agency").first()


def _status_context(request, petition, **extra):
    view = selectors.citizen_view(petition.pk)
    context = {
        "view": view,
        "petition": petition,
        "reply_form": ReplyForm(),
        "protection_form": CitizenProtectionForm(),
        "feedback_form": FeedbackForm(
            initial={
                "satisfied": "1" if view.feedback.satisfied else "0",
                "comment": view.feedback.comment,
            }
            if view.feedback
            else None
        ),
        "can_ask_protection": petition.is_denunciation and not petition.is_anonymous,
        "code_expires_on": retention.code_expires_on(petition),
    }
    context.update(extra)
    return context


@never_cache
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    petition = _session_petition(request)
    if petition is None:
        messages.info(request, "Nhập mã tra cứu để xem tình trạng đơn.")
        return redirect("portal:lookup")
    return render(request, "portal/status.html", _status_context(request, petition))


def _citizen_post_guard(request, petition):
    if petition is None:
        return redirect("portal:lookup")
    if not ratelimit.hit("reply_ip", ratelimit.client_address(request)) or not ratelimit.hit(
        "code", f"petition:{petition.pk}"
    ):
        return _too_many(request)
    return None


@never_cache
@require_POST
@sensitive_post_parameters("text", "people", "grounds")
def reply(request: HttpRequest) -> HttpResponse:
    petition = _session_petition(request)
    blocked = _citizen_post_guard(request, petition)
    if blocked:
        return blocked
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.portal_reply(
                petition=petition, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã gửi phản hồi tới cơ quan xử lý đơn.")
            return redirect("portal:status")
    return render(
        request, "portal/status.html", _status_context(request, petition, reply_form=form)
    )


@never_cache
@require_POST
@sensitive_post_parameters("text", "people", "grounds")
def citizen_protection(request: HttpRequest) -> HttpResponse:
    petition = _session_petition(request)
    blocked = _citizen_post_guard(request, petition)
    if blocked:
        return blocked
    form = CitizenProtectionForm(request.POST)
    if form.is_valid():
        try:
            services.protection_request_create(
                actor=None,
                petition=selectors.current_handler(petition),
                measures=form.cleaned_data["measures"],
                grounds=form.cleaned_data["grounds"],
                people=form.cleaned_data["people"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã gửi đề nghị bảo vệ tới cơ quan giải quyết tố cáo.")
            return redirect("portal:status")
    return render(
        request, "portal/status.html", _status_context(request, petition, protection_form=form)
    )


@never_cache
@require_POST
@sensitive_post_parameters("comment")
def feedback(request: HttpRequest) -> HttpResponse:
    """After an answer: the sender says whether the matter was resolved."""
    petition = _session_petition(request)
    blocked = _citizen_post_guard(request, petition)
    if blocked:
        return blocked
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.citizen_feedback_give(
                petition=petition,
                satisfied=form.cleaned_data["satisfied"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi nhận đánh giá của bạn. Xin cảm ơn.")
            return redirect("portal:status")
    return render(
        request, "portal/status.html", _status_context(request, petition, feedback_form=form)
    )


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    for key in (SESSION_PID, SESSION_EXP, SESSION_NEW_CODE, SESSION_RECEIPT_CODE):
        request.session.pop(key, None)
    request.session.cycle_key()
    return redirect("portal:home")


# --- officer side ----------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def petition_panel(request: HttpRequest, pk) -> HttpResponse:
    """The portal side of a petition: messages with the sender, receipt code, reveal,
    protection requests. Linked from the petition page (petitions:petition_detail)."""
    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    user = request.user
    can_answer = permissions.can_answer_via_portal(user, petition)
    form = AnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST":
        permissions.require_answer_via_portal(user, petition)
        if form.is_valid():
            try:
                services.portal_answer(
                    actor=user,
                    petition=petition,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã gửi tới người gửi đơn qua cổng trực tuyến.")
                return redirect("portal:petition_panel", pk=petition.pk)
    context = {
        "petition": petition,
        "messages_list": selectors.messages_for([petition]),
        "form": form,
        "has_code": hasattr(petition, "portal_access"),
        "can_issue_code": permissions.can_issue_portal_code(user, petition),
        "can_reveal": permissions.can_reveal_identity(user, petition),
        "can_view_log": permissions.can_view_reveal_log(user, petition),
        "reveals": selectors.with_grants(selectors.reveal_log([petition]), [petition])
        if permissions.can_view_reveal_log(user, petition)
        else [],
        "protection": petition.protection_requests.all() if petition.is_denunciation else [],
        "can_record_protection": permissions.can_record_protection(user, petition),
        "notices": selectors.notices_for(petition),
    }
    return render(request, "portal/petition_panel.html", context)


@login_required
@never_cache
@require_POST
def issue_code(request: HttpRequest, pk) -> HttpResponse:
    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    code = services.portal_issue_code(actor=request.user, petition=petition)
    return render(request, "portal/code_issued.html", {"petition": petition, "code": code})


@login_required
@never_cache
@sensitive_post_parameters("reason")
@require_http_methods(["GET", "POST"])
def reveal(request: HttpRequest, pk) -> HttpResponse:
    """Reveal a denouncer's identity: a reason each time, one record, logged."""
    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    permissions.require_reveal_identity(request.user, petition)
    form = RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.reveal_identity(
                actor=request.user,
                petition=petition,
                reason=form.cleaned_data["reason"],
                ground=form.cleaned_data["ground"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            attachments = [
                {
                    "attachment": att,
                    "token": signing.dumps(
                        {"a": att.pk, "u": request.user.pk, "r": result["entry"].pk},
                        salt=ATTACHMENT_TOKEN_SALT,
                    ),
                }
                for att in petition.attachments.filter(is_identifying=True)
            ]
            response = render(
                request,
                "portal/revealed.html",
                {"petition": petition, "result": result, "attachments": attachments},
            )
            response["Cache-Control"] = "no-store, private"
            return response
    return render(request, "portal/reveal.html", {"petition": petition, "form": form})


@login_required
@never_cache
@require_GET
def attachment_download(request: HttpRequest, pk) -> HttpResponse:
    """Serve an attachment after the permission check; an identifying one only with the
    token handed out by a reveal (so each opening belongs to a logged reveal)."""
    attachment = get_object_or_404(Attachment.objects.select_related("petition"), pk=pk)
    petition = attachment.petition
    if not petitions_permissions.can_view_petition(request.user, petition):
        raise Http404
    reveal_entry = None
    if attachment.is_identifying and petition.is_denunciation:
        permissions.require_download_attachment(request.user, attachment)
        try:
            token = signing.loads(
                request.GET.get("t", ""), salt=ATTACHMENT_TOKEN_SALT, max_age=ATTACHMENT_TOKEN_AGE
            )
        except signing.BadSignature:
            messages.error(request, "Mở tệp nhận diện phải qua bước xem danh tính (kèm lý do).")
            return redirect("portal:reveal", pk=petition.pk)
        if token.get("a") != attachment.pk or token.get("u") != request.user.pk:
            permissions.deny("Liên kết mở tệp không hợp lệ.")
        reveal_entry = token.get("r")
    data = services.reveal_attachment(
        actor=request.user, attachment=attachment, reveal_entry_id=reveal_entry
    )
    content_type = attachment.content_type
    if content_type not in {ct for ct, _ in portal_files.ALLOWED.values()}:
        content_type = "application/octet-stream"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_rfc5987(attachment.name)}"
    response["Cache-Control"] = "no-store, private"
    return response


def _rfc5987(name: str) -> str:
    from urllib.parse import quote

    return quote(name or "tep", safe="")


# --- protection requests ---------------------------------------------------------------------


@login_required
@require_GET
def protection_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.ProtectionFilters(
        q=request.GET.get("q", "").strip(),
        state=request.GET.get("state", ""),
        due=request.GET.get("due", ""),
    )
    try:
        filters.agency_id = int(request.GET.get("agency") or 0) or None
    except ValueError:
        filters.agency_id = None
    page_obj = paginate(request, selectors.protection_list(user=request.user, filters=filters))
    ids = permissions.visible_agency_ids(request.user)
    agencies = Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)
    return render(
        request,
        "portal/protection_list.html",
        {
            "page_obj": page_obj,
            "filters": filters,
            "states": ProtectionRequest.State.choices,
            "agencies": agencies.order_by("name"),
        },
    )


@login_required
@sensitive_post_parameters("people")
@require_http_methods(["GET", "POST"])
def protection_create(request: HttpRequest, pk) -> HttpResponse:
    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    permissions.require_record_protection(request.user, petition)
    form = ProtectionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = services.protection_request_create(
                actor=request.user,
                petition=petition,
                measures=data["measures"],
                grounds=data["grounds"],
                people=data["people"],
                requested_on=data["requested_on"],
                decision_due=data["decision_due"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi nhận đề nghị bảo vệ.")
            return redirect("portal:protection_detail", pk=req.pk)
    return render(request, "portal/protection_create.html", {"petition": petition, "form": form})


_PROTECTION_ACTIONS = {
    "decide": ProtectionDecideForm,
    "follow_up": ProtectionFollowUpForm,
    "due": ProtectionDueForm,
    "end": ProtectionEndForm,
}


@login_required
@require_http_methods(["GET", "POST"])
def protection_detail(request: HttpRequest, pk) -> HttpResponse:
    req = selectors.protection_get_for_user(user=request.user, pk=pk)
    user = request.user
    forms = {
        "decide": ProtectionDecideForm(prefix="decide")
        if permissions.can_decide_protection(user, req) and req.state == req.State.REQUESTED
        else None,
        "follow_up": ProtectionFollowUpForm(prefix="follow_up")
        if permissions.can_follow_up_protection(user, req) and req.state == req.State.APPLIED
        else None,
        "due": ProtectionDueForm(prefix="due")
        if permissions.can_follow_up_protection(user, req)
        and req.state in (req.State.REQUESTED, req.State.APPLIED)
        else None,
        "end": ProtectionEndForm(prefix="end")
        if permissions.can_decide_protection(user, req) and req.state == req.State.APPLIED
        else None,
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in _PROTECTION_ACTIONS or forms.get(action) is None:
            permissions.deny("Bạn không thể thực hiện thao tác này với đề nghị bảo vệ.")
        form = _PROTECTION_ACTIONS[action](request.POST, prefix=action)
        forms[action] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "decide":
                    services.protection_decide(
                        actor=user,
                        request=req,
                        apply=data["apply"],
                        decided_on=data["decided_on"],
                        doc_no=data["doc_no"],
                        note=data["note"],
                        measures_applied=data["measures_applied"],
                        protecting_agency=data["protecting_agency"],
                        applied_until=data["applied_until"],
                        follow_up_due=data["follow_up_due"],
                        expected_version=req.version,
                    )
                elif action == "follow_up":
                    services.protection_follow_up(
                        actor=user,
                        request=req,
                        on=data["on"],
                        note=data["note"],
                        follow_up_due=data["follow_up_due"],
                    )
                elif action == "due":
                    services.protection_set_due(
                        actor=user,
                        request=req,
                        reason=data["reason"],
                        decision_due=data["decision_due"],
                        follow_up_due=data["follow_up_due"],
                    )
                else:
                    services.protection_end(
                        actor=user, request=req, on=data["on"], note=data["note"]
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã cập nhật đề nghị bảo vệ.")
                return redirect("portal:protection_detail", pk=req.pk)
    return render(
        request,
        "portal/protection_detail.html",
        {
            "req": req,
            "forms": forms,
            "panel_url": reverse("portal:petition_panel", args=[req.petition_id]),
        },
    )


# --- the senders' word on the answers ---------------------------------------------------------


@login_required
@require_GET
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Answers the senders marked (by default: not satisfied), of the petitions one may see."""
    filters = selectors.FeedbackFilters(satisfied=request.GET.get("danh_gia", "0"))
    try:
        filters.agency_id = int(request.GET.get("agency") or 0) or None
    except ValueError:
        filters.agency_id = None
    page_obj = paginate(request, selectors.feedback_list(user=request.user, filters=filters))
    ids = permissions.visible_agency_ids(request.user)
    agencies = Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)
    return render(
        request,
        "portal/feedback_list.html",
        {"page_obj": page_obj, "filters": filters, "agencies": agencies.order_by("name")},
    )
