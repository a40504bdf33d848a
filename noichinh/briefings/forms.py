import re
from decimal import Decimal, InvalidOperation

from django import forms

from noichinh.briefings import periods
from noichinh.briefings.models import (
    AwardDecision,
    Conference,
    ConferenceFigure,
    InspectionPlan,
    Movement,
    unit_is_count,
)
from noichinh.core import clock
from noichinh.core.formats import dated_name
from noichinh.core.forms import LateReasonForm, VnDateField
from noichinh.core.widgets import SearchableSelectMultiple
from noichinh.org import permissions
from noichinh.org.models import AGENCY_ORDERING, Agency, AreaUnit, Bloc

AGENCY_ERRORS = {
    "invalid_choice": "Không có cơ quan này trong danh mục.",
    "invalid_pk_value": "Không có cơ quan này trong danh mục.",
    "required": "Chọn cơ quan.",
}


class UnitChoiceField(forms.ModelChoiceField):
    """Area units valid today; a unit that ends shows its end date, so namesakes differ."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", AreaUnit.objects.order_by("level", "name"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages", {"invalid_choice": "Không có địa bàn này trong danh mục."}
        )
        super().__init__(**kwargs)

    def limit_to_today(self):
        self.queryset = AreaUnit.objects.filter(AreaUnit.valid_on_q(clock.today())).order_by(
            "level", "name"
        )

    def label_from_instance(self, obj):
        return dated_name(obj)


def _agencies():
    return Agency.objects.order_by(*AGENCY_ORDERING)


class AgencyChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", _agencies())
        kwargs.setdefault("error_messages", AGENCY_ERRORS)
        super().__init__(**kwargs)


class AgencyMultipleField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", _agencies())
        kwargs.setdefault(
            "error_messages",
            {**AGENCY_ERRORS, "invalid_choice": "Không có cơ quan “%(value)s” trong danh mục."},
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", SearchableSelectMultiple)
        super().__init__(**kwargs)


class ConferenceForm(LateReasonForm, forms.Form):
    kind = forms.ChoiceField(label="Loại hội nghị", choices=Conference.KINDS)
    blocs = forms.ModelMultipleChoiceField(
        label="Khối, ban chỉ đạo",
        queryset=Bloc.objects.order_by("kind", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một khối hoặc ban chỉ đạo."},
    )
    period_kind = forms.ChoiceField(label="Kỳ", choices=[("", "—")] + periods.KINDS, required=False)
    period_year = forms.IntegerField(
        label="Năm của kỳ", required=False, min_value=1990, max_value=2100
    )
    date = VnDateField(label="Ngày họp")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    chair_name = forms.CharField(label="Người chủ trì", max_length=150, required=False)
    chair_titles = forms.CharField(label="Chức vụ người chủ trì", max_length=300, required=False)
    co_chairs = forms.CharField(
        label="Đồng chủ trì",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một người.",
    )
    attendee_agencies = AgencyMultipleField(label="Cơ quan dự họp")
    attendees = forms.CharField(
        label="Thành phần dự (cá nhân)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agenda = forms.CharField(
        label="Chương trình", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    report_text = forms.CharField(
        label="Báo cáo được thảo luận", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    report_url = forms.CharField(label="Liên kết tới báo cáo", max_length=500, required=False)
    minutes = forms.CharField(
        label="Biên bản", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    title = forms.CharField(
        label="Tên hội nghị",
        max_length=300,
        required=False,
        help_text="Bỏ trống để hệ thống tự đặt.",
    )

    def clean(self):
        data = super().clean()
        kind, year = data.get("period_kind"), data.get("period_year")
        if kind and not year:
            self.add_error("period_year", "Nhập năm của kỳ.")
        data["period_code"] = periods.period_code(kind, year) if kind and year else ""
        return data

    @staticmethod
    def initial_for(conference: Conference) -> dict:
        kind, year = "", None
        if conference.period_code:
            year_text, kind = conference.period_code.split("-", 1)
            year = int(year_text)
        return {
            "kind": conference.kind,
            "blocs": list(conference.blocs.all()),
            "period_kind": kind,
            "period_year": year,
            "date": conference.date,
            "place": conference.place,
            "chair_name": conference.chair_name,
            "chair_titles": conference.chair_titles,
            "co_chairs": conference.co_chairs,
            "attendee_agencies": list(conference.attendee_agencies.all()),
            "attendees": conference.attendees,
            "agenda": conference.agenda,
            "report_text": conference.report_text,
            "report_url": conference.report_url,
            "minutes": conference.minutes,
            "title": conference.title,
        }


_NUMBER = re.compile(
    r"^(?P<num>[+-]?\d[\d.]*(?:,\d+)?)\s*(?P<mult>nghìn|ngàn|triệu|tỷ|tỉ)?\s*(?P<unit>(?:[^\W\d_].*)?)$",
    re.IGNORECASE,
)
_MULT = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}


def parse_vn_value(text: str) -> tuple[Decimal, str]:
    """'7,3 tỷ đồng' → (7300000000, 'đồng'); '7.000 lượt' → (7000, 'lượt')."""
    match = _NUMBER.match((text or "").strip())
    if not match:
        raise forms.ValidationError(
            "Giá trị không phải là số (ví dụ: 7.000 hoặc 7,3 tỷ; dấu chấm ngăn cách hàng nghìn,"
            " dấu phẩy là phần thập phân)."
        )
    number = match.group("num")
    groups = number.split(",")[0].lstrip("+-").split(".")
    if len(groups) > 1 and any(len(g) != 3 for g in groups[1:]):
        raise forms.ValidationError(
            "Dấu chấm ngăn cách hàng nghìn, dấu phẩy là phần thập phân (7.000; 7,3)."
        )
    try:
        value = Decimal(number.replace(".", "").replace(",", "."))
    except InvalidOperation:
        raise forms.ValidationError("Giá trị không phải là số.")
    if match.group("mult"):
        value *= _MULT[match.group("mult").lower()]
    return value, match.group("unit").strip()


def _indicators() -> list[tuple[str, str]]:
    """Indicators by name (their codes stay behind the list)."""
    from noichinh.briefings.selectors import indicator_names

    names = sorted(indicator_names().items(), key=lambda item: item[1])
    return [("", "— Không gắn chỉ tiêu —"), *names]


class FigureForm(LateReasonForm, forms.Form):
    text = forms.CharField(label="Cụm từ trong báo cáo", max_length=500, required=False)
    qualifier = forms.ChoiceField(label="So sánh", choices=ConferenceFigure.QUALIFIERS)
    value = forms.CharField(
        label="Giá trị", max_length=60, help_text="Ví dụ: 7.000; 7,3 tỷ (tiền ghi theo đồng)."
    )
    unit = forms.CharField(label="Đơn vị tính", max_length=40, required=False)
    subject = forms.CharField(label="Nội dung", max_length=300, required=False)
    indicator_code = forms.ChoiceField(
        label="Chỉ tiêu", required=False, choices=lambda: _indicators()
    )
    change = forms.ChoiceField(
        label="Biến động",
        required=False,
        choices=[("", "— Số liệu (không phải biến động) —")] + ConferenceFigure.CHANGES,
    )
    reference = forms.CharField(
        label="So với (ví dụ: so với cùng kỳ)", max_length=120, required=False
    )

    def clean(self):
        data = super().clean()
        if (data.get("reference") or "").strip() and not data.get("change"):
            self.add_error("change", "Chọn tăng hoặc giảm: số liệu có ghi mốc so sánh.")
        if "value" in data:
            try:
                amount, unit = parse_vn_value(data["value"])
            except forms.ValidationError as exc:
                self.add_error("value", exc)
                return data
            data["amount"] = amount
            if not data.get("unit"):
                data["unit"] = unit
            if amount != amount.to_integral_value() and unit_is_count(data["unit"]):
                self.add_error("value", f"Số {data['unit'].strip()} phải là số nguyên.")
        return data


class NoticeForm(forms.Form):
    number = forms.CharField(
        label="Số thông báo", max_length=40, required=False, help_text="Ví dụ: 45-TB/TU"
    )
    issued_on = VnDateField(label="Ngày ban hành")
    place = forms.CharField(label="Địa danh", max_length=80)
    title = forms.CharField(label="Trích yếu", max_length=500)
    body = forms.CharField(
        label="Nội dung kết luận chung", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    signer_on_behalf = forms.CharField(label="Thẩm quyền ký", max_length=120, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=150, required=False)
    signer_name = forms.CharField(label="Người ký", max_length=150, required=False)


class TaskForm(LateReasonForm, forms.Form):
    item_no = forms.CharField(label="Mục", max_length=20, required=False)
    text = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}))
    lead_agency = AgencyChoiceField(label="Cơ quan chủ trì")
    coordinators = AgencyMultipleField(label="Cơ quan phối hợp")
    coordinators_text = forms.CharField(
        label="Cơ quan phối hợp khác", max_length=500, required=False
    )
    deadline = VnDateField(label="Hạn hoàn thành", required=False)
    is_regular = forms.BooleanField(label="Thường xuyên (không có hạn cụ thể)", required=False)
    unit = UnitChoiceField(label="Địa bàn")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].limit_to_today()


class ProgressForm(forms.Form):
    note = forms.CharField(
        label="Kết quả, tiến độ thực hiện", widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(label="Tệp đính kèm", required=False)
    propose = forms.BooleanField(label="Đề nghị xác nhận hoàn thành", required=False)


class AcceptForm(LateReasonForm, forms.Form):
    completed_on = VnDateField(label="Ngày hoàn thành", required=False)
    note = forms.CharField(label="Ghi chú", required=False)


class ReturnForm(forms.Form):
    note = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(LateReasonForm, forms.Form):
    decision = forms.CharField(label="Quyết định hủy (số, ngày)", max_length=255)
    cancelled_on = VnDateField(label="Ngày hủy", required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) đã điền")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Ghi rõ lý do thu hồi."},
    )


class AwardDecisionForm(LateReasonForm, forms.Form):
    movement = forms.ModelChoiceField(
        label="Phong trào", queryset=Movement.objects.all(), required=False
    )
    movement_name = forms.CharField(label="hoặc phong trào mới", max_length=255, required=False)
    movement_year = forms.IntegerField(
        label="Năm của phong trào", required=False, min_value=1945, max_value=2100
    )
    issuer_level = forms.ChoiceField(label="Cấp khen thưởng", choices=AwardDecision.ISSUERS)
    issuer_name = forms.CharField(
        label="Người, cơ quan ký (nếu khác)", max_length=255, required=False
    )
    form = forms.ChoiceField(label="Hình thức", choices=AwardDecision.FORMS)
    number = forms.CharField(label="Số quyết định", max_length=60)
    signed_on = VnDateField(label="Ngày ký")
    agency = AgencyChoiceField(label="Cơ quan đề nghị", required=False)
    collectives = forms.CharField(
        label="Tập thể được khen (mỗi dòng một tập thể)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    individuals = forms.CharField(
        label="Cá nhân được khen (mỗi dòng một người)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        data = super().clean()
        if data.get("movement_name") and not data.get("movement_year"):
            self.add_error("movement_year", "Nhập năm của phong trào.")
        return data


class PlanForm(LateReasonForm, forms.Form):
    agency = AgencyChoiceField(label="Cơ quan lập kế hoạch")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="Hình thức", choices=InspectionPlan.KINDS)
    target_agency = AgencyChoiceField(label="Cơ quan, đơn vị được thanh tra", required=False)
    unit = UnitChoiceField(label="Địa bàn được thanh tra")
    subject = forms.CharField(label="Nội dung", max_length=500)
    period_text = forms.CharField(label="Thời gian dự kiến", max_length=100, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].limit_to_today()
        ids = permissions.visible_agency_ids(user)
        if ids is not None:
            self.fields["agency"].queryset = _agencies().filter(id__in=ids)
        if user is not None and user.agency_id and not self.is_bound:
            self.initial.setdefault("agency", user.agency_id)
        self.initial.setdefault("year", clock.today().year)
