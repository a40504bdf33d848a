"""Access rules for the reports area."""

__all__: list[str] = []
