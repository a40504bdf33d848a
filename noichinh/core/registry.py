"""Extension points of the ground floor, filled by the apps above it.

core imports no app (docs/architecture.md, "Layers"). Where it needs something from the apps
(the menu's links, the home page's panels, the periodic jobs, who recomputes due dates after
a calendar change), each app registers it in its ``AppConfig.ready()``; an app lower down
that needs one from higher up (petitions' escalation job, running the tasks' and the stages'
too) keeps a registry the same way. ``order`` is the place the page or the run keeps (lower
first); registering a key again replaces its entry, so a second ``ready()`` adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, tuple[int, T]] = {}

    def register(self, key: str, entry: T, *, order: int) -> T:
        self._entries[key] = (order, entry)
        return entry

    def __iter__(self) -> Iterator[T]:
        # sorted() is stable: entries of the same order keep the order they were registered in.
        return iter([entry for _order, entry in sorted(self._entries.values(), key=_by_order)])

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self)}>"


def _by_order(item: tuple[int, object]) -> int:
    return item[0]
