"""Forms of the import page: the source (paste or upload) and the draft to correct.

The review form round-trips the text itself (a hidden field) and each item's source span,
so a page re-rendered after an error shows the same highlights and everything the user
typed, without storing anything before the confirmation.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from noichinh.core import clock
from noichinh.core.formats import parse_vn_date
from noichinh.core.forms import CountField, LateReasonForm, VnDateField
from noichinh.org.models import AGENCY_ORDERING, Agency

from . import gazetteer as gz
from .catalogue import CATALOGUE
from .extract import MAX_TEXT_BYTES, Draft, ExtractionError
from .matching import award_context
from .numbers import format_vn_number, parse_vn_number
from .sources import normalise_newlines, read_upload

EVENT_TYPES = [
    ("briefing", "Giao ban"),
    ("review", "Sơ kết"),
    ("annual_summary", "Tổng kết năm"),
    ("conference", "Hội nghị khác"),
    # Not meetings (issue 18): a draft of these has no chair; confirmed, it is kept as an
    # event of its own kind, without a chair.
    ("report", "Báo cáo, bài tổng hợp số liệu"),
    ("press_release", "Họp báo, thông cáo báo chí"),
    ("award_ceremony", "Lễ khen thưởng, biểu dương"),
]
BLOC_CHOICES = [(code, name) for code, _pattern, name in gz.BLOCS]
STEERING_COMMITTEE_CHOICES = [
    ("", "— Không —"),
    ("bcd_138", "Ban Chỉ đạo 138 (phòng, chống tội phạm)"),
    ("bcd_389", "Ban Chỉ đạo 389 (chống buôn lậu, gian lận thương mại)"),
    ("bcd_ccpt", "Ban Chỉ đạo cải cách tư pháp"),
    ("bcd_pctn", "Ban Chỉ đạo phòng, chống tham nhũng"),
    ("bcd_35", "Ban Chỉ đạo 35 (bảo vệ nền tảng tư tưởng của Đảng)"),
]
QUALIFIER_CHOICES = [("eq", "bằng"), ("gt", "trên, hơn"), ("approx", "khoảng, gần")]
CHANGE_CHOICES = [
    ("", "— Số liệu (không phải biến động) —"),
    ("increase", "tăng"),
    ("decrease", "giảm"),
]
INDICATOR_CHOICES = [("", "— Chưa ánh xạ —")] + [
    (code, name) for code, name in dict((e["code"], e["name_vi"]) for e in CATALOGUE).items()
]

PERIOD_RE = re.compile(r"^(?P<year>\d{4})-(?P<kind>Q[1-4]|H[12]|9M|Y|M(?:0[1-9]|1[0-2]))$")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_PERIOD_KINDS = ["Y", "9M", "H1", "H2", "Q1", "Q2", "Q3", "Q4"] + [
    f"M{m:02d}" for m in range(1, 13)
]
# Years offered in the period list (any other valid code is accepted and shown too).
PERIOD_FIRST_YEAR = 2010


def period_choices(extra: str | None = None) -> list:
    """The periods by name, grouped by year (newest first): the user picks "quý III năm
    2022", never types "2022-Q3"."""
    from noichinh.core import clock

    last = clock.today().year + 1
    years = list(range(last, PERIOD_FIRST_YEAR - 1, -1))
    m = PERIOD_RE.match(extra or "")
    if m and int(m.group("year")) not in years:
        years.append(int(m.group("year")))
    choices: list = [("", "— Chưa rõ kỳ báo cáo —")]
    for year in years:
        choices.append(
            (str(year), [(f"{year}-{k}", period_label(f"{year}-{k}")) for k in _PERIOD_KINDS])
        )
    return choices


