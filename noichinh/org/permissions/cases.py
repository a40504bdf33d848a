"""Access rules for the cases area."""

__all__: list[str] = []
