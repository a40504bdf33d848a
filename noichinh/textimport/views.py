"""The import page: paste or upload a text, review the proposed draft, confirm.

Nothing is stored before the confirmation; the review form carries the text and the
spans itself. Only the secretariat and the administrator may import.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from noichinh.org import permissions

from . import services
from .extract import ExtractionError
from .forms import Review, SourceForm, period_label
from .highlight import highlight

# More rows than this would not fit one review page (nor Django's limit on form fields).
MAX_REVIEW_ITEMS = 120


@login_required
def import_page(request):
    if not permissions.can_import_text(request.user):
        permissions.deny(permissions.IMPORT_DENIED_MESSAGE)
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
    return _review_page(request, Review(draft=draft, text=text))


def _confirm(request, data):
    review = Review(data)
    if review.is_valid():
        draft = review.to_draft()
        try:
            conference = services.import_confirm(actor=request.user, draft=draft)
        except ValidationError as exc:
            _show_service_errors(review.event, exc)
        else:
            messages.success(request, "Đã tạo hội nghị và các số liệu, nhiệm vụ từ văn bản.")
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
_SERVICE_FIELDS = {"date": "date", "blocs": "blocs", "period_code": "period", "period": "period"}


def _show_service_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.error_dict.items():
        field = _SERVICE_FIELDS.get(key)
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _review_page(request, review: Review, status=200):
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
