import re

from django import forms
from django.utils.translation import gettext_lazy as _

from noichinh.core.formats import parse_vn_date
from noichinh.core.services import NoticeDay
from noichinh.org.forms import VnDateField

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


class LateReasonMixin:
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
        self.data = self.data.copy()
        self.data[self.add_prefix("late_asked")] = "1"
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
