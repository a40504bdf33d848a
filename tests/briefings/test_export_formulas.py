"""The bulk-progress sheet writes task text as text, never as a formula (issue 15 §7)."""

import pytest

from tests.core.test_export_formulas import PAYLOAD, _assert_text, _cells

pytestmark = pytest.mark.django_db


def test_task_progress_sheet_writes_formula_text_as_text(client, users, make_task):
    make_task(lead="CA", text=PAYLOAD)
    client.force_login(users["canbo_ca"])
    r = client.get("/briefings/tasks/export.xlsx")
    assert r.status_code == 200
    _assert_text(r.content, PAYLOAD)
    ids = [c for c in _cells(r.content) if c.column == 1 and c.row == 2]
    assert ids[0].data_type == "n"
