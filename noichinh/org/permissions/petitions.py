"""Access rules for the petitions area."""

__all__: list[str] = []
