"""The main menu: the links each app adds in its ``AppConfig.ready()``, grouped by register.

An app registers ``MenuItem(label, url name, group, allowed=..., order=...)``; ``groups(user,
own=...)`` builds the menu for a user: the overview, then the registers (the user's own first,
chosen by the accounts app: ``org.permissions.own_register``), each a group of links, then the
guide. A link whose URL does not exist is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from noichinh.core.registry import Registry

# Registers of the navigation, each a group of the menu (a drop-down on a wide screen).
PETITIONS, CASES, REPORTS, BRIEFINGS, REFERENCE = (
    "petitions",
    "cases",
    "reports",
    "briefings",
    "reference",
)
GROUP_LABELS = {
    PETITIONS: gettext_noop("Tiếp dân, đơn thư"),
    CASES: gettext_noop("Vụ án, vụ việc"),
    REPORTS: gettext_noop("Báo cáo"),
    BRIEFINGS: gettext_noop("Giao ban, nhiệm vụ"),
    REFERENCE: gettext_noop("Danh mục"),
}
GROUP_ORDER = [PETITIONS, CASES, REPORTS, BRIEFINGS, REFERENCE]


def everyone(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class MenuItem:
    label: str  # marked with gettext_noop, translated when the menu is built
    url_name: str
    group: str | None  # None: a plain link (the overview first, the guide last)
    allowed: Callable[[Any], bool] = everyone
    order: int = 0  # the place in its group


ITEMS: Registry[MenuItem] = Registry("menu items")


def register(*items: MenuItem) -> None:
    for item in items:
        ITEMS.register(item.url_name, item, order=item.order)


def groups(user: Any, *, own: str) -> list[dict]:
    """The menu of ``user``, the group ``own`` first. An entry with ``label`` None is a plain
    link."""
    items: dict[str | None, list[dict]] = {}
    for item in ITEMS:
        if not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.setdefault(item.group, []).append(
            {"label": _(item.label), "url": url, "name": item.url_name}
        )
    order = [own] + [g for g in GROUP_ORDER if g != own]
    entries = [{"label": None, "key": "home", "items": [i]} for i in items.get(None, [])[:1]]
    for group in order:
        if items.get(group):
            entries.append({"label": _(GROUP_LABELS[group]), "key": group, "items": items[group]})
    entries += [{"label": None, "key": "guide", "items": [i]} for i in items.get(None, [])[1:]]
    return entries
