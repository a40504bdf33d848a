"""Every record can be corrected: award decisions, tasks, plans and figures have an edit page
for those who keep them, refused to the others, and the change is in the history."""

import datetime as dt

import pytest

from noichinh.briefings import figures, services
from noichinh.briefings.models import AwardDecision, ConferenceFigure, InspectionPlan, Task
from noichinh.core.models import AuditEntry

pytestmark = pytest.mark.django_db

YEAR = {"start": dt.date(2022, 1, 1), "end": dt.date(2022, 12, 31)}


@pytest.fixture
def as_user(client, users):
    def _as(username):
        client.force_login(users[username])
        return client

    return _as


@pytest.fixture
def decision(users):
    return services.award_decision_create(
        actor=users["thuky"],
        issuer_level="police_director",
        form="giay_khen",
        number="12/QĐ-CAT",
        signed_on=dt.date(2022, 12, 29),
        collectives=["Công an xã Kha Sơn", "Công an xã Tân Hòa", "Công an xã Tiên Hội"],
        individuals=[],
    )


def _award_post(**change):
    data = {
        "issuer_level": "police_director",
        "form": "giay_khen",
        "number": "12/QĐ-CAT",
        "signed_on": "29/12/2022",
        "collectives": "Công an xã Kha Sơn\nCông an xã Tân Hòa",
        "individuals": "Nguyễn Văn An",
    }
    return data | change


def test_award_decision_is_corrected_recipients_and_all(as_user, decision):
    client = as_user("thuky")
    assert "Công an xã Tiên Hội" in client.get(f"/briefings/awards/{decision.pk}/edit/").text
    response = client.post(f"/briefings/awards/{decision.pk}/edit/", _award_post())
    assert response.status_code == 302
    f = figures.FIGURES
    assert f["awards.collectives"](agency_ids=None, unit_ids=None, **YEAR) == 2
    assert f["awards.individuals"](agency_ids=None, unit_ids=None, **YEAR) == 1
    entry = AuditEntry.objects.filter(model="briefings.awarddecision", action="update").get()
    assert entry.changes["recipients_collective"][0][-1] == "Công an xã Tiên Hội"


def test_award_edit_refuses_a_number_taken_and_keeps_the_decision(as_user, users, decision):
    services.award_decision_create(
        actor=users["thuky"],
        issuer_level="police_director",
        form="giay_khen",
        number="13/QĐ-CAT",
        signed_on=dt.date(2022, 12, 29),
        collectives=["X"],
    )
    response = as_user("thuky").post(
        f"/briefings/awards/{decision.pk}/edit/", _award_post(number="13/QĐ-CAT")
    )
    assert response.status_code == 200 and "đã có trong sổ khen thưởng" in response.text
    assert AwardDecision.objects.get(pk=decision.pk).recipients.count() == 3


def test_officer_may_not_edit_an_award(as_user, decision):
    client = as_user("canbo_ca")
    assert client.get(f"/briefings/awards/{decision.pk}/edit/").status_code == 403
    assert client.post(f"/briefings/awards/{decision.pk}/edit/", _award_post()).status_code == 403
    assert AwardDecision.objects.get(pk=decision.pk).recipients.count() == 3


def test_task_is_corrected_by_the_secretariat_only(as_user, agencies, make_task):
    task = make_task()
    data = {
        "text": "Nội dung đã sửa",
        "lead_agency": agencies["VKS"].pk,
        "deadline": "31/12/2022",
    }
    assert as_user("canbo_ca").post(f"/briefings/tasks/{task.pk}/edit/", data).status_code == 403
    response = as_user("thuky").post(f"/briefings/tasks/{task.pk}/edit/", data)
    assert response.status_code == 302
    task = Task.objects.get(pk=task.pk)
    assert task.text == "Nội dung đã sửa" and task.lead_agency == agencies["VKS"]


