"""The client's address, the project's one rule for it (the portal's rate limits, the login
lockout, the access log)."""

import ipaddress

from django.conf import settings


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
