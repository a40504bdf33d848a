import re
from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from noichinh.core.formats import parse_vn_date
from noichinh.core.numbers import parse_vn_number
from noichinh.core.services import NoticeDay

_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)


class VnDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (ISO accepted too), with a Vietnamese error."""

    default_error_messages = {"invalid": _("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                return parse_vn_date(value)
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def _vn_number(value) -> Decimal | None:
    """A number typed the Vietnamese way ("7.000", "7,3 tỷ", "520 triệu"); None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = _CURRENCY.sub("", str(value)).strip()
    if not text:
        return None
    try:
        return Decimal(str(parse_vn_number(text)))
    except ValueError:
        raise forms.ValidationError("invalid", code="invalid")


class CountField(forms.IntegerField):
    """A count (số người, số cuộc, tập thể, cá nhân): a whole number; "1.200" is 1200 and
    "7,5" is refused with "Số … phải là số nguyên."."""

    # A text box, so "7,5" reaches the server and gets its message (a number box drops it).
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, *args, noun: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.noun = noun

    def _whole_message(self):
        noun = self.noun or str(self.label or "")
        noun = noun[:1].lower() + noun[1:]
        if noun.lower().startswith("số "):
            noun = noun[3:]
        return _("Số %(noun)s phải là số nguyên.") % {"noun": noun}

    def to_python(self, value):
        try:
            number = _vn_number(value)
        except forms.ValidationError:
            raise forms.ValidationError(self._whole_message(), code="invalid")
        if number is None:
            return None
        if number != number.to_integral_value():
            raise forms.ValidationError(self._whole_message(), code="invalid")
        return int(number)


class MoneyField(forms.IntegerField):
    """An amount in đồng, typed as the officer writes it: "7,3 tỷ", "520 triệu",
    "1.250.000.000" or "2 tỷ 500 triệu đồng"; stored as a whole number of đồng."""

    default_error_messages = {
        "invalid": _("Nhập số tiền bằng đồng, ví dụ 7,3 tỷ; 520 triệu hoặc 1.250.000.000."),
        "fraction": _("Số tiền là số nguyên đồng (ví dụ 7,3 tỷ = 7.300.000.000 đồng)."),
        "min_value": _("Số tiền không được âm."),
    }

    # A text box: a number box would refuse "7,3 tỷ" before the server sees it.
    widget = forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = str(value).strip() if isinstance(value, str) else value
        if isinstance(text, str) and text.startswith("-"):
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value")
        try:
            number = _vn_number(text)
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if number is None:
            return None
        if number != number.to_integral_value():
            raise forms.ValidationError(self.error_messages["fraction"], code="fraction")
        return int(number)


_OFF = {"nghỉ", "nghi", "off"}
_WORK = {"làm", "lam", "làm việc", "lam viec", "làm bù", "lam bu"}