def period_label(code: str | None) -> str:
    """'2022-Q3' -> 'quý III năm 2022' (empty for an unknown code)."""
    m = PERIOD_RE.match(code or "")
    if not m:
        return ""
    year, kind = m.group("year"), m.group("kind")
    if kind.startswith("Q"):
        return f"quý {_ROMAN[kind[1]]} năm {year}"
    if kind == "H1":
        return f"6 tháng đầu năm {year}"
    if kind == "H2":
        return f"6 tháng cuối năm {year}"
    if kind == "9M":
        return f"9 tháng đầu năm {year}"
    if kind == "Y":
        return f"năm {year}"
    return f"tháng {int(kind[1:])}/{year}"


class RawTextField(forms.CharField):
    """Text as pasted: NUL characters reach the extractor, which explains binary input."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


class SourceForm(forms.Form):
    """Step 1: paste a text or upload a .txt/.docx file."""

    text = RawTextField(
        label="Dán nội dung bài viết, báo cáo",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    file = forms.FileField(
        label="Hoặc tải tệp lên (.txt, .docx)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )
    reference_date = VnDateField(
        label="Ngày của bài viết (nếu văn bản không ghi năm)",
        required=False,
        help_text="Dùng khi văn bản và dòng ngày đăng không ghi năm; không có thì để trống.",
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        text = data.get("text") or ""
        upload = data.get("file")
        if upload and text.strip():
            raise forms.ValidationError(
                "Hãy dán văn bản hoặc tải tệp lên, không làm cả hai cùng lúc."
            )
        try:
            if upload:
                text = read_upload(upload)
            elif not text.strip():
                raise ExtractionError(
                    "Văn bản trống: hãy dán hoặc tải lên nội dung bài viết, báo cáo."
                )
        except ExtractionError as exc:
            raise forms.ValidationError(exc.message_vi)
        data["source"] = normalise_newlines(text)
        return data


class SpanField(forms.CharField):
    """A hidden "start-end" pair; anything else is read as no span (it only drives highlights)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, list | tuple) and len(value) == 2:
            value = f"{value[0]}-{value[1]}"
        if not isinstance(value, str):
            return None
        m = re.fullmatch(r"\s*(\d{1,8})-(\d{1,8})\s*", value)
        if not m or int(m.group(1)) > int(m.group(2)):
            return None
        return [int(m.group(1)), int(m.group(2))]

    def prepare_value(self, value):
        if isinstance(value, list | tuple) and len(value) == 2:
            return f"{value[0]}-{value[1]}"
        return value


