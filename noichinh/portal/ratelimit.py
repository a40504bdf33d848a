"""Cache-based rate limits for the public portal (per client address and per receipt code).

Limits are settings so they stay configurable: PORTAL_RATE_LIMITS = {scope: (count, seconds)}.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULTS = {
    "submit_ip": (10, 3600),  # submissions per address per hour
    "lookup_ip": (30, 600),  # code look-ups per address per 10 minutes
    "code": (30, 600),  # uses of one receipt code per 10 minutes
    "reply_ip": (20, 3600),  # replies and protection requests per address per hour
}


def limits() -> dict:
    return {**DEFAULTS, **getattr(settings, "PORTAL_RATE_LIMITS", {})}


def client_address(request) -> str:
    """The client address; X-Forwarded-For only when the proxy is trusted (BEHIND_PROXY)."""
    if getattr(settings, "PORTAL_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, key: str) -> bool:
    """Count one use of ``scope`` by ``key``; False when the limit is exceeded."""
    count, window = limits()[scope]
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"portal:rl:{scope}:{digest}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 5):
        used = 1
    else:
        try:
            used = cache.incr(cache_key)
        except ValueError:
            cache.set(cache_key, 1, timeout=window + 5)
            used = 1
    return used <= count
