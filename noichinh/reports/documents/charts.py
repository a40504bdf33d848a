"""Charts as PNG (matplotlib, no display): the trend of an indicator over periods and its
breakdown by agency. Numbers on the axes in Vietnamese format."""

from __future__ import annotations

import io
import threading
from functools import cache, lru_cache

from noichinh.core.formats import vn_number

_LOCK = threading.Lock()
FONT = {"family": ["Liberation Sans", "DejaVu Sans"]}
COLOUR = "#9b1c1c"


@cache
def _mpl():
    """matplotlib, imported on the first chart only: it costs seconds at start-up."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.figure
    import matplotlib.ticker

    return matplotlib


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def tick(value) -> str:
    """An axis label in Vietnamese format, never "-0"."""
    value = round(float(value), 1)
    return vn_number(0 if value == 0 else value)


def _empty(fig, ax, title: str) -> bytes:
    ax.set_axis_off()
    ax.text(0.5, 0.5, "Chưa có số liệu", ha="center", va="center", fontsize=11, color="#666")
    ax.set_title(title, fontsize=11)
    return _png(fig)


def _axes(width=7.0, height=3.2):
    mpl = _mpl()
    fig = mpl.figure.Figure(figsize=(width, height))
    ax = fig.add_subplot(1, 1, 1)
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _pos: tick(v)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    return fig, ax


def drawn(kind: str, title: str, data: tuple, unit: str = "") -> bytes:
    """The PNG of a chart of ``kind`` ("trend" or "breakdown"), drawn once per distinct
    figures: the same report (an issued version, a draft built again) reuses it instead of
    running matplotlib again (≈250 ms for two charts, issue 21)."""
    return _drawn(kind, title, tuple(tuple(row) for row in data), unit)


@lru_cache(maxsize=64)  # the last 64 charts; a PNG is tens of kB
def _drawn(kind: str, title: str, data: tuple, unit: str) -> bytes:
    draw = {"trend": trend_png, "breakdown": breakdown_png}[kind]
    return draw(title, list(data), unit)


drawn.cache_clear = _drawn.cache_clear


def trend_png(title: str, points: list[tuple[str, object]], unit: str = "") -> bytes:
    """A bar per period (missing values left empty), the value written above each bar."""
    with _LOCK, _mpl().rc_context({"font.family": FONT["family"]}):
        fig, ax = _axes()
        labels = [label for label, _v in points]
        values = [float(v) if v is not None else 0.0 for _l, v in points]
        if not any(values):
            return _empty(fig, ax, title + (f" ({unit})" if unit else ""))
        ax.set_ylim(0, max(values) * 1.15)
        bars = ax.bar(labels, values, color=COLOUR, width=0.55)
        for bar, (_label, value) in zip(bars, points, strict=True):
            text = vn_number(value) if value is not None else "—"
            ax.annotate(
                text,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=9,
            )
        ax.set_title(title + (f" ({unit})" if unit else ""), fontsize=11)
        ax.tick_params(axis="x", labelsize=9)
        return _png(fig)


def breakdown_png(title: str, rows: list[tuple[str, object]], unit: str = "") -> bytes:
    """Horizontal bars by agency (largest at the top)."""
    rows = rows[:15]
    with _LOCK, _mpl().rc_context({"font.family": FONT["family"]}):
        fig, ax = _axes(height=max(2.2, 0.38 * len(rows) + 1.0))
        full_title = title + (f" ({unit})" if unit else "")
        if not any(v for _n, v in rows):
            return _empty(fig, ax, full_title)
        ax.xaxis.set_major_formatter(_mpl().ticker.FuncFormatter(lambda v, _pos: tick(v)))
        ax.set_xlim(0, max(float(v or 0) for _n, v in rows) * 1.15)
        ax.yaxis.set_major_formatter(_mpl().ticker.NullFormatter())
        names = [name for name, _v in reversed(rows)]
        values = [float(v or 0) for _n, v in reversed(rows)]
        ax.barh(range(len(rows)), values, color=COLOUR, height=0.6)
        ax.set_yticks(range(len(rows)), labels=names, fontsize=9)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.grid(axis="y", visible=False)
        for i, value in enumerate(values):
            ax.annotate(
                vn_number(value),
                (value, i),
                va="center",
                fontsize=8,
                xytext=(3, 0),
                textcoords="offset points",
            )
        ax.set_title(title + (f" ({unit})" if unit else ""), fontsize=11)
        return _png(fig)


def grouped_png(title: str, labels: list[str], series: list[tuple[str, list]]) -> bytes:
    """Bars of each series side by side per label, with a legend; empty says so."""
    with _LOCK, _mpl().rc_context({"font.family": FONT["family"]}):
        fig, ax = _axes()
        values = [[float(v or 0) for v in vals] for _n, vals in series]
        if not any(v for vals in values for v in vals):
            return _empty(fig, ax, title)
        width = 0.8 / max(1, len(series))
        colours = [COLOUR, "#2f5f8a", "#7a7a7a", "#c58b00"]
        for i, ((name, _vals), vals) in enumerate(zip(series, values, strict=True)):
            xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(labels))]
            ax.bar(xs, vals, width=width, label=name, color=colours[i % len(colours)])
        ax.set_xticks(range(len(labels)), labels=labels, fontsize=8)
        ax.set_ylim(0, max(v for vals in values for v in vals) * 1.15)
        ax.legend(fontsize=8, frameon=False)
        ax.set_title(title, fontsize=11)
        return _png(fig)
