"""The shared access predicates (roles, agency visibility) every app builds on.

Each app keeps its own rules next to its models, in ``noichinh/<app>/permissions.py``
(predicates, queryset filters and their ``require_…`` forms), built on ``base``. Callers in an
app write ``from noichinh.<app> import permissions``; the shared predicates are re-exported there.
"""

from noichinh.org.permissions.base import *  # noqa: F401,F403
from noichinh.org.permissions.navigation import navigation, navigation_groups  # noqa: F401
