"""Functions of the periodic jobs (``core.jobs.JOBS``) that have no service of their own."""

from noichinh.petitions import daily, figure_specs


def refresh_daily_figures() -> dict:
    """Recompute the marked days of the daily summary, so a report's first read is quick."""
    axes = list(figure_specs.AXES)
    daily.refresh(axes)
    return {"axes": len(axes)}
