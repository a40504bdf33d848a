"""Access rules for the public portal and whistleblower protection."""

__all__: list[str] = []
