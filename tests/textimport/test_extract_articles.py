"""Every article in data/ against its hand-made expectations (the seeds and three written for the tests)."""

from collections import Counter

import pytest

from noichinh.textimport.extract import extract

from .expectations import cases, indicator_key

CASES = cases()
IDS = [name for name, _, _ in CASES]


def test_all_five_seeds_have_expectations():
    assert {f"seed_00{i}" for i in range(5)} <= set(IDS)


@pytest.fixture(scope="module")
def drafts():
    return {name: extract(text).to_dict() for name, text, _ in CASES}


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=IDS)
def test_event_matches_expectation(drafts, name, text, expected):
    assert drafts[name]["event"] == expected["event"]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=IDS)
def test_chair_name_and_titles_match_expectation(drafts, name, text, expected):
    assert drafts[name]["chair"] == expected["chair"]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=IDS)
def test_every_indicator_has_value_qualifier_and_unit_right(drafts, name, text, expected):
    got = Counter(indicator_key(i) for i in drafts[name]["indicators"])
    want = Counter(indicator_key(i) for i in expected["indicators"])
    assert got == want


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=IDS)
def test_indicators_quote_the_phrase_they_came_from(drafts, name, text, expected):
    got = [i["text"] for i in drafts[name]["indicators"]]
    assert got == [i["text"] for i in expected["indicators"]]
    for indicator in drafts[name]["indicators"]:
        start, end = indicator["span"]
        assert text[start:end] == indicator["text"]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=IDS)
def test_indicators_map_to_the_expected_catalogue_codes(drafts, name, text, expected):
    by_text = {}
    for indicator in drafts[name]["indicators"]:
        by_text.setdefault(indicator["text"], []).append(indicator["indicator_code"])
    for want in expected["indicators"]:
        if "indicator_code" in want:
            assert want["indicator_code"] in by_text[want["text"]], want


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=IDS)
def test_task_count_and_agencies_match_expectation(drafts, name, text, expected):
    tasks = drafts[name]["tasks"]
    assert len(tasks) == expected["task_count"]
    assert [t["agency"] for t in tasks] == expected["task_agencies"]
    for task in tasks:
        start, end = task["span"]
        assert text[start:end] == task["text"]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=IDS)
def test_awards_count_collectives_and_individuals_per_issuer_and_form(drafts, name, text, expected):
    got = [
        {k: a[k] for k in ("issuer", "form", "collectives", "individuals")}
        for a in drafts[name]["awards"]
    ]
    assert got == expected["awards"]


def test_seed_002_conclusion_enumeration_stays_inside_its_task(drafts):
    second = drafts["seed_002"]["tasks"][1]["text"]
    assert second.startswith("Tiếp tục triển khai các chương trình kiểm tra")
    assert "Việc thực hiện chức trách" in second


def test_seed_004_caption_between_conclusion_paragraphs_is_not_a_task(drafts):
    assert not any("trao Bằng khen" in t["text"] for t in drafts["seed_004"]["tasks"])


def test_draft_dict_has_exactly_the_agreed_keys(drafts):
    draft = drafts["seed_004"]
    assert set(draft) == {"event", "chair", "indicators", "tasks", "awards", "warnings"}
    assert set(draft["event"]) == {
        "type",
        "blocs",
        "province",
        "date",
        "period",
        "steering_committee",
    }
    assert set(draft["chair"]) == {"name", "titles", "co_chairs"}
    assert set(draft["indicators"][0]) == {
        "text",
        "value",
        "qualifier",
        "unit",
        "subject",
        "indicator_code",
        "span",
        "change",
        "reference",
    }
    assert set(draft["tasks"][0]) == {"text", "agency", "span"}
    assert set(draft["awards"][0]) == {"issuer", "form", "collectives", "individuals", "span"}
