from django import forms

from noichinh.core import clock
from noichinh.core.forms import LateReasonMixin
from noichinh.org import permissions
from noichinh.org.forms import VnDateField
from noichinh.org.models import Agency, AreaUnit, User
from noichinh.petitions.models import Petition, PetitionField, PetitionType, Visit

YES_NO_UNKNOWN = [("", "Chưa xác định"), ("1", "Có"), ("0", "Không")]


def _tri(value):
    return {"1": True, "0": False}.get(value)


def _agencies_for(user):
    qs = Agency.objects.filter(Agency.valid_on_q(clock.today())).order_by("name")
    ids = permissions.visible_agency_ids(user)
    if permissions.is_admin(user):
        return qs
    if user.agency_id:
        return qs.filter(pk__in=permissions.agency_subtree_ids(user.agency_id))
    return qs.filter(pk__in=ids or [])


class _AgencyMixin:
    def _setup_agency(self, user):
        self.fields["agency"].queryset = _agencies_for(user)
        if user.agency_id and not self.is_bound:
            self.fields["agency"].initial = user.agency_id
        self.fields["unit"].queryset = AreaUnit.objects.order_by("level", "name")


class VisitForm(LateReasonMixin, _AgencyMixin, forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan tiếp", queryset=Agency.objects.none())
    visited_on = VnDateField(label="Ngày tiếp")
    kind = forms.ChoiceField(label="Hình thức tiếp", choices=Visit.Kind.choices)
    petition_type = forms.ChoiceField(label="Loại nội dung", choices=PetitionType.choices)
    field = forms.ChoiceField(label="Lĩnh vực", choices=PetitionField.choices)
    people_count = forms.IntegerField(label="Số người", min_value=1, initial=1)
    representatives = forms.CharField(
        label="Người đại diện (đoàn đông người)", required=False, max_length=500
    )
    representative_count = forms.IntegerField(
        label="Số người đại diện", min_value=0, max_value=5, required=False
    )
    visitor_name = forms.CharField(label="Họ tên công dân", required=False, max_length=255)
    visitor_id_number = forms.CharField(label="Số CCCD", required=False, max_length=20)
    visitor_address = forms.CharField(label="Địa chỉ", required=False, max_length=255)
    unit = forms.ModelChoiceField(label="Địa bàn", queryset=AreaUnit.objects.none(), required=False)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4}))
    answer = forms.ChoiceField(label="Kết quả tiếp", choices=Visit.Answer.choices)
    answer_reason = forms.CharField(
        label="Lý do / nội dung hướng dẫn", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    make_petition = forms.BooleanField(
        label="Vào sổ đơn từ lượt tiếp này (khi tiếp nhận đơn)", required=False
    )
    # Shown (and required) only when the date is a Sunday or a holiday.
    confirm_day_off = forms.BooleanField(
        label="Xác nhận: có tiếp công dân vào ngày nghỉ này",
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_agency(user)
        self._setup_late()
        if not self.is_bound:
            self.fields["visited_on"].initial = clock.today()

    def clean(self):
        data = super().clean()
        day = data.get("visited_on")
        reason = day_off_reason(day) if day else None
        if reason:
            self.fields["confirm_day_off"].widget = forms.CheckboxInput()
            if not data.get("confirm_day_off"):
                raise forms.ValidationError(
                    f"Ngày {day:%d/%m/%Y} là {reason}, không phải ngày tiếp công dân thường lệ: "
                    "kiểm tra lại ngày tiếp, hoặc đánh dấu xác nhận bên dưới nếu đúng là có tiếp "
                    "công dân vào ngày này.",
                    code="day_off",
                )
        return data


def day_off_reason(day) -> str | None:
    """Why ``day`` asks for a confirmation on a visit: a Sunday or a public holiday (or a day
    off the administrator set); Saturdays are not asked about."""
    from noichinh.core.selectors import work_calendar

    reason = work_calendar().reason_off(day)
    if reason is None or reason == "Thứ Bảy":
        return None
    return reason.lower() if reason == "Chủ nhật" else f"ngày nghỉ {reason}"


class PetitionForm(LateReasonMixin, _AgencyMixin, forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan xử lý", queryset=Agency.objects.none())
    received_on = VnDateField(label="Ngày nhận đơn")
    receipt_no = forms.CharField(
        label="Số vào sổ", required=False, max_length=40, help_text="Bỏ trống để tự đánh số."
    )
    channel = forms.ChoiceField(
        label="Nguồn đơn",
        choices=[c for c in Petition.Channel.choices if c[0] != Petition.Channel.PORTAL],
    )
    type = forms.ChoiceField(label="Loại đơn", choices=PetitionType.choices)
    field = forms.ChoiceField(label="Lĩnh vực", choices=PetitionField.choices)
    decision_received_on = VnDateField(
        label="Ngày nhận hoặc biết quyết định, hành vi bị khiếu nại",
        required=False,
        help_text="Đơn khiếu nại: để kiểm tra thời hiệu khiếu nại.",
    )
    addressed_to = forms.CharField(label="Đơn gửi đến", required=False, max_length=255)
    sender_kind = forms.ChoiceField(label="Người gửi là", choices=Petition.SenderKind.choices)
    is_anonymous = forms.BooleanField(label="Đơn nặc danh / không rõ người gửi", required=False)
    sender_name = forms.CharField(label="Họ tên / tên tổ chức", required=False, max_length=255)
    sender_id_number = forms.CharField(label="Số CCCD", required=False, max_length=20)
    sender_address = forms.CharField(label="Địa chỉ", required=False, max_length=255)
    sender_phone = forms.CharField(label="Điện thoại", required=False, max_length=30)
    sender_email = forms.EmailField(label="Thư điện tử", required=False)
    co_senders = forms.IntegerField(
        label="Số người cùng ký (ngoài người đứng tên)", min_value=0, initial=0, required=False
    )
    unit = forms.ModelChoiceField(label="Địa bàn", queryset=AreaUnit.objects.none(), required=False)
    summary = forms.CharField(label="Trích yếu", required=False, max_length=255)
    content = forms.CharField(label="Nội dung đơn", widget=forms.Textarea(attrs={"rows": 5}))
    is_over_level = forms.BooleanField(label="Đơn vượt cấp", required=False)
    files = forms.FileField(label="Tệp đính kèm", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_agency(user)
        self._setup_late()
        if not self.is_bound:
            self.fields["received_on"].initial = clock.today()

    def clean(self):
        data = super().clean()
        if (
            data.get("type") == PetitionType.DENUNCIATION
            and not data.get("is_anonymous")
            and not (data.get("sender_name") or "").strip()
        ):
            self.add_error(
                "sender_name",
                "Đơn tố cáo phải có họ tên người tố cáo, hoặc đánh dấu nặc danh "
                "(Luật Tố cáo 2018 điều 25: đơn nặc danh không thụ lý là tố cáo).",
            )
        return data


class ClassifyForm(forms.Form):
    type = forms.ChoiceField(label="Loại đơn", choices=PetitionType.choices)
    field = forms.ChoiceField(label="Lĩnh vực", choices=PetitionField.choices)
    meets_conditions = forms.ChoiceField(label="Đủ điều kiện xử lý", choices=YES_NO_UNKNOWN[1:])
    in_competence = forms.ChoiceField(label="Thuộc thẩm quyền", choices=YES_NO_UNKNOWN[1:])
    complaint_round = forms.TypedChoiceField(
        label="Khiếu nại lần", choices=[(1, "Lần đầu"), (2, "Lần hai")], coerce=int, initial=1
    )
    is_over_level = forms.BooleanField(label="Vượt cấp", required=False)
    is_mass = forms.BooleanField(label="Đông người", required=False)
    is_complex = forms.BooleanField(label="Vụ việc phức tạp", required=False)
    is_remote = forms.BooleanField(label="Vùng sâu, vùng xa", required=False)

    def cleaned(self):
        d = dict(self.cleaned_data)
        d["meets_conditions"] = _tri(d["meets_conditions"])
        d["in_competence"] = _tri(d["in_competence"])
        return d


class DocForm(LateReasonMixin, forms.Form):
    """A handling step with its dated document number (dated inside a closed reporting
    period: the reason is asked before saving)."""

    on = VnDateField(label="Ngày")
    doc_no = forms.CharField(label="Số văn bản", max_length=60, required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["on"].initial = clock.today()
        self._setup_late()


def _reveal_grounds():
    from noichinh.portal.models import RevealGround

    return [("", "— Không chuyển kèm danh tính —"), *RevealGround.choices]


class ForwardForm(DocForm):
    to_agency = forms.ModelChoiceField(
        label="Chuyển đến cơ quan", queryset=Agency.objects.none(), required=False
    )
    to_name = forms.CharField(label="hoặc cơ quan ngoài hệ thống", required=False, max_length=255)
    include_identity = forms.BooleanField(label="Chuyển kèm danh tính người tố cáo", required=False)
    identity_ground = forms.ChoiceField(
        label="Căn cứ chuyển kèm danh tính", required=False, choices=_reveal_grounds
    )
    identity_reason = forms.CharField(label="Lý do chuyển kèm danh tính", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = Agency.objects.filter(
            Agency.valid_on_q(clock.today())
        ).order_by("name")


class SuspendForm(DocForm):
    reason = forms.CharField(label="Lý do tạm đình chỉ", widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(DocForm):
    variant = forms.ChoiceField(label="Gia hạn theo", choices=[])

    def __init__(self, *args, variants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = [(v, v) for v in variants]


class ResolveForm(DocForm):
    result = forms.ChoiceField(
        label="Kết quả", choices=[("", "—")] + Petition.Result.choices, required=False
    )
    recovered_vnd = forms.IntegerField(
        label="Kiến nghị thu hồi tiền (đồng)", min_value=0, required=False
    )
    recovered_land_m2 = forms.IntegerField(
        label="Kiến nghị thu hồi đất (m²)", min_value=0, required=False
    )
    people_handled = forms.IntegerField(
        label="Số người kiến nghị xử lý", min_value=0, required=False
    )


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label="Cán bộ xử lý", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, petition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = User.objects.filter(
            agency_id=petition.agency_id, is_active=True, role__in=[User.OFFICER, User.HEAD]
        ).order_by("full_name")


class DuplicateForm(forms.Form):
    original = forms.IntegerField(widget=forms.HiddenInput)
    as_repeat = forms.BooleanField(label="Đơn gửi lại (nhiều lần)", required=False)


class ImportUploadForm(forms.Form):
    agency = forms.ModelChoiceField(label="Sổ của cơ quan", queryset=Agency.objects.none())
    kind = forms.ChoiceField(
        label="Loại sổ", choices=[("petition", "Sổ đơn"), ("visit", "Sổ tiếp công dân")]
    )
    file = forms.FileField(label="Tệp XLSX hoặc CSV")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agencies_for(user)
        if user.agency_id and not self.is_bound:
            self.fields["agency"].initial = user.agency_id
