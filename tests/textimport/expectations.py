"""Load the articles in data/ and their hand-made expectations (shared with bench/)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def cases() -> list[tuple[str, str, dict]]:
    """(name, text, expected) for every data/NAME.txt that has a data/NAME.json."""
    found = []
    for text_path in sorted(DATA.glob("*.txt")):
        json_path = text_path.with_suffix(".json")
        if json_path.exists():
            found.append(
                (
                    text_path.stem,
                    text_path.read_text(encoding="utf-8"),
                    json.loads(json_path.read_text(encoding="utf-8")),
                )
            )
    return found


def indicator_key(indicator: dict) -> tuple:
    """What must be right for an indicator to count as found: value, qualifier, unit, change."""
    return (
        round(float(indicator["value"]), 6),
        indicator["qualifier"],
        indicator["unit"],
        indicator.get("change"),
    )
