"""The draft the extraction proposes (nothing is stored), its parts and the reading limits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_TEXT_BYTES = 1_048_576  # 1 MiB of UTF-8


class ExtractionError(ValueError):
    """The text cannot be read; ``message_vi`` says why, in Vietnamese, for the user."""

    def __init__(self, message_vi: str):
        super().__init__(message_vi)
        self.message_vi = message_vi


@dataclass
class Indicator:
    text: str
    value: int | float
    qualifier: str
    unit: str
    subject: str
    indicator_code: str | None
    span: list[int]
    # A change a report quotes ("tăng 45 vụ", "giảm 18 vụ so với cùng kỳ"): its direction,
    # "increase" or "decrease", and what it is measured against, as written; None for a level.
    change: str | None = None
    reference: str | None = None


@dataclass
class Task:
    text: str
    agency: str | None
    span: list[int]


@dataclass
class Award:
    issuer: str | None
    form: str
    collectives: int
    individuals: int
    span: list[int]


@dataclass
class DraftWarning:
    message: str
    span: list[int] | None = None


@dataclass
class Draft:
    event_type: str = "conference"
    blocs: list[str] = field(default_factory=list)
    province: str | None = None
    date: str | None = None
    period: str | None = None
    steering_committee: str | None = None
    chair_name: str | None = None
    chair_titles: list[str] = field(default_factory=list)
    co_chairs: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    warnings: list[DraftWarning] = field(default_factory=list)
    # Spans of the event and chair fields ("period", "date", "province", "chair", ...),
    # for highlighting; not part of to_dict().
    spans: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "event": {
                "type": self.event_type,
                "blocs": list(self.blocs),
                "province": self.province,
                "date": self.date,
                "period": self.period,
                "steering_committee": self.steering_committee,
            },
            "chair": {
                "name": self.chair_name,
                "titles": list(self.chair_titles),
                "co_chairs": list(self.co_chairs),
            },
            "indicators": [asdict(i) for i in self.indicators],
            "tasks": [asdict(t) for t in self.tasks],
            "awards": [asdict(a) for a in self.awards],
            "warnings": [asdict(w) for w in self.warnings],
        }
