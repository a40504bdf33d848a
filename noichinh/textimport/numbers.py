"""The Vietnamese number format the extraction reads: it lives in ``noichinh.core.numbers``
(the forms of every app parse typed numbers with it too); the extraction stages import it
from here."""

from noichinh.core.numbers import (  # noqa: F401
    MULTIPLIER_WORD,
    MULTIPLIERS,
    NUMBER_CORE,
    apply_multipliers,
    format_vn_number,
    number_core_value,
    parse_vn_number,
    to_python_number,
)