class EventForm(LateReasonForm, forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, strip=False, max_length=MAX_TEXT_BYTES)
    event_type = forms.ChoiceField(label="Loại hội nghị", choices=EVENT_TYPES)
    blocs = forms.MultipleChoiceField(
        label="Khối", choices=BLOC_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    steering_committee = forms.ChoiceField(
        label="Ban Chỉ đạo", choices=STEERING_COMMITTEE_CHOICES, required=False
    )
    province = forms.CharField(label="Tỉnh, thành phố", max_length=100, required=False)
    date = VnDateField(
        label="Ngày hội nghị",
        error_messages={"required": "Nhập ngày họp (dd/mm/yyyy): văn bản không ghi rõ ngày."},
    )
    period = forms.CharField(
        label="Kỳ báo cáo", max_length=10, required=False, widget=forms.Select(choices=[])
    )
    # What to do with the conference the register already has (see matching): "use:<id>",
    # "update:<id>" or "new" (a reason is then required).
    conference_choice = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    conference_reason = forms.CharField(
        label="Lý do tạo hội nghị mới", max_length=500, required=False
    )
    # One confirmation per draft: the same token sent twice (a double click) is done once.
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    chair_name = forms.CharField(label="Người chủ trì", max_length=150, required=False)
    chair_titles = forms.CharField(
        label="Chức danh (mỗi dòng một chức danh)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    co_chairs = forms.CharField(
        label="Đồng chủ trì (mỗi dòng một người)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    event_span_type = SpanField()
    event_span_province = SpanField()
    event_span_date = SpanField()
    event_span_period = SpanField()
    event_span_chair = SpanField()
    event_span_steering_committee = SpanField()

    SPAN_KEYS = ("type", "province", "date", "period", "chair", "steering_committee")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self["period"].value() if self.is_bound else self.initial.get("period")
        self.fields["period"].widget.choices = period_choices((current or "").strip().upper())

    def clean_text(self):
        return normalise_newlines(self.cleaned_data["text"])

    def clean(self):
        data = super().clean()
        if "blocs" in data and not data["blocs"] and not data.get("steering_committee"):
            self.add_error("blocs", "Chọn ít nhất một khối hoặc một ban chỉ đạo.")
        return data

    def clean_period(self):
        period = (self.cleaned_data.get("period") or "").strip().upper()
        if period and not PERIOD_RE.match(period):
            raise forms.ValidationError("Kỳ báo cáo không hợp lệ: chọn một kỳ trong danh sách.")
        return period

    def clean_chair_titles(self):
        raw = self.cleaned_data.get("chair_titles") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]

    def clean_co_chairs(self):
        raw = self.cleaned_data.get("co_chairs") or ""
        names = [line.strip() for line in raw.splitlines() if line.strip()]
        if any(len(name) > 150 for name in names):
            raise forms.ValidationError("Mỗi tên đồng chủ trì tối đa 150 ký tự.")
        return names

    @classmethod
    def initial_from(cls, draft: Draft, text: str) -> dict:
        initial = {
            "text": text,
            "event_type": draft.event_type,
            "blocs": list(draft.blocs),
            "steering_committee": draft.steering_committee or "",
            "province": draft.province or "",
            "date": parse_vn_date(draft.date) if draft.date else None,
            "period": draft.period or "",
            "chair_name": draft.chair_name or "",
            "chair_titles": "\n".join(draft.chair_titles),
            "co_chairs": "\n".join(draft.co_chairs),
            "conference_choice": "new",
        }
        for key in cls.SPAN_KEYS:
            initial[f"event_span_{key}"] = draft.spans.get(key)
        return initial

    def spans(self) -> dict[str, list[int]]:
        out = {}
        for key in self.SPAN_KEYS:
            name = f"event_span_{key}"
            value = self.fields[name].to_python(self[name].value())
            if value:
                out[key] = value
        return out


class VnNumberField(forms.CharField):
    default_error_messages = {
        "invalid": "Số không hợp lệ: dùng dấu chấm ngăn hàng nghìn, dấu phẩy cho phần thập phân (7.000; 7,3)."
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_vn_number(value.strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if number < 0:
            raise forms.ValidationError("Số liệu không được âm.")
        return number

    def prepare_value(self, value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format_vn_number(value)
        return value


class IndicatorForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    span = SpanField()
    value = VnNumberField(label="Giá trị", widget=forms.TextInput(attrs={"maxlength": 40}))
    qualifier = forms.ChoiceField(label="So sánh", choices=QUALIFIER_CHOICES, initial="eq")
    unit = forms.CharField(label="Đơn vị tính", max_length=40)
    subject = forms.CharField(label="Nội dung", max_length=300, required=False)
    indicator_code = forms.ChoiceField(label="Chỉ tiêu", choices=INDICATOR_CHOICES, required=False)
    change = forms.ChoiceField(label="Biến động", choices=CHANGE_CHOICES, required=False)
    reference = forms.CharField(
        label="So với (ví dụ: so với cùng kỳ)", max_length=120, required=False
    )
    choice = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    reason = forms.CharField(label="Lý do ghi thêm", max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("reference", "").strip() and not data.get("change"):
            self.add_error("change", "Chọn tăng hoặc giảm: số liệu có ghi mốc so sánh.")
        return data


class TaskForm(forms.Form):
    span = SpanField()
    text = forms.CharField(
        label="Nhiệm vụ", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    agency = forms.CharField(
        label="Cơ quan thực hiện (theo văn bản)", max_length=255, required=False
    )
    lead_agency = forms.ModelChoiceField(
        label="Cơ quan chủ trì",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="— Chọn cơ quan chủ trì —",
    )
    coordinators = forms.ModelMultipleChoiceField(
        label="Cơ quan phối hợp",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.MultipleHiddenInput,
    )
    deadline = VnDateField(label="Hạn hoàn thành (nếu có)", required=False)
    choice = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    reason = forms.CharField(label="Lý do giao thêm", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(Agency.valid_on_q(clock.today())).order_by(
            *AGENCY_ORDERING
        )
        self.fields["lead_agency"].queryset = agencies
        self.fields["coordinators"].queryset = agencies

    def clean(self):
        data = super().clean()
        kept = not data.get("DELETE")
        if kept and not self.errors and data.get("lead_agency") is None:
            named = (data.get("agency") or "").strip()
            self.add_error(
                "lead_agency",
                f"Chọn cơ quan chủ trì: “{named}” chưa khớp cơ quan nào."
                if named
                else "Chọn cơ quan chủ trì: văn bản không nêu cơ quan thực hiện.",
            )
        return data


class AwardForm(forms.Form):
    span = SpanField()
    issuer = forms.CharField(label="Cấp khen", max_length=255, required=False)
    form = forms.CharField(label="Hình thức", max_length=120)
    collectives = CountField(label="Tập thể", min_value=0, initial=0)
    individuals = CountField(label="Cá nhân", min_value=0, initial=0)
    number = forms.CharField(label="Số quyết định", max_length=60, required=False)
    movement = forms.CharField(label="Phong trào thi đua", max_length=255, required=False)
    movement_year = forms.IntegerField(
        label="Năm của phong trào", min_value=1945, max_value=2100, required=False
    )
    choice = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    reason = forms.CharField(label="Lý do ghi thêm quyết định", max_length=500, required=False)

    @property
    def names_a_decision(self) -> bool:
        """Counts are a draft of a decision only when the text names its number or movement."""
        value = lambda name: self[name].value() or ""  # noqa: E731
        return bool(str(value("number")).strip() or str(value("movement")).strip())

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("collectives") or data.get("individuals")):
            raise forms.ValidationError("Nhập số tập thể hoặc số cá nhân được khen thưởng.")
        return data


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=0, can_delete=True)
TaskFormSet = forms.formset_factory(TaskForm, extra=0, can_delete=True)
AwardFormSet = forms.formset_factory(AwardForm, extra=0, can_delete=True)


class Review:
    """The event form and the three item formsets of one draft, bound or not."""

    def __init__(self, data=None, *, draft: Draft | None = None, text: str = ""):
        if data is None:
            assert draft is not None
            self.event = EventForm(initial=EventForm.initial_from(draft, text))
            self.indicators = IndicatorFormSet(
                prefix="ind",
                initial=[
                    {k: v for k, v in vars(i).items()} | {"span": i.span, "choice": "new"}
                    for i in draft.indicators
                ],
            )
            self.tasks = TaskFormSet(
                prefix="task",
                initial=[
                    {"text": t.text, "agency": t.agency or "", "span": t.span, "choice": "new"}
                    for t in draft.tasks
                ],
            )
            self.awards = AwardFormSet(
                prefix="award",
                initial=[
                    {
                        "issuer": a.issuer or "",
                        "form": a.form,
                        "collectives": a.collectives,
                        "individuals": a.individuals,
                        "span": a.span,
                        "choice": "new",
                    }
                    | award_context(text, a.span)
                    for a in draft.awards
                ],
            )
            self.warnings = list(draft.warnings)
        else:
            self.event = EventForm(data)
            self.indicators = IndicatorFormSet(data, prefix="ind")
            self.tasks = TaskFormSet(data, prefix="task")
            self.awards = AwardFormSet(data, prefix="award")
            self.warnings = []

    @classmethod
    def from_record(cls, record) -> Review:
        """The review page of a confirmed import (``ImportRecord``), reopened: its stored
        text and draft as confirmed, each item chosen to update the record it made or used
        then (issue 18), so confirming again corrects the register and never doubles it.
        The caller gives it a new token."""
        stored = record.draft if isinstance(record.draft, dict) else {}
        text = normalise_newlines(record.text or "")
        event = stored.get("event") or {}
        chair = stored.get("chair") or {}
        records = stored.get("records") or {}

        def items(key):
            rows = stored.get(key) or []
            return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []

        def choice(key, index, item):
            ids = records.get(key) or []
            pk = ids[index] if index < len(ids) else None
            if pk is None:
                # An import confirmed before the ids were kept: its own choice, if any.
                kind, _sep, old = str(item.get("choice") or "").partition(":")
                return f"update:{old}" if kind in ("use", "update") and old.isdigit() else "new"
            return f"update:{pk}"

        def number(raw):
            try:
                return format_vn_number(Decimal(str(raw)))
            except (InvalidOperation, ValueError):
                return ""

        def date(raw):
            try:
                return dt.date.fromisoformat(str(raw)) if raw else None
            except ValueError:
                return None

        review = cls.__new__(cls)
        initial = {
            "text": text,
            "event_type": event.get("type") or "conference",
            "blocs": list(event.get("blocs") or []),
            "steering_committee": event.get("steering_committee") or "",
            "province": event.get("province") or "",
            "date": date(event.get("date")),
            "period": event.get("period") or "",
            "chair_name": chair.get("name") or "",
            "chair_titles": "\n".join(str(t) for t in chair.get("titles") or []),
            "co_chairs": "\n".join(str(c) for c in chair.get("co_chairs") or []),
            "conference_choice": f"update:{record.conference_id}"
            if record.conference_id
            else "new",
        }
        for key, span in (event.get("spans") or {}).items():
            if key in EventForm.SPAN_KEYS:
                initial[f"event_span_{key}"] = span
        review.event = EventForm(initial=initial)
        review.indicators = IndicatorFormSet(
            prefix="ind",
            initial=[
                {
                    "text": i.get("text") or "",
                    "span": i.get("span"),
                    "value": number(i.get("value")),
                    "qualifier": i.get("qualifier") or "eq",
                    "unit": i.get("unit") or "",
                    "subject": i.get("subject") or "",
                    "indicator_code": i.get("indicator_code") or "",
                    "change": i.get("change") or "",
                    "reference": i.get("reference") or "",
                    "choice": choice("indicators", n, i),
                }
                for n, i in enumerate(items("indicators"))
            ],
        )
        review.tasks = TaskFormSet(
            prefix="task",
            initial=[
                {
                    "text": t.get("text") or "",
                    "agency": t.get("agency") or "",
                    "span": t.get("span"),
                    "lead_agency": t.get("lead_agency_id"),
                    "coordinators": list(t.get("coordinator_ids") or []),
                    "deadline": date(t.get("deadline")),
                    "choice": choice("tasks", n, t),
                }
                for n, t in enumerate(items("tasks"))
            ],
        )
        review.awards = AwardFormSet(
            prefix="award",
            initial=[
                {
                    "issuer": a.get("issuer") or "",
                    "form": a.get("form") or "",
                    "collectives": a.get("collectives") or 0,
                    "individuals": a.get("individuals") or 0,
                    "span": a.get("span"),
                    "number": a.get("number") or "",
                    "movement": a.get("movement") or "",
                    "movement_year": a.get("movement_year"),
                    "choice": choice("awards", n, a),
                }
                for n, a in enumerate(items("awards"))
            ],
        )
        review.warnings = []
        review.reopened = True
        return review

    def is_valid(self) -> bool:
        # Evaluate all four so every error shows at once.
        results = [
            self.event.is_valid(),
            self.indicators.is_valid(),
            self.tasks.is_valid(),
            self.awards.is_valid(),
        ]
        return all(results)

    @property
    def text(self) -> str:
        if self.event.is_bound:
            return normalise_newlines(self.event["text"].value() or "")
        return self.event.initial.get("text", "")

    def to_draft(self) -> dict:
        """The corrected draft, in the shape of ``Draft.to_dict()`` (call after is_valid)."""
        e = self.event.cleaned_data
        kept = lambda formset: [  # noqa: E731
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        return {
            "event": {
                "type": e["event_type"],
                "blocs": list(e["blocs"]),
                "province": e["province"] or None,
                "date": e["date"].isoformat() if e["date"] else None,
                "period": e["period"] or None,
                "steering_committee": e["steering_committee"] or None,
                "choice": e["conference_choice"] or "new",
                "reason": e["conference_reason"].strip(),
                # The highlights of the event's fields, for reopening the import later.
                "spans": self.event.spans(),
            },
            "chair": {
                "name": e["chair_name"] or None,
                "titles": e["chair_titles"],
                "co_chairs": e["co_chairs"],
            },
            "indicators": [
                {
                    "text": i["text"] or "",
                    "value": i["value"],
                    "qualifier": i["qualifier"],
                    "unit": i["unit"].strip(),
                    "subject": i["subject"].strip(),
                    "indicator_code": i["indicator_code"] or None,
                    "change": i["change"] or None,
                    "reference": i["reference"].strip() or None,
                    "span": i["span"],
                    "choice": i["choice"] or "new",
                    "reason": i["reason"].strip(),
                }
                for i in kept(self.indicators)
            ],
            "tasks": [
                {
                    "text": t["text"].strip(),
                    "agency": t["agency"].strip() or None,
                    "deadline": t["deadline"].isoformat() if t["deadline"] else None,
                    "span": t["span"],
                    "lead_agency_id": t["lead_agency"].pk if t["lead_agency"] else None,
                    "coordinator_ids": [a.pk for a in t["coordinators"]],
                    "choice": t["choice"] or "new",
                    "reason": t["reason"].strip(),
                }
                for t in kept(self.tasks)
            ],
            "awards": [
                {
                    "issuer": a["issuer"].strip() or None,
                    "form": a["form"].strip(),
                    "collectives": a["collectives"],
                    "individuals": a["individuals"],
                    "span": a["span"],
                    "number": a["number"].strip(),
                    "movement": a["movement"].strip(),
                    "movement_year": a["movement_year"],
                    "choice": a["choice"] or "new",
                    "reason": a["reason"].strip(),
                }
                for a in kept(self.awards)
            ],
            "warnings": [],
            # The source text, kept with the conference (its report_text).
            "text": e["text"],
            "token": e["token"],
        }

    def marks(self) -> list[tuple[int, int, str, str, str]]:
        """(start, end, id, kind, label) of every span to highlight in the text."""
        labels = {
            "type": "Loại hội nghị",
            "province": "Tỉnh",
            "date": "Ngày",
            "period": "Kỳ báo cáo",
            "chair": "Người chủ trì",
            "steering_committee": "Ban Chỉ đạo",
        }
        out = []
        for key, span in self.event.spans().items():
            out.append((span[0], span[1], f"src-{key.replace('_', '-')}", "event", labels[key]))
        for prefix, formset, kind, label in (
            ("ind", self.indicators, "indicator", "Số liệu"),
            ("task", self.tasks, "task", "Nhiệm vụ"),
            ("award", self.awards, "award", "Khen thưởng"),
        ):
            for index, form in enumerate(formset.forms):
                span = form.fields["span"].to_python(form["span"].value())
                if span:
                    out.append(
                        (span[0], span[1], f"src-{prefix}-{index}", kind, f"{label} {index + 1}")
                    )
        return out
