"""Browser: the provincial inspectorate downloads the quarter's official statistical forms
(Biểu 01/TCD, 01/XLD, 02/XLD, Circular 02/2021/TT-TTCP) for the whole province. Every cell of the
XLSX equals the count of the matching list of the reception book or the petitions register
(their list selectors, with the filters written out here), row by row, and the page shows
the form's own totals checks."""

import datetime as dt
import io

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(org):
    from noichinh.devdata.demo import petitions as petitions_demo
    from noichinh.devdata.demo import reports as reports_demo

    petitions_demo.load(org)
    reports_demo.load(org)
    return org


def _download(page, testid):
    from openpyxl import load_workbook

    with page.expect_download() as info:
        page.get_by_test_id(testid).click()
    download = info.value
    with open(download.path(), "rb") as fh:
        return download.suggested_filename, load_workbook(io.BytesIO(fh.read())).active


def _rows(ws):
    """{row label: [cell values]} below the column-numbers row ("MS")."""
    out, started = {}, False
    for row in ws.iter_rows(values_only=True):
        if row[0] == "MS":
            started = True
            continue
        if started:
            if row[0] is None:
                break
            out[row[0]] = list(row[1:])
    return out


def _choose(page, form, period):
    page.get_by_label("Biểu mẫu").select_option(form)
    page.get_by_label("Kỳ báo cáo").select_option(str(period.pk))
    page.get_by_label("Phạm vi").select_option("province")
    page.get_by_role("button", name="Xem biểu").click()
    expect(page.get_by_test_id("official-form")).to_be_visible()


def _scopes(labels):
    from noichinh.org.models import Agency
    from noichinh.org.permissions import agency_subtree_ids

    out = {}
    for label in labels:
        if label == "Tổng số":
            out[label] = None
        else:
            out[label] = agency_subtree_ids(Agency.objects.get(name=label, parent=None).pk)
    return out


