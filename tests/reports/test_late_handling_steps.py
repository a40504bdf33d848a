"""Every handling step of a petition, not only its receipt and resolution, dated inside a
closed reporting period needs a reason: warned before saving, listed as a late change of the
period (core.closing), through the page and the API alike."""

import datetime as dt

import pytest

from noichinh.core.closing import ClosedPeriodError
from noichinh.petitions import services
from noichinh.petitions.models import Petition
from noichinh.reports.models import LateChange
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db

CLOSED_DAY = dt.date(2022, 5, 10)  # Quý II/2022: closed in the demo
OPEN_DAY = dt.date(2023, 8, 1)


@pytest.fixture
def classified(demo_reports, users, agencies):
    """A complaint received in an open period, classified, waiting for acceptance."""
    p = make_petition(
        users["canbo"], agencies["TTT"], received_on=dt.date(2022, 5, 3), late_reason="Vào sổ muộn"
    )
    LateChange.objects.all().delete()
    return services.petition_classify(
        actor=users["canbo"],
        petition=p,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=True,
    )


def test_acceptance_dated_in_a_closed_period_needs_a_reason(classified, users):
    with pytest.raises(ClosedPeriodError) as info:
        services.petition_accept(
            actor=users["canbo"], petition=classified, decided_on=CLOSED_DAY, doc_no="5/TB"
        )
    assert "Quý II/2022" in info.value.messages[0]
    classified.refresh_from_db()
    assert classified.state == Petition.State.CLASSIFIED and not LateChange.objects.exists()

    services.petition_accept(
        actor=users["canbo"],
        petition=classified,
        decided_on=CLOSED_DAY,
        doc_no="5/TB",
        late_reason="Thông báo thụ lý lưu bản giấy, nhập sau",
    )
    change = LateChange.objects.get(period__kind="Q")
    assert (change.action, change.on, change.reason) == (
        "accept",
        CLOSED_DAY,
        "Thông báo thụ lý lưu bản giấy, nhập sau",
    )
    assert "Thụ lý" in change.summary and classified.receipt_no in change.summary


def test_forwarding_dated_in_a_closed_period_needs_a_reason(classified, users, agencies):
    step = dict(
        actor=users["canbo"],
        petition=classified,
        on=CLOSED_DAY,
        doc_no="7/CV",
        to_agency=agencies["CA"],
        note="",
    )
    with pytest.raises(ClosedPeriodError):
        services.petition_forward(**step)
    classified.refresh_from_db()
    assert classified.state == Petition.State.CLASSIFIED
    services.petition_forward(**step, late_reason="Công văn chuyển đơn nhập bổ sung")
    assert LateChange.objects.filter(action="forward", period__kind="Q").count() == 1


def test_a_step_dated_in_an_open_period_needs_no_reason(classified, users):
    services.petition_accept(
        actor=users["canbo"], petition=classified, decided_on=OPEN_DAY, doc_no="5/TB"
    )
    assert not LateChange.objects.exists()


def test_the_petition_page_warns_and_asks_before_saving_the_step(classified, client, users):
    client.force_login(users["canbo"])
    url = f"/petitions/{classified.pk}/action/accept/"
    form = {"accept-on": "10/05/2022", "accept-doc_no": "5/TB", "version": classified.version}
    page = client.post(url, form)
    html = page.content.decode()
    assert page.status_code == 400
    assert 'data-testid="late-warning"' in html and "Quý II/2022" in html
    assert 'name="accept-late_reason"' in html and 'name="accept-late_confirm"' in html
    classified.refresh_from_db()
    assert classified.state == Petition.State.CLASSIFIED
    done = client.post(
        url,
        {
            **form,
            "accept-late_asked": "1",
            "accept-late_reason": "Nhập bổ sung",
            "accept-late_confirm": "on",
        },
    )
    assert done.status_code == 302
    classified.refresh_from_db()
    assert classified.state == Petition.State.ACCEPTED
    assert LateChange.objects.filter(action="accept", reason="Nhập bổ sung").exists()


def test_the_api_asks_for_the_reason_of_any_step(classified, api_client, users):
    client = api_client.as_user(users["canbo"])
    url = f"/api/v1/petitions/{classified.pk}/transition"
    body = {"action": "accept", "on": "2022-05-10", "doc_no": "5/TB"}
    refused = client.post(url, body)
    assert refused.status_code in (400, 422) and "khóa sổ" in str(refused.json())
    ok = client.post(url, {**body, "late_reason": "Nhập bổ sung"})
    assert ok.status_code == 200, ok.content
    assert LateChange.objects.filter(action="accept").exists()
