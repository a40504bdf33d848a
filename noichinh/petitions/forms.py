from django import forms

from noichinh.core import clock
from noichinh.core.forms import CountField, LateReasonMixin, MoneyField, VnDateField
from noichinh.org.models import AGENCY_ORDERING, Agency, AreaUnit, User
from noichinh.petitions import permissions
from noichinh.petitions.models import Petition, PetitionField, PetitionType, Visit

YES_NO_UNKNOWN = [("", "Chưa xác định"), ("1", "Có"), ("0", "Không")]


def _tri(value):
    return {"1": True, "0": False}.get(value)


def _agencies_for(user):
    qs = Agency.objects.filter(Agency.valid_on_q(clock.today())).order_by(*AGENCY_ORDERING)
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
    people_count = CountField(label="Số người", min_value=1, initial=1)
    representatives = forms.CharField(
        label="Người đại diện (đoàn đông người)", required=False, max_length=500
    )
    representative_count = CountField(
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
    co_senders = CountField(
        label="Số người cùng ký (ngoài người đứng tên)",
        noun="người cùng ký",
        min_value=0,
        initial=0,
        required=False,
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


class ActionForm(forms.Form):
    """A handling step's form on the petition page (``petitions.actions``): built alike for
    every step, ``Form(data, petition=…, variants=…, prefix=action)``; ``values()`` gives the
    step's inputs by the service's names."""

    def __init__(self, *args, petition=None, variants=(), **kwargs):
        self.petition = petition
        super().__init__(*args, **kwargs)

    def values(self) -> dict:
        return dict(self.cleaned_data)


class ClassifyForm(ActionForm):
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

    def __init__(self, *args, petition=None, **kwargs):
        if petition is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "type": petition.type,
                "field": petition.field,
                "meets_conditions": {True: "1", False: "0"}.get(petition.meets_conditions, "1"),
                "in_competence": {True: "1", False: "0"}.get(petition.in_competence, "1"),
                "complaint_round": petition.complaint_round,
                "is_over_level": petition.is_over_level,
                "is_mass": petition.is_mass,
                "is_complex": petition.is_complex,
                "is_remote": petition.is_remote,
            }
        super().__init__(*args, petition=petition, **kwargs)

    def values(self) -> dict:
        d = dict(self.cleaned_data)
        d["meets_conditions"] = _tri(d["meets_conditions"])
        d["in_competence"] = _tri(d["in_competence"])
        return d


class DocForm(LateReasonMixin, ActionForm):
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
    from noichinh.petitions.grounds import RevealGround

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
        super().__init__(*args, variants=variants, **kwargs)
        self.fields["variant"].choices = [(v, v) for v in variants]


class ResolveForm(DocForm):
    result = forms.ChoiceField(
        label="Kết quả", choices=[("", "—")] + Petition.Result.choices, required=False
    )
    recovered_vnd = MoneyField(label="Kiến nghị thu hồi tiền (đồng)", required=False)
    recovered_land_m2 = forms.IntegerField(
        label="Kiến nghị thu hồi đất (m²)", min_value=0, required=False
    )
    people_handled = CountField(label="Số người kiến nghị xử lý", min_value=0, required=False)


class AssignForm(ActionForm):
    officer = forms.ModelChoiceField(
        label="Cán bộ xử lý", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, petition, **kwargs):
        kwargs.setdefault("initial", {"officer": petition.assigned_officer_id})
        super().__init__(*args, petition=petition, **kwargs)
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


class ReceptionDayForm(forms.Form):
    """A day of the published reception schedule (``petitions.schedule``)."""

    agency = forms.ModelChoiceField(label="Cơ quan", queryset=Agency.objects.none())
    day = VnDateField(label="Ngày tiếp")
    leader = forms.ModelChoiceField(
        label="Tài khoản của lãnh đạo tiếp",
        queryset=User.objects.none(),
        required=False,
        help_text="Lượt tiếp do lãnh đạo này ghi vào ngày này được tính là lãnh đạo tiếp định kỳ.",
    )
    leader_name = forms.CharField(label="Lãnh đạo tiếp (họ tên)", max_length=150, required=False)
    leader_title = forms.CharField(label="Chức vụ", max_length=150, required=False)
    place = forms.CharField(label="Địa điểm", max_length=255)
    hours = forms.CharField(
        label="Thời gian",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Ví dụ: sáng, 7 giờ 30 đến 11 giờ 30"}),
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = _agencies_for(user)
        editable = permissions.reception_schedule_editable_ids(user)
        if editable is not None:
            agencies = agencies.filter(pk__in=editable)
        self.fields["agency"].queryset = agencies
        if user.agency_id and not self.is_bound and not self.initial.get("agency"):
            self.fields["agency"].initial = user.agency_id
        self.fields["leader"].queryset = User.objects.filter(
            is_active=True,
            agency__in=agencies,
            role__in=[User.HEAD, User.OFFICER, User.LEADERSHIP],
        ).order_by("full_name", "username")

    def clean(self):
        data = super().clean()
        leader = data.get("leader")
        if leader and not (data.get("leader_name") or "").strip():
            data["leader_name"] = leader.full_name or leader.username
            if not (data.get("leader_title") or "").strip():
                data["leader_title"] = leader.title
        if not (data.get("leader_name") or "").strip():
            self.add_error("leader_name", "Nhập họ tên lãnh đạo tiếp công dân.")
        return data


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        from noichinh.petitions.models import NotificationPreference

        model = NotificationPreference
        fields = ["email_digest", "email_escalations", "email_reminders"]
        labels = {
            "email_digest": "Nhận thư tổng hợp hằng ngày (đơn đến hạn trong tuần, đơn mới quá "
            "hạn, cảnh báo gửi tới tôi)",
            "email_escalations": "Nhận thư ngay khi có cảnh báo, báo cáo cấp trên gửi tới tôi",
            "email_reminders": "Nhận thư nhắc hạn xử lý đơn",
        }
