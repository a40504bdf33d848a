"""The searchable multi-select is a plain <select multiple> without JavaScript (issue 23 §2)."""

import lxml.html
import pytest

from noichinh.briefings.forms import ConferenceForm, TaskForm
from noichinh.org.forms import ReorganiseForm


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_class, name",
    [
        (ConferenceForm, "attendee_agencies"),
        (TaskForm, "coordinators"),
        (ReorganiseForm, "predecessors"),
    ],
)
def test_each_multiple_choice_of_agencies_or_units_is_a_searchable_plain_select(
    org, form_class, name
):
    html = str(form_class()[name])
    select = lxml.html.fromstring(html)
    assert select.tag == "select" and select.get("multiple") is not None
    assert select.get("name") == name and select.get("data-searchable") is not None
    assert len(select.xpath("option")) > 3


@pytest.mark.django_db
def test_an_agency_option_carries_its_full_name_for_the_search(org):
    html = str(ConferenceForm()["attendee_agencies"])
    option = lxml.html.fromstring(html).xpath('option[normalize-space()="VKSND tỉnh"]')[0]
    assert option.get("data-search") == "Viện Kiểm sát nhân dân tỉnh Hòa Sơn"


@pytest.mark.django_db
def test_the_plain_select_submits_several_agencies(org):
    agencies = org["agencies"]
    form = TaskForm(
        {
            "text": "Rà soát",
            "lead_agency": agencies["BNC"].pk,
            "coordinators": [agencies["VKS"].pk, agencies["CA"].pk],
            "deadline": "31/12/2026",
        }
    )
    assert form.is_valid(), form.errors
    assert {a.code for a in form.cleaned_data["coordinators"]} == {"VKS", "CA"}
