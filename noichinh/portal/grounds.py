"""The grounds and reason of a disclosure of a denouncer's identity live in
``noichinh.petitions.grounds`` (a forward with the identity checks them too); the portal reads
them from here."""

from noichinh.petitions.grounds import (  # noqa: F401
    REASON_MIN_WORDS,
    RevealGround,
    require_ground,
    require_reason,
)