def test_inspectorate_downloads_the_quarters_forms_for_the_province(demo, page, login_as):
    from noichinh.petitions.models import Petition, Visit
    from noichinh.petitions.selectors import (
        PetitionFilters,
        VisitFilters,
        petition_filter,
        visit_filter,
    )
    from noichinh.reports.models import Period

    period = Period.objects.get(kind="Q", year=2021, number=3, report_type__code="party_briefing")
    start, end = period.start, period.end
    page.context.set_default_timeout(60_000)
    login_as("truong_tt")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.locator("summary", has_text="Báo cáo").click()  # the menu's "Báo cáo" group
    nav.get_by_role("link", name="Biểu mẫu thống kê").click()
    _choose(page, "01/TCD", period)
    shown = page.get_by_test_id("official-form")
    expect(shown).to_contain_text("Biểu số 01/TCD")
    expect(shown).to_contain_text("Thông tư số 02/2021/TT-TTCP")
    expect(page.get_by_test_id("check-ok").first).to_be_visible()
    name, ws = _download(page, "download-xlsx")
    assert name.endswith(".xlsx") and "01-tcd" in name
    rows = _rows(ws)
    assert "Tổng số" in rows and len(rows) > 2

    def visits(ids, kinds, **kw):
        total_visits = total_people = 0
        for kind in kinds:
            qs = visit_filter(
                Visit.objects.all(),
                VisitFilters(agency_ids=ids, kind=kind, date_from=start, date_to=end, **kw),
            )
            total_visits += qs.count()
            total_people += sum(qs.values_list("people_count", flat=True))
        return total_visits, total_people

    regular, leaders = ["regular"], ["leader_day", "unscheduled"]
    province_visits = Visit.objects.filter(visited_on__range=(start, end)).count()
    for label, ids in _scopes(rows).items():
        expected = []
        for kinds in (regular, leaders):
            n, people = visits(ids, kinds)
            old, new = visits(ids, kinds, matter="old")[0], visits(ids, kinds, matter="new")[0]
            mass, mass_people = visits(ids, kinds, flag="mass")
            mass_old = visits(ids, kinds, flag="mass", matter="old")[0]
            mass_new = visits(ids, kinds, flag="mass", matter="new")[0]
            expected += [n, people, old, new, mass, mass_people, mass_old, mass_new]
        assert rows[label] == expected, label
    # The form covers the whole book: every visit of the quarter is in one of its two groups.
    assert rows["Tổng số"][0] + rows["Tổng số"][8] == province_visits > 7000

    _choose(page, "01/XLD", period)
    expect(shown).to_contain_text("Biểu số 01/XLD")
    expect(shown.get_by_test_id("official-table")).to_contain_text("chưa có nguồn")
    checks = page.get_by_test_id("official-checks")
    expect(checks).to_contain_text("Cột (1) = (2) + (3) + (4) + (5) + (6) + (7): khớp")
    expect(checks).to_contain_text("không kiểm tra được")
    name, ws = _download(page, "download-xlsx")
    assert "01-xld" in name
    rows = _rows(ws)
    day_before = start - dt.timedelta(days=1)
    in_hand = dict(in_hand_from=start, in_hand_to=end)
    eligible = dict(in_hand, flag="eligible")
    columns = {
        1: [in_hand],
        2: [dict(in_hand, received_to=day_before, signers="one")],
        3: [dict(in_hand, received_to=day_before, signers="many")],
        4: [dict(in_hand, received_to=day_before, signers="other")],
        5: [dict(received_from=start, received_to=end, signers="one")],
        6: [dict(received_from=start, received_to=end, signers="many")],
        7: [dict(received_from=start, received_to=end, signers="other")],
        8: [dict(outcome_from=start, outcome_to=end)],
        9: [eligible],
        10: [dict(eligible, matter="new")],
        11: [dict(eligible, type="complaint")],
        12: [dict(eligible, type="denunciation")],
        13: [dict(eligible, type="recommendation"), dict(eligible, type="reflection")],
        18: [dict(eligible, competence="yes")],
        19: [dict(eligible, competence="yes", type="complaint")],
        20: [dict(eligible, competence="yes", type="denunciation")],
        21: [
            dict(eligible, competence="yes", type="recommendation"),
            dict(eligible, competence="yes", type="reflection"),
        ],
        22: [dict(eligible, competence="no")],
        23: [dict(eligible, outcome="guide")],
        24: [dict(eligible, outcome="forward")],
        26: [dict(answer_from=start, answer_to=end)],
    }
    for label, ids in _scopes(rows).items():
        values = rows[label]
        for number in range(1, 27):
            cell = values[number - 1]
            if number not in columns:  # 14–17, 25: the register cannot know them
                assert cell == "chưa có nguồn", (label, number)
                continue
            expected = sum(
                petition_filter(
                    Petition.objects.all(), PetitionFilters(agency_ids=ids, **kw), today=end
                ).count()
                for kw in columns[number]
            )
            assert cell == expected, (label, number)
    total = rows["Tổng số"]
    assert total[0] > 0 and total[0] == sum(total[1:7])

    # Biểu 02/XLD: the same handling, complaints only; it says its layout is unverified.
    _choose(page, "02/XLD", period)
    expect(shown).to_contain_text("Biểu số 02/XLD")
    expect(shown).to_contain_text("chưa xác minh")
    name, ws = _download(page, "download-xlsx")
    assert "02-xld" in name
    rows = _rows(ws)
    kind_columns = {
        1: in_hand,
        2: dict(in_hand, received_to=day_before, signers="one"),
        3: dict(in_hand, received_to=day_before, signers="many"),
        4: dict(in_hand, received_to=day_before, signers="other"),
        5: dict(received_from=start, received_to=end, signers="one"),
        6: dict(received_from=start, received_to=end, signers="many"),
        7: dict(received_from=start, received_to=end, signers="other"),
        8: dict(outcome_from=start, outcome_to=end),
        9: eligible,
        10: dict(eligible, matter="new"),
        15: dict(eligible, competence="yes"),
        16: dict(eligible, competence="no"),
        17: dict(eligible, outcome="guide"),
        18: dict(eligible, outcome="forward"),
        20: dict(answer_from=start, answer_to=end),
    }
    for label, ids in _scopes(rows).items():
        values = rows[label]
        for number in range(1, 21):
            cell = values[number - 1]
            if number not in kind_columns:  # 11–14, 19: from agency submissions
                assert cell == "chưa có nguồn", (label, number)
                continue
            filters = PetitionFilters(agency_ids=ids, type="complaint", **kind_columns[number])
            expected = petition_filter(Petition.objects.all(), filters, today=end).count()
            assert cell == expected, (label, number)
    complaints = rows["Tổng số"]
    assert 0 < complaints[0] < total[0] and complaints[0] == sum(complaints[1:7])
    assert complaints[8] == complaints[14] + complaints[15]
