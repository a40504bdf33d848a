"""The home page's panels: each app registers a ``panels(user) -> list[dict]`` in its
``AppConfig.ready()`` (each dict names its ``template``); the ground floor's own is the
administrator's panel of periodic jobs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from noichinh.core import jobs, permissions
from noichinh.core.registry import Registry

PanelsFunction = Callable[[Any], list[dict]]

PANELS: Registry[PanelsFunction] = Registry("home-page panels")


def register(func: PanelsFunction, *, order: int) -> None:
    PANELS.register(f"{func.__module__}.{func.__qualname__}", func, order=order)


def panels(user: Any) -> list[dict]:
    """Every panel the user's home page shows, in the registered order."""
    out: list[dict] = []
    for func in PANELS:
        out.extend(func(user))
    return out


def job_panels(user: Any) -> list[dict]:
    """When each periodic job last ran, and how: for the administrator."""
    if not permissions.is_admin(user):
        return []
    return [{"template": "core/jobs_panel.html", "jobs": jobs.job_states()}]
