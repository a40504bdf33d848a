"""All access rules, in one place. Views, the API and exports go through these.

Each domain area keeps its predicates in a module of this package (base, petitions, cases,
reports, briefings); they are re-exported here so callers write
``from noichinh.org import permissions`` and ``permissions.can_…(user, obj)``.
"""

from noichinh.org.permissions.base import *  # noqa: F401,F403
from noichinh.org.permissions.briefings import *  # noqa: F401,F403
from noichinh.org.permissions.cases import *  # noqa: F401,F403
from noichinh.org.permissions.exchange import *  # noqa: F401,F403
from noichinh.org.permissions.navigation import navigation, navigation_groups  # noqa: F401
from noichinh.org.permissions.petitions import *  # noqa: F401,F403
from noichinh.org.permissions.portal import *  # noqa: F401,F403
from noichinh.org.permissions.reports import *  # noqa: F401,F403
from noichinh.org.permissions.textimport import *  # noqa: F401,F403
