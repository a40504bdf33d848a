"""The project's URLs plus an empty view: the framework's floor for the benchmarks."""

from django.urls import path

from bench.common import EMPTY_URL, empty_view
from config.urls import *  # noqa: F403
from config.urls import urlpatterns as _project

urlpatterns = [path(EMPTY_URL.strip("/") + "/", empty_view), *_project]
