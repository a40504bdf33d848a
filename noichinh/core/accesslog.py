"""Access logs that keep no query string.

Query strings carry what officers search for (`?q=` a person's name, an ID number) and what a
citizen types on the portal (a receipt code); a login redirect repeats them in `?next=`, and the
Referer and Location headers repeat them again. The access log keeps the method, the path, the
status, sizes and timings, never the part after "?".

- gunicorn: `--logger-class noichinh.core.gunicorn_log.GunicornLogger` (docs/deploy.md), whatever
  the access log format;
- runserver: the `django.server` logger's filter `StripQueryStringFilter` (config/settings.py).
"""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")


def strip_query(text):
    """Drop every "?…" (up to the next space or quote) from a request line or URL."""
    if not isinstance(text, str) or "?" not in text:
        return text
    return _QUERY.sub("", text)


class StripQueryStringFilter(logging.Filter):
    """For runserver's `django.server` records ("GET /petitions/?q=… HTTP/1.1" 200 …)."""

    def filter(self, record):
        record.msg = strip_query(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(strip_query(a) for a in record.args)
        return True
