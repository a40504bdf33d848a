import secrets

from django import forms

from noichinh.core.formats import vn_number
from noichinh.core.forms import VnDateField
from noichinh.core.renderers import PortalFormRenderer
from noichinh.petitions.models import PetitionField, PetitionType
from noichinh.portal import files as portal_files
from noichinh.portal import selectors, services
from noichinh.portal.models import CitizenFeedback, Measure, PortalMessage, RevealGround


class PortalForm(forms.Form):
    """A form of the portal pages: its fields are drawn the portal's way (required marked "*")."""

    default_renderer = PortalFormRenderer


class LimitedTextField(forms.CharField):
    """A text with a length limit that is never cut: no ``maxlength`` (a browser silently drops
    what is typed or pasted beyond it), the limit shown as the citizen types (static
    js/portal.js reads ``data-limit``), and a longer text refused with a message."""

    def __init__(self, *args, limit: int, **kwargs):
        self.limit = limit
        kwargs.setdefault("help_text", f"Tối đa {vn_number(limit)} ký tự.")
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["data-limit"] = str(self.limit)
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value and len(value) > self.limit:
            raise forms.ValidationError(services.too_long(value, self.limit), code="max_length")
        return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(portal_files.ALLOWED)})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


TYPE_CHOICES = [
    (PetitionType.COMPLAINT, "Khiếu nại"),
    (PetitionType.DENUNCIATION, "Tố cáo"),
    (PetitionType.RECOMMENDATION, "Kiến nghị"),
    (PetitionType.REFLECTION, "Phản ánh"),
]


class SubmitForm(PortalForm):
    type = forms.ChoiceField(label="Loại đơn", choices=TYPE_CHOICES, widget=forms.RadioSelect)
    agency = forms.ModelChoiceField(
        label="Gửi đến cơ quan",
        queryset=None,
        empty_label=None,
        help_text="Nếu không rõ cơ quan có thẩm quyền, hãy gửi Ban Tiếp công dân.",
    )
    field = forms.ChoiceField(label="Lĩnh vực", choices=PetitionField.choices, initial="other")
    summary = LimitedTextField(
        label="Tóm tắt (trích yếu)", limit=services.SUMMARY_MAX, required=False
    )
    content = LimitedTextField(
        label="Nội dung",
        widget=forms.Textarea(attrs={"rows": 8}),
        limit=services.CONTENT_MAX,
        error_messages={"required": "Nhập nội dung đơn."},
    )
    is_anonymous = forms.BooleanField(
        label="Gửi tố cáo không ghi danh (xem lưu ý bên dưới)", required=False
    )
    sender_name = forms.CharField(label="Họ và tên", max_length=255, required=False)
    sender_id_number = forms.CharField(label="Số CCCD", max_length=20, required=False)
    sender_address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    sender_phone = forms.CharField(
        label="Điện thoại",
        max_length=30,
        required=False,
        help_text="Không bắt buộc. Nếu ghi, bạn nhận tin nhắn khi đơn được xử lý.",
    )
    sender_email = forms.EmailField(
        label="Thư điện tử",
        max_length=254,
        required=False,
        help_text="Không bắt buộc. Nếu ghi, bạn nhận thư báo khi đơn được thụ lý, chuyển, "
        "gia hạn, trả lời. Thư chỉ ghi số đơn và đường dẫn tra cứu, không ghi nội dung. "
        "Đơn tố cáo: được giữ bí mật như danh tính; tố cáo không ghi danh thì không lưu.",
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )
    files = MultipleFileField(label="Tệp đính kèm")
    # One-time key of this form: sent twice, it makes one petition (services.portal_submit).
    submission_key = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["submission_key"].initial = secrets.token_urlsafe(24)
        self.fields["agency"].queryset = selectors.portal_agencies()
        default = selectors.default_agency()
        if default is not None and not self.is_bound:
            self.fields["agency"].initial = default.pk

    def clean(self):
        data = super().clean()
        if data.get("is_anonymous"):
            if data.get("type") and data["type"] != PetitionType.DENUNCIATION:
                self.add_error("is_anonymous", "Chỉ đơn tố cáo mới có thể gửi không ghi danh.")
        else:
            if not (data.get("sender_name") or "").strip():
                self.add_error("sender_name", "Nhập họ và tên người gửi.")
            if not (data.get("sender_address") or "").strip():
                self.add_error("sender_address", "Nhập địa chỉ người gửi.")
        return data


