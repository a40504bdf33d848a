"""Access rules for the briefings area."""

__all__: list[str] = []
