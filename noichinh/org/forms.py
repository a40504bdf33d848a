from django import forms
from django.utils.translation import gettext_lazy as _

from noichinh.core.forms import VnDateField
from noichinh.core.widgets import SearchableSelectMultiple
from noichinh.org.models import AreaSuccession, AreaUnit


class ReorganiseForm(forms.Form):
    predecessors = forms.ModelMultipleChoiceField(
        label=_("Đơn vị bị sáp nhập, giải thể hoặc đổi tên"),
        queryset=AreaUnit.objects.filter(valid_to__isnull=True).order_by("level", "name"),
        widget=SearchableSelectMultiple,
    )
    kind = forms.ChoiceField(label=_("Loại thay đổi"), choices=AreaSuccession.KINDS)
    effective_date = VnDateField(label=_("Ngày hiệu lực"))
    decision = forms.CharField(label=_("Căn cứ (số nghị quyết, quyết định)"), max_length=255)
    successor = forms.ModelChoiceField(
        label=_("Đơn vị kế thừa đã có"),
        required=False,
        queryset=AreaUnit.objects.filter(valid_to__isnull=True).order_by("level", "name"),
        help_text=_("Bỏ trống để tạo đơn vị mới bên dưới."),
    )
    successor_code = forms.CharField(label=_("Mã đơn vị mới"), max_length=20, required=False)
    successor_name = forms.CharField(label=_("Tên đơn vị mới"), max_length=150, required=False)
    successor_level = forms.ChoiceField(
        label=_("Cấp đơn vị mới"), choices=[("", "—"), *AreaUnit.LEVELS], required=False
    )
    successor_parent = forms.ModelChoiceField(
        label=_("Trực thuộc"),
        required=False,
        queryset=AreaUnit.objects.filter(valid_to__isnull=True),
    )
