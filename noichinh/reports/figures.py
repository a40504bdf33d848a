"""Computed indicators: the look-up of register figure functions (the FIGURES contract).

Each register app may expose ``noichinh.<app>.figures.FIGURES: dict[str, Callable]`` with
``fn(*, agency_ids, unit_ids, start, end) -> int``. An indicator whose code is found nowhere
has no source yet: reports show "chưa có nguồn" and never a made-up number.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

REGISTER_APPS = ("petitions", "cases", "briefings")
NO_SOURCE = "chưa có nguồn"


def _registry(app: str) -> dict:
    name = f"noichinh.{app}.figures"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            log.warning("figures of %s cannot be imported: %s", app, exc)
        return {}
    except Exception as exc:  # another area's module under construction must not break reports
        log.warning("figures of %s cannot be imported: %s", app, exc)
        return {}
    figures = getattr(module, "FIGURES", None)
    return figures if isinstance(figures, dict) else {}


def figure_function(code: str) -> Callable | None:
    for app in REGISTER_APPS:
        fn = _registry(app).get(code)
        if fn is not None:
            return fn
    return None


def available_codes() -> set[str]:
    codes: set[str] = set()
    for app in REGISTER_APPS:
        codes |= set(_registry(app))
    return codes