class LookupForm(PortalForm):
    code = forms.CharField(
        label="Mã tra cứu",
        max_length=200,
        error_messages={"required": "Nhập mã tra cứu."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReplyForm(PortalForm):
    text = LimitedTextField(
        label="Nội dung phản hồi",
        widget=forms.Textarea(attrs={"rows": 5}),
        limit=services.REPLY_MAX,
        error_messages={"required": "Nhập nội dung phản hồi."},
    )
    files = MultipleFileField(label="Tệp đính kèm")


class FeedbackForm(PortalForm):
    satisfied = forms.TypedChoiceField(
        label="Vụ việc của bạn đã được giải quyết chưa?",
        choices=[("1", "Hài lòng với trả lời"), ("0", "Không hài lòng với trả lời")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "Chọn hài lòng hoặc không hài lòng."},
    )
    comment = LimitedTextField(
        label="Ý kiến ngắn (không bắt buộc)",
        widget=forms.Textarea(attrs={"rows": 3}),
        limit=CitizenFeedback.COMMENT_MAX,
        required=False,
    )


class AnswerForm(PortalForm):
    kind = forms.ChoiceField(
        label="Loại",
        choices=[
            (PortalMessage.Kind.ANSWER, PortalMessage.Kind.ANSWER.label),
            (PortalMessage.Kind.QUESTION, PortalMessage.Kind.QUESTION.label),
        ],
    )
    text = LimitedTextField(
        label="Nội dung gửi người gửi đơn",
        widget=forms.Textarea(attrs={"rows": 5}),
        limit=services.REPLY_MAX,
        error_messages={"required": "Nhập nội dung."},
    )


class RevealForm(PortalForm):
    ground = forms.ChoiceField(
        label="Căn cứ pháp lý",
        choices=RevealGround.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Chọn căn cứ pháp lý của lần xem danh tính.",
            "invalid_choice": "Chọn một căn cứ pháp lý trong danh sách.",
        },
    )
    reason = forms.CharField(
        label="Lý do cần xem danh tính",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Ghi rõ lý do cần xem danh tính."},
    )


class CitizenProtectionForm(PortalForm):
    measures = forms.MultipleChoiceField(
        label="Biện pháp đề nghị",
        choices=Measure.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một biện pháp bảo vệ."},
    )
    grounds = LimitedTextField(
        label="Căn cứ, nguy cơ bị đe dọa, trả thù, trù dập",
        widget=forms.Textarea(attrs={"rows": 4}),
        limit=5000,
        error_messages={"required": "Nêu căn cứ, nguy cơ bị đe dọa, trả thù."},
    )
    people = LimitedTextField(
        label="Người thân cũng cần bảo vệ (họ tên, quan hệ) — được giữ bí mật",
        widget=forms.Textarea(attrs={"rows": 2}),
        limit=2000,
        required=False,
    )


class ProtectionCreateForm(CitizenProtectionForm):
    requested_on = VnDateField(label="Ngày đề nghị")
    decision_due = VnDateField(
        label="Hạn quyết định (khi bảng thời hạn chưa có quy tắc)", required=False
    )


class ProtectionDecideForm(PortalForm):
    apply = forms.TypedChoiceField(
        label="Quyết định",
        choices=[("1", "Áp dụng biện pháp bảo vệ"), ("0", "Không áp dụng")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    decided_on = VnDateField(label="Ngày quyết định")
    doc_no = forms.CharField(label="Số quyết định / văn bản", max_length=60)
    measures_applied = forms.MultipleChoiceField(
        label="Biện pháp áp dụng",
        choices=Measure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    protecting_agency = forms.CharField(
        label="Cơ quan thực hiện bảo vệ", max_length=255, required=False
    )
    applied_until = VnDateField(label="Áp dụng đến ngày", required=False)
    follow_up_due = VnDateField(label="Hạn kiểm tra tiếp", required=False)
    note = forms.CharField(
        label="Nội dung, lý do", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ProtectionFollowUpForm(PortalForm):
    on = VnDateField(label="Ngày kiểm tra")
    note = forms.CharField(label="Kết quả", widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_due = VnDateField(label="Hạn kiểm tra tiếp", required=False)


class ProtectionDueForm(PortalForm):
    decision_due = VnDateField(label="Hạn quyết định", required=False)
    follow_up_due = VnDateField(label="Hạn kiểm tra tiếp", required=False)
    reason = forms.CharField(label="Căn cứ", max_length=500)


class ProtectionEndForm(PortalForm):
    on = VnDateField(label="Ngày chấm dứt")
    note = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}))
