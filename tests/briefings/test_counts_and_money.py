"""Counts are whole numbers and money is written the Vietnamese way, in every form (issue 23 §2)."""

import pytest
from django.core.exceptions import ValidationError

from noichinh.briefings import services as briefings
from noichinh.briefings.forms import FigureForm
from noichinh.cases.forms import CaseForm
from noichinh.petitions.forms import ResolveForm, VisitForm
from noichinh.textimport.forms import AwardForm


def _errors(form, name):
    form.is_valid()
    return " ".join(form.errors.get(name, []))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7,3 tỷ", 7_300_000_000),
        ("520 triệu", 520_000_000),
        ("1.250.000.000", 1_250_000_000),
        ("2 tỷ 500 triệu đồng", 2_500_000_000),
        ("7300000000", 7_300_000_000),
    ],
)
def test_every_money_field_takes_money_as_an_officer_writes_it(text, value):
    resolve = ResolveForm(data={"on": "01/07/2025", "recovered_vnd": text})
    resolve.is_valid()
    assert "recovered_vnd" not in resolve.errors
    assert resolve.cleaned_data["recovered_vnd"] == value
    case = CaseForm(data={"damage_vnd": text, "recovered_vnd": text})
    case.is_valid()
    assert "damage_vnd" not in case.errors and "recovered_vnd" not in case.errors
    assert case.cleaned_data["damage_vnd"] == value == case.cleaned_data["recovered_vnd"]


@pytest.mark.django_db
def test_money_that_is_not_a_whole_number_of_dong_or_not_money_is_refused():
    for text in ("năm tỷ", "1,5", "-3 triệu"):
        message = _errors(
            ResolveForm(data={"on": "01/07/2025", "recovered_vnd": text}), "recovered_vnd"
        )
        assert message, text
        assert "Enter" not in message
    assert "đồng" in _errors(CaseForm(data={"damage_vnd": "1,5"}), "damage_vnd")


@pytest.mark.django_db
def test_counts_refuse_a_fraction_with_a_vietnamese_message(users):
    visit = VisitForm(data={"people_count": "7,5"}, user=users["thuky"])
    assert "Số người phải là số nguyên." in _errors(visit, "people_count")
    resolve = ResolveForm(data={"on": "01/07/2025", "people_handled": "2,5"})
    assert "Số người kiến nghị xử lý phải là số nguyên." in _errors(resolve, "people_handled")
    award = AwardForm(data={"form": "Bằng khen", "collectives": "1,5", "individuals": "7.5"})
    assert "Số tập thể phải là số nguyên." in _errors(award, "collectives")
    assert "Số cá nhân phải là số nguyên." in _errors(award, "individuals")


@pytest.mark.django_db
def test_a_count_written_with_thousands_dots_is_the_thousands(users):
    visit = VisitForm(data={"people_count": "1.200"}, user=users["thuky"])
    visit.is_valid()
    assert "people_count" not in visit.errors
    assert visit.cleaned_data["people_count"] == 1200


@pytest.mark.django_db
def test_a_conference_figure_counted_in_cases_is_a_whole_number(users, conference):
    form = FigureForm(data={"value": "7,5 cuộc", "qualifier": "eq"})
    assert "phải là số nguyên" in _errors(form, "value")
    with pytest.raises(ValidationError, match="số nguyên"):
        briefings.figure_add(actor=users["thuky"], conference=conference, value="7,5", unit="vụ")
    figure = briefings.figure_add(
        actor=users["thuky"], conference=conference, value="13,2", unit="%"
    )
    assert figure.display == "13,2 %"
    with pytest.raises(ValidationError, match="số nguyên"):
        briefings.figure_update(actor=users["thuky"], figure=figure, unit="người")
    ok = FigureForm(data={"value": "7.000 lượt", "qualifier": "eq"})
    assert ok.is_valid(), ok.errors
