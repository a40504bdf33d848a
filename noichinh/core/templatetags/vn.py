from django import template

from noichinh.core import formats

register = template.Library()

register.filter("vn_number", formats.vn_number)
register.filter("vn_money", formats.vn_money)
register.filter("vn_percent", formats.vn_percent)
register.filter("vn_date", formats.vn_date)
register.filter("vn_datetime", formats.vn_datetime)
register.filter("dated_name", formats.dated_name)


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


@register.simple_tag(takes_context=True)
def hidden_query(context, *skip):
    """The current query as hidden inputs (the filter kept), leaving out ``skip``."""
    from django.utils.html import format_html_join

    query = context["request"].GET
    items = [(k, v) for k in query for v in query.getlist(k) if k not in skip]
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', items)


@register.simple_tag(takes_context=True)
def sort_th(context, key, label, css=""):
    """A column header that sorts by ``key``: the first click ascending, the next descending;
    the filter is kept and the page starts again."""
    from django.utils.html import format_html

    current = context["request"].GET.get("sort", "")
    if current == key:
        state, arrow, target = "ascending", " ▲", f"-{key}"
    elif current == f"-{key}":
        state, arrow, target = "descending", " ▼", key
    else:
        state, arrow, target = "", "", key
    href = querystring_with(context, sort=target, page=None)
    return format_html(
        '<th{}{}><a href="{}">{}</a>{}</th>',
        format_html(' class="{}"', css) if css else "",
        format_html(' aria-sort="{}"', state) if state else "",
        href,
        label,
        arrow,
    )


@register.simple_tag
def page_sizes():
    from noichinh.core.listing import PAGE_SIZES

    return PAGE_SIZES
