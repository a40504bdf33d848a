from django import template

from noichinh.core import formats

register = template.Library()

register.filter("vn_number", formats.vn_number)
register.filter("vn_money", formats.vn_money)
register.filter("vn_percent", formats.vn_percent)
register.filter("vn_date", formats.vn_date)
register.filter("vn_datetime", formats.vn_datetime)


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs):
    """The current query string with some parameters replaced (pagination, sort)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"
