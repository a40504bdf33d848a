"""Rate limits for the public portal, per client address and per receipt code.

Limits are settings so they stay configurable: PORTAL_RATE_LIMITS = {scope: (count, seconds)}.
The counters live in Django's default cache, which settings make a store every gunicorn
worker shares and that survives a restart (the database, or Redis when REDIS_URL is set);
the client address comes from the trusted proxy (BEHIND_PROXY hops, see ``client_address``).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from noichinh.core.client import client_address  # noqa: F401  (the portal's views read it here)

DEFAULTS = {
    "submit_ip": (10, 3600),  # submissions per address per hour
    "lookup_ip": (30, 600),  # code look-ups per address per 10 minutes
    "code": (30, 600),  # uses of one receipt code per 10 minutes
    "reply_ip": (20, 3600),  # replies and protection requests per address per hour
}


def limits() -> dict:
    return {**DEFAULTS, **getattr(settings, "PORTAL_RATE_LIMITS", {})}


def hit(scope: str, key: str) -> bool:
    """Count one use of ``scope`` by ``key``; False when the limit is exceeded."""
    count, window = limits()[scope]
    now = time.time()
    bucket = int(now // window)
    ttl = int((bucket + 1) * window - now) + 5  # to the end of this window
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"portal:rl:{scope}:{digest}:{bucket}"
    if cache.add(cache_key, 1, timeout=ttl):
        return 1 <= count
    try:
        used = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=ttl)
        return 1 <= count
    return used <= count
