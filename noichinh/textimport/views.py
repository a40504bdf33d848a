"""The import page: paste or upload a text, review the proposed draft, confirm.

Nothing is stored before the confirmation; the review form carries the text and the
spans itself. Only the secretariat and the administrator may import.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from noichinh.briefings.forms import WithdrawForm
from noichinh.core.forms import add_service_errors
from noichinh.textimport import permissions

from . import selectors, services
from .extract import ExtractionError
from .forms import Review, SourceForm, period_label
from .highlight import highlight
from .models import ImportRecord

# More rows than this would not fit one review page (nor Django's limit on form fields).
MAX_REVIEW_ITEMS = 120


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    permissions.require_import_text(request.user)
    if request.method != "POST":
        return _source_page(request, SourceForm())
    try:
        data, files = request.POST, request.FILES
    except (RequestDataTooBig, TooManyFieldsSent):
        form = SourceForm()
        form.add_error(
            None, "Nội dung gửi lên quá lớn: văn bản tối đa 1 MB, tệp .docx tối đa 5 MB."
        )
        return _source_page(request, form, status=400)
    if data.get("action") == "confirm":
        return _confirm(request, data)
    return _extract(request, data, files)


def _source_page(request, form, status=200):
    return render(request, "textimport/import.html", {"form": form}, status=status)


def _extract(request, data, files):
    form = SourceForm(data, files)
    if not form.is_valid():
        return _source_page(request, form)
    text = form.cleaned_data["source"]
    try:
        draft = services.draft_for_text(
            text=text, reference_date=form.cleaned_data.get("reference_date")
        )
    except ExtractionError as exc:
        form.add_error(None, exc.message_vi)
        return _source_page(request, form)
    items = len(draft.indicators) + len(draft.tasks) + len(draft.awards)
    if items > MAX_REVIEW_ITEMS:
        form.add_error(
            None,
            f"Văn bản có quá nhiều mục để rà soát trên một trang ({len(draft.indicators)} số liệu, "
            f"{len(draft.tasks)} nhiệm vụ): hãy tách thành các phần nhỏ hơn "
            f"(tối đa {MAX_REVIEW_ITEMS} mục).",
        )
        return _source_page(request, form)
    review = Review(draft=draft, text=text)
    review.event.initial["token"] = services.new_token()
    return _review_page(request, review)


def _confirm(request, data):
    review = Review(data)
    if review.is_valid():
        draft = review.to_draft()
        try:
            conference, done_before = services.import_confirm(
                actor=request.user, draft=draft, late_reason=review.event.late_reason()
            )
        except ValidationError as exc:
            add_service_errors(review.event, exc, fields=_SERVICE_FIELDS)
        else:
            if done_before:
                messages.info(request, "Bản nháp này đã được xác nhận trước đó: không tạo thêm gì.")
            else:
                messages.success(
                    request, "Đã ghi nhận hội nghị và các số liệu, nhiệm vụ từ văn bản."
                )
            return redirect(conference_url(conference))
    return _review_page(request, review)


def conference_url(conference) -> str:
    """The created conference's page (the briefings app names it)."""
    if hasattr(conference, "get_absolute_url"):
        return conference.get_absolute_url()
    for name, args in (
        ("briefings:briefing_detail", [conference.pk]),
        ("briefings:conference_detail", [conference.pk]),
        ("briefings:briefing_list", []),
    ):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return reverse("home")


# Fields of the briefings service that are fields of the event form here.
_SERVICE_FIELDS = {
    "reason": "reason",
    "date": "date",
    "blocs": "blocs",
    "period_code": "period",
    "period": "period",
    "conference_choice": "conference_reason",
}


def _review_page(request, review: Review, status=200, reopened_from=None):
    services.propose_matches(review)
    text = review.text
    period = review.event["period"].value()
    return render(
        request,
        "textimport/review.html",
        {
            "review": review,
            "event": review.event,
            "source_html": highlight(text, review.marks()),
            "period_label": period_label((period or "").strip().upper()),
            "reopened_from": reopened_from,
            "warnings": [
                {
                    "message": w.message,
                    "quote": text[w.span[0] : w.span[1]] if w.span else "",
                }
                for w in review.warnings
            ],
        },
        status=status,
    )


# --- the imports made, and undoing one --------------------------------------------------


def _counts(record) -> dict:
    ids = record.created_ids or {}
    return {key: len(ids.get(key, [])) for key in ("conference", "figure", "task", "award")}


@login_required
@require_safe
def import_history(request: HttpRequest) -> HttpResponse:
    records = list(selectors.import_list(user=request.user)[:200])
    latest: set[int] = set()
    for record in records:  # newest first: the first live one of a conference is its latest
        record.counts = _counts(record)
        record.reopenable = (
            record.withdrawn_at is None
            and record.conference is not None
            and record.conference.withdrawn_at is None
            and record.conference_id not in latest
        )
        if record.reopenable:
            latest.add(record.conference_id)
    return render(
        request,
        "textimport/history.html",
        {"records": records, "can_restore": permissions.is_admin(request.user)},
    )


@login_required
@require_safe
def import_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page of a confirmed import, reopened from the history: its text
    highlighted beside the draft as confirmed, each item set to update the record it made;
    confirming again (with a new token) corrects the register, never doubles it."""
    record = selectors.import_get(user=request.user, pk=pk)
    if (
        record.withdrawn_at is not None
        or record.conference is None
        or (record.conference.withdrawn_at is not None)
    ):
        messages.error(
            request,
            "Lần nhập này đã được thu hồi (hoặc hội nghị của nó đã được thu hồi): "
            "không mở lại được.",
        )
        return redirect("textimport:history")
    newest = (
        ImportRecord.objects.filter(conference_id=record.conference_id)
        .order_by("-created_at", "-id")
        .first()
    )
    if newest is not None and newest.pk != record.pk:
        # Reopening an older draft would undo the corrections confirmed since.
        messages.info(request, "Hội nghị này đã được nhập lại sau đó: mở bản nháp mới nhất.")
        return redirect("textimport:reopen", pk=newest.pk)
    review = Review.from_record(record)
    review.event.initial["token"] = services.new_token()
    return _review_page(request, review, reopened_from=record)


@login_required
@require_http_methods(["GET", "POST"])
def import_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.import_get(user=request.user, pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_withdraw(
                actor=request.user, record=record, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thu hồi những gì lần nhập này đã tạo.")
            return redirect("textimport:history")
    return render(
        request,
        "textimport/withdraw.html",
        {"form": form, "record": record, "counts": _counts(record)},
    )


@login_required
@require_POST
def import_restore(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.import_get(user=request.user, pk=pk)
    try:
        services.import_restore(actor=request.user, record=record)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã khôi phục những gì lần nhập này đã tạo.")
    return redirect("textimport:history")
