from django import forms
from django.utils.translation import gettext_lazy as _

from noichinh.cases.models import Case, CaseStage, SupervisionEntry
from noichinh.cases.services import CASE_FIELDS
from noichinh.core.forms import LateReasonForm, MoneyField, VnDateField
from noichinh.org.models import Agency, AreaUnit


class CaseForm(LateReasonForm, forms.ModelForm):
    followed_from = VnDateField(label=_("Theo dõi từ ngày"), required=False)
    followed_until = VnDateField(label=_("Theo dõi đến ngày"), required=False)
    arisen_on = VnDateField(label=_("Ngày phát sinh"), required=False)
    damage_vnd = MoneyField(label=_("Thiệt hại (đồng)"), min_value=0, initial=0)
    recovered_vnd = MoneyField(label=_("Đã thu hồi (đồng)"), min_value=0, initial=0)

    class Meta:
        model = Case
        fields = CASE_FIELDS  # the service writes the same fields
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["following_agency"].queryset = Agency.objects.filter(valid_to__isnull=True)
        self.fields["area_unit"].queryset = AreaUnit.objects.order_by("level", "name")


class SupervisionForm(LateReasonForm, forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại quyết định"), choices=SupervisionEntry._meta.get_field("kind").choices
    )
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    date = VnDateField(label=_("Ngày quyết định"))
    issuer = forms.CharField(
        label=_("Cơ quan ban hành"), max_length=200, initial="Ban Thường vụ Tỉnh ủy", required=False
    )
    category = forms.ChoiceField(
        label=_("Tiêu chí"), choices=[("", "—")] + SupervisionEntry.CATEGORIES, required=False
    )
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class StageForm(LateReasonForm, forms.Form):
    stage = forms.ChoiceField(label=_("Giai đoạn"), choices=CaseStage.STAGES)
    agency = forms.ModelChoiceField(label=_("Cơ quan thụ lý"), queryset=Agency.objects.all())
    started_on = VnDateField(label=_("Ngày bắt đầu"))
    start_decision = forms.CharField(label=_("Văn bản, quyết định"), max_length=120, required=False)


class StageEndForm(LateReasonForm, forms.Form):
    ended_on = VnDateField(label=_("Ngày kết thúc"))
    outcome = forms.CharField(label=_("Kết quả"), max_length=300, required=False)
    pronounced_on = VnDateField(
        label=_("Ngày tuyên án"),
        required=False,
        help_text=_("Xét xử sơ thẩm: tính hạn kháng cáo, kháng nghị từ ngày tuyên án."),
    )

    def __init__(self, *args, stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        if stage is not None and stage.stage not in CaseStage.PRONOUNCED:
            del self.fields["pronounced_on"]


class ActForm(forms.Form):
    on = VnDateField(label=_("Ngày ra quyết định thi hành án"))
    decision_number = forms.CharField(label=_("Số quyết định thi hành án"), max_length=120)


class ExtensionForm(LateReasonForm, forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định gia hạn"), max_length=120)
    decision_date = VnDateField(label=_("Ngày quyết định"))


class SuspendForm(LateReasonForm, forms.Form):
    on = VnDateField(label=_("Ngày tạm đình chỉ"))
    decision_number = forms.CharField(label=_("Số quyết định tạm đình chỉ"), max_length=120)
    reason = forms.CharField(
        label=_("Lý do tạm đình chỉ"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ResumeForm(LateReasonForm, forms.Form):
    on = VnDateField(label=_("Ngày phục hồi"))
    decision_number = forms.CharField(label=_("Số quyết định phục hồi"), max_length=120)


class ProgressForm(forms.Form):
    reported_on = VnDateField(label=_("Ngày báo cáo"))
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))


class ExplanationRequestForm(forms.Form):
    addressed_to = forms.ModelChoiceField(
        label=_("Cơ quan giải trình"), queryset=Agency.objects.none()
    )
    requested_on = VnDateField(label=_("Ngày yêu cầu"))
    answer_by = VnDateField(label=_("Hạn trả lời"), required=False)
    question = forms.CharField(
        label=_("Nội dung yêu cầu"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agency_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = Agency.objects.filter(pk__in=agency_ids)


class ExplanationAnswerForm(forms.Form):
    answered_on = VnDateField(label=_("Ngày giải trình"))
    answer = forms.CharField(
        label=_("Nội dung giải trình"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PeriodForm(forms.Form):
    start = VnDateField(label=_("Từ ngày"))
    end = VnDateField(label=_("Đến ngày"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("Ngày cuối kỳ phải sau ngày đầu kỳ."))
        return data
