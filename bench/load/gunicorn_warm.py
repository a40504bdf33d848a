"""gunicorn config for the load test (``-c``): only a hook, the settings are production's
command line in run.sh (docs/deploy.md).

A fresh worker imports the URLconf (every app's views and API routers, ~2 s of CPU) and
computes the year's public holidays (lunar calendar) on its first requests; on a busy
2-core machine five cold workers at once stalled the first requests of a run by 10-17 s.
This hook does that work before the worker accepts a connection, so a run measures warm
workers, and a worker that max-requests restarts mid-run never takes traffic cold. Each
warmed worker leaves its pid in $LOAD_WORKER_READY_DIR; run.sh waits for all of them.
"""

import os
from pathlib import Path


def post_worker_init(worker):
    from django.db import connections
    from django.urls import get_resolver

    from noichinh.core import clock
    from noichinh.core.selectors import due_date

    get_resolver().url_patterns  # noqa: B018 (imports config.urls and everything under it)
    due_date(rule="petition.handle", start=clock.today())
    connections.close_all()  # requests run in the worker's threads, with their own
    ready = os.environ.get("LOAD_WORKER_READY_DIR")
    if ready:
        Path(ready, str(os.getpid())).touch()
