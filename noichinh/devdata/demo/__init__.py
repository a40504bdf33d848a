"""The demo province's records, one module per area (``load_demo`` loads them in order)."""
