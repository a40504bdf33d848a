"""Rate limits for the public portal, per client address and per receipt code.

Limits are settings so they stay configurable: PORTAL_RATE_LIMITS = {scope: (count, seconds)}.
The counters live in Django's default cache, which settings make a store every gunicorn
worker shares and that survives a restart (the database, or Redis when REDIS_URL is set);
the client address comes from the trusted proxy (BEHIND_PROXY hops, see ``client_address``).
"""

import hashlib
import ipaddress
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
    """The citizen's address as the trusted proxies saw it.

    With ``BEHIND_PROXY = n`` (n proxies in front, each appending the address it received the
    request from, as nginx's ``$proxy_add_x_forwarded_for`` does), the client is the n-th
    X-Forwarded-For entry from the right; entries further left were written by the client
    and can be anything. Without a proxy, or when the header has fewer entries than trusted
    hops (the request did not come through them), REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    hops = int(getattr(settings, "BEHIND_PROXY", 0) or 0)
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


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
