"""Widgets shared by every app's forms."""

from django import forms


class SearchableSelectMultiple(forms.SelectMultiple):
    """Several choices picked by typing part of a name ("VKS", "cong an" → "Công an tỉnh") and
    choosing from the list, instead of Ctrl+click in a list box.

    The page gets a plain ``<select multiple>``, which submits without JavaScript; the static
    ``js/multiselect.js`` turns each ``[data-searchable]`` select into a Tom Select box (vendored
    in ``static/vendor/tom-select``), also in content htmx swaps in. Matching folds Vietnamese
    marks, đ→d and case, and also looks at each option's ``data-search`` (an agency's full name
    behind its short name)."""

    def __init__(self, attrs=None, choices=()):
        defaults = {"size": 8, "data-searchable": "", "data-placeholder": "Gõ để tìm và chọn…"}
        super().__init__({**defaults, **(attrs or {})}, choices)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        full_name = getattr(getattr(value, "instance", None), "name", "")
        if full_name and full_name != str(label):
            option["attrs"]["data-search"] = full_name
        return option