class CalendarNoticeForm(forms.Form):
    """The official notice of a year's days off: number, date, issuer, and one day a line."""

    year = forms.IntegerField(label=_("Năm áp dụng"), min_value=1990, max_value=2200)
    number = forms.CharField(label=_("Số văn bản"), max_length=80)
    issued_on = VnDateField(label=_("Ngày ban hành"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    summary = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    period_from = VnDateField(
        label=_("Giai đoạn thông báo áp dụng: từ ngày"),
        required=False,
        help_text=_(
            "Không bắt buộc. Các ngày tạm tính trong giai đoạn mà thông báo không nhắc tới sẽ "
            "bị bỏ; mặc định từ ngày đầu đến ngày cuối được nhập."
        ),
    )
    period_to = VnDateField(label=_("đến ngày"), required=False)
    days = forms.CharField(
        label=_("Các ngày"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Mỗi dòng một ngày: dd/mm/yyyy; nghỉ hoặc làm bù; lý do. "
            "Ví dụ: 05/02/2027; nghỉ; Tết Âm lịch"
        ),
    )

    def clean_days(self):
        out = []
        for number, line in enumerate(self.cleaned_data["days"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in re.split(r"[;|\t]", line, maxsplit=2)]
            if len(parts) < 3:
                raise forms.ValidationError(
                    _("Dòng %(n)s: cần ngày; nghỉ hoặc làm bù; lý do.") % {"n": number}
                )
            try:
                day = parse_vn_date(parts[0])
            except ValueError:
                raise forms.ValidationError(
                    _("Dòng %(n)s: ngày không hợp lệ (dd/mm/yyyy).") % {"n": number}
                )
            kind = parts[1].lower()
            if kind not in _OFF | _WORK:
                raise forms.ValidationError(
                    _("Dòng %(n)s: ghi “nghỉ” hoặc “làm bù”.") % {"n": number}
                )
            out.append(NoticeDay(date=day, is_day_off=kind in _OFF, reason=parts[2]))
        if not out:
            raise forms.ValidationError(_("Nhập ít nhất một ngày."))
        return out


# --- closed reporting periods (core.closing) -----------------------------------------------


# The mixin is used with forms.Form: mypy reads it as one.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class LateReasonMixin(_FormBase):
    """A date inside a closed reporting period: the form shows the warning, a reason and a
    confirmation, and saves only once both are given (core.closing)."""

    late_warning = ""

    def _setup_late(self):
        self.fields["late_asked"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields["late_reason"] = forms.CharField(
            label="Lý do ghi vào kỳ đã khóa sổ",
            required=False,
            max_length=500,
            widget=forms.HiddenInput,
        )
        self.fields["late_confirm"] = forms.BooleanField(
            label="Tôi xác nhận ghi hồ sơ vào kỳ đã khóa sổ kèm lý do trên",
            required=False,
            widget=forms.HiddenInput,
        )
        if self.is_bound and self.data.get(self.add_prefix("late_asked")):
            self._show_late()

    def _show_late(self):
        self.fields["late_reason"].widget = forms.Textarea(attrs={"rows": 2, "maxlength": 500})
        self.fields["late_confirm"].widget = forms.CheckboxInput()

    def ask_late_reason(self, exc) -> None:
        """Show the warning of ``exc`` (ClosedPeriodError) and ask for the reason."""
        self.late_warning = exc.messages[0]
        self._show_late()
        data = self.data.copy()  # type: ignore[attr-defined]  # a bound form's QueryDict
        data[self.add_prefix("late_asked")] = "1"
        self.data = data
        reason = self.data.get(self.add_prefix("late_reason"), "")
        if reason.strip() and not self.data.get(self.add_prefix("late_confirm")):
            self.add_error("late_confirm", "Đánh dấu xác nhận để lưu vào kỳ đã khóa sổ.")
        else:
            self.add_error("late_reason", "Nhập lý do ghi vào kỳ đã khóa sổ.")

    def late_reason(self) -> str:
        """The reason, once confirmed (else empty: the service then refuses and warns)."""
        data = self.cleaned_data
        return (data.get("late_reason") or "").strip() if data.get("late_confirm") else ""


class LateReasonForm(LateReasonMixin):
    """``LateReasonMixin`` set up on construction (put it before ``forms.Form``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_late()


LATE_FIELDS = ("late_asked", "late_reason", "late_confirm")


def late_data(form) -> dict:
    """The form's cleaned data for a service: without the late fields, with ``late_reason``
    once confirmed."""
    data = {k: v for k, v in form.cleaned_data.items() if k not in LATE_FIELDS}
    data["late_reason"] = form.late_reason()
    return data


def add_service_errors(form, exc, fields: dict[str, str] | None = None) -> None:
    """Show a service's ``ValidationError`` on ``form``: each message beside its field (a
    service key may be renamed to a form field by ``fields``), the rest at the top. A date in a
    closed period (``core.closing.ClosedPeriodError``) on a form that can ask for a reason shows
    the warning and asks for it instead. The one helper every view uses (issue 22)."""
    from noichinh.core.closing import ClosedPeriodError

    if isinstance(exc, ClosedPeriodError) and hasattr(form, "ask_late_reason"):
        form.ask_late_reason(exc)
        return
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    fields = fields or {}
    for key, errors in exc.error_dict.items():
        name = fields.get(key, key)
        target = name if name in form.fields else None
        for error in errors:
            for message in error.messages:
                form.add_error(target, message)
