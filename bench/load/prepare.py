"""Issue API tokens for the load test's officers and count what is there before the run.

python bench/load/prepare.py tokens OUT.json N     # N officers of petition-handling agencies
python bench/load/prepare.py count MARKER          # writes carrying MARKER, by kind (JSON)
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from noichinh.briefings import permissions as task_rules  # noqa: E402
from noichinh.briefings.models import Task, TaskUpdate  # noqa: E402
from noichinh.org.models import ApiToken, User  # noqa: E402
from noichinh.petitions.models import Petition, Transition, Visit  # noqa: E402

HANDLERS = ("TTT", "BTCD", "CA", "UBND", "VKS")


def tokens(out: str, n: int) -> None:
    officers = list(
        User.objects.filter(role=User.OFFICER, agency__code__in=HANDLERS).order_by("username")[:n]
    )
    if not officers:
        sys.exit("no officers: run manage.py generate_province first")
    tasks = list(Task.objects.prefetch_related("coordinators"))
    data = [
        {
            "token": ApiToken.issue(u, name="load")[1],
            "agency_id": u.agency_id,
            # the meeting tasks this officer may report progress on
            "task_ids": [t.pk for t in tasks if task_rules.can_report_task_progress(u, t)],
        }
        for u in officers
    ]
    Path(out).write_text(json.dumps(data))
    print(f"{len(data)} officers")


def count(marker: str) -> None:
    """What the run stored, by write kind (the keys of the locustfile's ACKED)."""
    tag = f"[{marker}]"
    stored = {
        "petition": Petition.objects.filter(content__contains=tag).count(),
        "classify": Transition.objects.filter(
            action="classify", petition__content__contains=tag
        ).count(),
        "visit": Visit.objects.filter(content__contains=tag).count(),
        "progress": TaskUpdate.objects.filter(note__contains=tag).count(),
    }
    print(json.dumps(stored))


if __name__ == "__main__":
    if sys.argv[1] == "tokens":
        tokens(sys.argv[2], int(sys.argv[3]))
    else:
        count(sys.argv[2])