def test_plan_is_corrected_by_its_agency_only(as_user, users, agencies):
    from noichinh.org.models import AreaUnit

    unit = AreaUnit.objects.get(code="HS-X-DL")
    plan = services.plan_create(
        actor=users["canbo"], agency=agencies["TTT"], year=2026, unit=unit, subject="Đất đai"
    )
    data = {
        "agency": agencies["TTT"].pk,
        "year": "2027",
        "kind": "kiem_tra",
        "unit": unit.pk,
        "subject": "Đất đai (sửa)",
    }
    assert as_user("canbo_ca").post(f"/briefings/plans/{plan.pk}/edit/", data).status_code in (
        403,
        404,
    )
    assert as_user("canbo").post(f"/briefings/plans/{plan.pk}/edit/", data).status_code == 302
    plan = InspectionPlan.objects.get(pk=plan.pk)
    assert (plan.year, plan.kind, plan.subject) == (2027, "kiem_tra", "Đất đai (sửa)")


def test_figure_is_corrected_and_a_bad_value_changes_nothing(as_user, users, conference):
    figure = services.figure_add(actor=users["thuky"], conference=conference, value=5, unit="vụ")
    client = as_user("thuky")
    bad = client.post(f"/briefings/figures/{figure.pk}/edit/", {"value": "năm", "qualifier": "eq"})
    assert bad.status_code == 200 and "không phải là số" in bad.text
    ok = client.post(
        f"/briefings/figures/{figure.pk}/edit/",
        {"value": "7.000", "unit": "lượt", "qualifier": "gt"},
    )
    assert ok.status_code == 302
    figure = ConferenceFigure.objects.get(pk=figure.pk)
    assert figure.display == "trên 7.000 lượt"
    assert as_user("canbo_ca").get(f"/briefings/figures/{figure.pk}/edit/").status_code == 403


def test_figures_show_and_take_indicators_by_name_never_by_code(as_user, users, conference):
    services.figure_add(
        actor=users["thuky"],
        conference=conference,
        value=7,
        unit="tập thể",
        indicator_code="awards.collectives",
    )
    html = as_user("thuky").get(f"/briefings/{conference.pk}/").content.decode()
    assert "Tập thể được khen thưởng" in html
    assert ">awards.collectives<" not in html
    assert '<option value="awards.collectives">Tập thể được khen thưởng</option>' in html


def test_a_figure_change_direction_and_reference_are_corrected_by_hand(as_user, users, conference):
    figure = services.figure_add(
        actor=users["thuky"],
        conference=conference,
        value=18,
        unit="vụ",
        change="decrease",
        reference="so với cùng kỳ",
    )
    client = as_user("thuky")
    page = client.get(f"/briefings/figures/{figure.pk}/edit/").text
    assert 'value="decrease" selected' in page and 'value="so với cùng kỳ"' in page
    bad = client.post(
        f"/briefings/figures/{figure.pk}/edit/",
        {"value": "18", "unit": "vụ", "qualifier": "eq", "reference": "so với kỳ trước"},
    )
    assert bad.status_code == 200 and "Chọn tăng hoặc giảm" in bad.text
    assert ConferenceFigure.objects.get(pk=figure.pk).display == "giảm 18 vụ so với cùng kỳ"
    ok = client.post(
        f"/briefings/figures/{figure.pk}/edit/",
        {
            "value": "18",
            "unit": "vụ",
            "qualifier": "eq",
            "change": "increase",
            "reference": "so với kỳ trước",
        },
    )
    assert ok.status_code == 302
    assert ConferenceFigure.objects.get(pk=figure.pk).display == "tăng 18 vụ so với kỳ trước"
    assert (
        as_user("canbo_ca")
        .post(f"/briefings/figures/{figure.pk}/edit/", {"value": "1", "qualifier": "eq"})
        .status_code
        == 403
    )
    assert ConferenceFigure.objects.get(pk=figure.pk).change == "increase"
