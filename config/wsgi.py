import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# With DEBUG off, no server starts with an unset or published secret (gunicorn's workers fail to
# boot and gunicorn exits; runserver stops).
from noichinh.core.checks import refuse_published_secrets  # noqa: E402

refuse_published_secrets()

# Load the URL configuration (and with it every app's views) now, in each worker before its
# first request, not on the first request (a cold worker stalled its first requests).
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
