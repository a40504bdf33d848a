from django import forms

from noichinh.core import clock
from noichinh.core.forms import VnDateField
from noichinh.org.models import Bloc
from noichinh.reports import validation
from noichinh.reports.models import Period, ReportType

QUARTERS = [("", "—"), ("1", "Quý I"), ("2", "Quý II"), ("3", "Quý III"), ("4", "Quý IV")]
MAX_UPLOAD = 5 * 1024 * 1024


class PeriodForm(forms.Form):
    report_type = forms.ModelChoiceField(
        label="Loại báo cáo (quy tắc chốt số liệu)",
        queryset=ReportType.objects.all(),
        empty_label=None,
    )
    kind = forms.ChoiceField(label="Loại kỳ", choices=Period.KINDS)
    number = forms.TypedChoiceField(
        label="Quý", choices=QUARTERS, coerce=int, required=False, empty_value=None
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    due = VnDateField(label="Hạn gửi báo cáo", required=False)
    blocs = forms.ModelMultipleChoiceField(
        label="Khối, ban chỉ đạo được báo cáo",
        queryset=Bloc.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    open_now = forms.BooleanField(label="Mở nhận báo cáo ngay", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = clock.today().year

    def clean(self):
        data = super().clean()
        if data.get("kind") == Period.QUARTER and not data.get("number"):
            self.add_error("number", "Chọn quý.")
        if data.get("open_now") and not data.get("blocs"):
            self.add_error("blocs", "Chọn ít nhất một khối để mở nhận báo cáo.")
        return data


class OpenForm(forms.Form):
    blocs = forms.ModelMultipleChoiceField(
        label="Mở cho khối, ban chỉ đạo",
        queryset=Bloc.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Lý do mở lại", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(label="Ý kiến trả lại", widget=forms.Textarea(attrs={"rows": 3}))


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp XLSX đã điền")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp quá lớn (tối đa 5 MB).")
        return f


class SubmissionForm(forms.Form):
    """One text field per indicator (Vietnamese numbers accepted: 7.000; 7,3) and the narrative."""

    results = forms.CharField(
        label="Kết quả nổi bật", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    shortcomings = forms.CharField(
        label="Tồn tại, hạn chế", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposals = forms.CharField(
        label="Đề xuất, kiến nghị", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, indicators, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.previous = previous or {}
        for ind in indicators:
            self.fields[f"v_{ind.code}"] = forms.CharField(
                label=ind.name,
                required=False,
                max_length=40,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "data-code": ind.code}),
            )

    def indicator_fields(self):
        for ind in self.indicators:
            yield ind, self[f"v_{ind.code}"], self.previous.get(ind.code)

    def clean(self):
        data = super().clean()
        values = {}
        for ind in self.indicators:
            raw = data.get(f"v_{ind.code}")
            try:
                values[ind.code] = validation.parse_number(raw)
            except ValueError:
                self.add_error(f"v_{ind.code}", f"“{raw}” không phải là số.")
        data["values"] = values
        return data


class IssueForm(forms.Form):
    number = forms.CharField(label="Số, ký hiệu", max_length=60, initial="-BC/BNC")
    place = forms.CharField(label="Địa danh", max_length=80)
    issued_on = VnDateField(label="Ngày ban hành")
    summary = forms.CharField(label="Trích yếu", max_length=255, required=False)
    results_text = forms.CharField(
        label="I. Kết quả thực hiện nhiệm vụ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Bản dự thảo từ số liệu và báo cáo của các cơ quan; sửa trước khi ban hành.",
    )
    limitations_text = forms.CharField(
        label="II. Hạn chế, nguyên nhân",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    directions_text = forms.CharField(
        label="III. Phương hướng, nhiệm vụ kỳ tới",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Dự thảo từ kết luận hội nghị gần nhất và các nhiệm vụ chưa hoàn thành.",
    )
    recipients = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một nơi nhận.",
    )
    signer_title = forms.CharField(
        label="Chức vụ người ký",
        max_length=150,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một dòng, ví dụ “K/T TRƯỞNG BAN” rồi “PHÓ TRƯỞNG BAN THƯỜNG TRỰC”.",
    )
    signer_name = forms.CharField(label="Người ký", max_length=150, required=False)
