"""Officers read Vietnamese on the pages, never the system's internal codes (rule codes,
history action codes, state codes)."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from noichinh.core import clock
from noichinh.core.models import TimeLimitRule
from noichinh.petitions import services
from noichinh.petitions.models import TRANSITION_ACTION_LABELS, Petition, Transition
from tests.petitions.factories import accepted_complaint

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 20)


def visible_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"(?s)<[^>]+>", " ", html)


def codes_on(text: str, codes) -> set[str]:
    return {c for c in codes if re.search(rf"(?<![\w.]){re.escape(c)}(?![\w.])", text)}


RULE_CODES = lambda: set(TimeLimitRule.objects.values_list("code", flat=True))  # noqa: E731
STATE_CODES = {s.value for s in Petition.State}


@time_machine.travel(TODAY)
def test_petition_detail_shows_rule_names_and_history_labels_not_codes(client, users, agencies):
    u = users["canbo"]
    p = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 5, 25), decided_on=dt.date(2026, 6, 1)
    )
    p = services.petition_suspend(
        actor=u, petition=p, on=dt.date(2026, 6, 5), doc_no="5/QĐ", reason="Chờ giám định"
    )
    p = services.petition_resume(actor=u, petition=p, on=dt.date(2026, 6, 8))
    # A calendar notice's recount writes its own history line.
    Transition.objects.create(
        petition=p, from_state=p.state, to_state=p.state, action="recompute_due",
        at=clock.now(), on_date=TODAY, note="Lịch nghỉ chính thức",
    )
    client.force_login(u)
    r = client.get(reverse("petitions:petition_detail", args=[p.pk]))
    assert r.status_code == 200
    text = visible_text(r.text)
    assert not codes_on(text, RULE_CODES())
    assert not codes_on(text, set(TRANSITION_ACTION_LABELS) | STATE_CODES)
    assert "Giải quyết khiếu nại" in text or "khiếu nại" in text
    for label in ("Tiếp nhận đơn", "Tạm đình chỉ", "Tiếp tục giải quyết",
                  "Tính lại hạn theo lịch nghỉ chính thức", "Đã thụ lý"):
        assert label in text


@time_machine.travel(TODAY)
def test_calendar_page_shows_rule_codes_only_to_administrators_in_a_tooltip(client, users):
    client.force_login(users["canbo"])
    r = client.get(reverse("core:calendar"))
    assert r.status_code == 200
    codes = RULE_CODES()
    assert not codes_on(visible_text(r.text), codes)
    assert 'title="petition.handle"' not in r.text
    client.force_login(users["admin"])
    r = client.get(reverse("core:calendar"))
    assert r.status_code == 200
    assert not codes_on(visible_text(r.text), codes)
    assert 'title="petition.handle"' in r.text
