"""Synthetic records in bulk, one module per area (``generate/province.py`` calls them)."""
