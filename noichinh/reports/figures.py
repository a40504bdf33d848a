"""Computed indicators: the look-up of register figure functions (the FIGURES contract).

Each register app may expose ``noichinh.<app>.figures.FIGURES: dict[str, Callable]`` with
``fn(*, agency_ids, unit_ids, start, end) -> int``. An indicator whose code is found nowhere
has no source yet: reports show "chưa có nguồn" and never a made-up number.

A figure function may carry ``fn.compute_ranges(codes, *, agency_ids, unit_ids, ranges) ->
[{code: int}, …]`` (one dict per (start, end) of ``ranges``): ``compute`` then asks for all
the figures that share it, over all the periods, in one call (the register does it in a few
grouped queries), instead of one call per figure and period. If that call fails, each figure
is computed on its own so that one broken figure does not hide the others.

A figure function may also carry ``fn.data_since(codes) -> {code: date | None}``: the first
day its register holds any record (``date.max`` while it holds none). A period that ends before it shows "—" (no data yet),
never 0 and a change of "+2.678" against nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, transaction

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


def _guarded(call: Callable, /, *args, **kwargs):
    """``call(*args, **kwargs)``; a failing query must not spoil the caller's transaction."""
    if connection.in_atomic_block:
        with transaction.atomic():
            return call(*args, **kwargs)
    return call(*args, **kwargs)


def compute(
    codes: Iterable[str], *, agency_ids, unit_ids, ranges: Sequence[tuple[dt.date, dt.date]]
) -> dict[str, list[tuple[object, bool]]]:
    """For each code, a (value, available) per (start, end) of ``ranges``: (None, False) when
    the code has no source or its function failed."""
    ranges = list(ranges)
    scope = dict(agency_ids=agency_ids, unit_ids=unit_ids)
    out: dict[str, list[tuple[object, bool]]] = {}
    batches: dict[Callable, list[tuple[str, Callable]]] = {}
    singles: list[tuple[str, Callable]] = []
    for code in dict.fromkeys(codes):
        fn = figure_function(code)
        if fn is None:
            out[code] = [(None, False)] * len(ranges)
        elif callable(getattr(fn, "compute_ranges", None)):
            batches.setdefault(fn.compute_ranges, []).append((code, fn))
        else:
            singles.append((code, fn))
    for batch, items in batches.items():
        wanted = [code for code, _fn in items]
        try:
            values = _guarded(batch, wanted, **scope, ranges=ranges)
            for code in wanted:
                out[code] = [(per_range[code], True) for per_range in values]
        except Exception:
            log.exception("figures %s failed together; computing them one by one", wanted)
            singles.extend(items)
    for code, fn in singles:
        results = []
        for start, end in ranges:
            try:
                results.append((_guarded(fn, **scope, start=start, end=end), True))
            except Exception:
                log.exception("figure %s failed", code)
                results.append((None, False))
        out[code] = results
    return out


def data_since(codes: Iterable[str]) -> dict[str, dt.date | None]:
    """For each code, the first day its register holds a record (``date.max``: none yet;
    None: the register does not say, the figures are then shown as computed)."""
    out: dict[str, dt.date | None] = {}
    batches: dict[Callable, list[str]] = {}
    for code in dict.fromkeys(codes):
        fn = figure_function(code)
        since = getattr(fn, "data_since", None) if fn is not None else None
        if callable(since):
            batches.setdefault(since, []).append(code)
        else:
            out[code] = None
    for since, wanted in batches.items():
        try:
            got = since(wanted)  # a read of the first date: no savepoint needed
        except Exception:
            log.exception("data_since of %s failed", wanted)
            got = {}
        for code in wanted:
            out[code] = got.get(code)
    return out
