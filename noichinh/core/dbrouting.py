"""Reads of read-only pages from a PostgreSQL replica; everything else on the primary.

With DATABASE_REPLICA_URL set, settings add the alias ``replica`` and this router. A view
marked ``@replica_reads`` (lists, figures, reports, exports) runs its reads on the replica,
unless the same browser wrote something a moment ago (REPLICA_STICKY_SECONDS: a cookie set
after every write request keeps its reads on the primary, so an officer sees what they just
saved). Writes always go to the primary, and so do reads inside a transaction on the primary
(``select_for_update``, a read before a write) and inside ``on_primary()`` (work that writes,
such as the daily-figures refresh). Without a replica everything is the primary.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import time

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
STICKY_COOKIE = "nc_primary_until"

_reads_on_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reads_on_replica", default=False
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def read_alias() -> str:
    if (
        _reads_on_replica.get()
        and replica_configured()
        and not connections[PRIMARY].in_atomic_block
    ):
        return REPLICA
    return PRIMARY


@contextlib.contextmanager
def replica_reads_here():
    token = _reads_on_replica.set(True)
    try:
        yield
    finally:
        _reads_on_replica.reset(token)


@contextlib.contextmanager
def on_primary():
    """Reads in here go to the primary: work that writes, or reads what was just written."""
    token = _reads_on_replica.set(False)
    try:
        yield
    finally:
        _reads_on_replica.reset(token)


def replica_reads(view):
    """Mark a read-only view: for GET and HEAD its reads are served by the replica (when one
    is configured and this browser did not write within REPLICA_STICKY_SECONDS), a streamed
    response's too."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (replica_configured() and request.method in SAFE and not wrote_recently(request)):
            return view(request, *args, **kwargs)
        with replica_reads_here():
            response = view(request, *args, **kwargs)
        if getattr(response, "streaming", False):
            response.streaming_content = _on_replica(response.streaming_content)
        return response

    wrapper.reads_from_replica = True  # type: ignore[attr-defined]  # a marker on the view
    return wrapper


def _on_replica(chunks):
    iterator = iter(chunks)
    while True:
        with replica_reads_here():
            chunk = next(iterator, _END)
        if chunk is _END:
            return
        yield chunk


_END = object()
SAFE = {"GET", "HEAD"}


def wrote_recently(request) -> bool:
    value = request.COOKIES.get(STICKY_COOKIE, "")
    return value.isdigit() and int(value) > time.time()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


class ReplicaMiddleware:
    """After a write request, keeps this browser's reads on the primary for
    REPLICA_STICKY_SECONDS (a cookie), so what was just saved is what the next page shows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE and replica_configured():
            seconds = settings.REPLICA_STICKY_SECONDS
            response.set_cookie(
                STICKY_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


def primary_only(func):
    """Decorator form of ``on_primary``."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with on_primary():
            return func(*args, **kwargs)

    return wrapper
