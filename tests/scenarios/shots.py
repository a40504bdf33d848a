"""Screenshots taken by the browser tests: layout checks against stored images, and the
guide's pictures (docs/huong-dan/img/).

``compare_screenshot(page, name)`` compares the viewport with tests/scenarios/screenshots/
``name``.png and returns the share of pixels that differ (Pillow); with UPDATE_SCREENSHOTS=1
(or ``pytest --update-screenshots``) it stores the new image instead. Regions whose content
changes from run to run (times, counters) are masked: mark them ``data-dynamic`` or pass
``mask`` selectors.

``guide_shot(page, name)`` saves the page for the guide when GUIDE_SHOTS=1 (``make docs``);
otherwise it does nothing. The guide may only show pictures named by a guide_shot call in the
tests (tests/core/test_guide.py checks it)."""

import io
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
GUIDE_IMG = ROOT / "docs" / "huong-dan" / "img"
# A pixel differs when a channel moves by more than this (anti-aliasing moves a few levels).
CHANNEL_TOLERANCE = 40
DYNAMIC = "[data-dynamic]"


def updating() -> bool:
    return os.environ.get("UPDATE_SCREENSHOTS") == "1"


def _shoot(page, mask=(), full_page=False) -> bytes:
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    locators = [page.locator(DYNAMIC)] + [page.locator(m) for m in mask]
    return page.screenshot(
        full_page=full_page,
        animations="disabled",
        caret="hide",
        mask=locators,
        mask_color="#888888",
    )


def diff_ratio(a: bytes, b: bytes) -> float:
    """Share of pixels (0..1) that differ beyond the tolerance; 1.0 when the sizes differ."""
    from PIL import Image, ImageChops

    first = Image.open(io.BytesIO(a)).convert("RGB")
    second = Image.open(io.BytesIO(b)).convert("RGB")
    if first.size != second.size:
        return 1.0
    diff = ImageChops.difference(first, second).convert("L")
    changed = sum(diff.point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0).histogram()[255:])
    return changed / (first.size[0] * first.size[1])


def compare_screenshot(page, name: str, *, mask=()) -> float:
    """The share of pixels that differ from the stored screenshot (0.0 when updating)."""
    shot = _shoot(page, mask)
    stored = SCREENSHOTS / f"{name}.png"
    if updating() or not stored.exists():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(shot)
        if not updating():
            raise AssertionError(
                f"{stored.name} was missing and is now stored: check it, commit it, run again."
            )
        return 0.0
    ratio = diff_ratio(stored.read_bytes(), shot)
    if ratio:
        (SCREENSHOTS / "last-run").mkdir(exist_ok=True)
        (SCREENSHOTS / "last-run" / f"{name}.png").write_bytes(shot)
    return ratio


def guide_shot(page, name: str, *, mask=(), full_page=False) -> None:
    """The picture ``name`` of the guide, saved only when GUIDE_SHOTS=1."""
    if os.environ.get("GUIDE_SHOTS") != "1":
        return
    GUIDE_IMG.mkdir(parents=True, exist_ok=True)
    (GUIDE_IMG / f"{name}.png").write_bytes(_shoot(page, mask, full_page=full_page))
