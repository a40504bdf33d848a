"""The official statistical forms: each cell counts the matching list, the form's own totals
are checked, the files carry the form's layout, and who may download them for what."""

import datetime as dt
import io

import pytest

from noichinh.petitions import services
from noichinh.petitions.models import Petition, Visit
from noichinh.petitions.selectors import (
    PetitionFilters,
    VisitFilters,
    petition_filter,
    visit_filter,
)
from noichinh.reports import official_forms
from noichinh.reports.official_forms import FORMS
from tests.petitions.factories import make_petition, make_visit

START, END = dt.date(2024, 1, 1), dt.date(2024, 3, 31)


def _compute(code, agency, *, units=None):
    from noichinh.org.permissions import agency_subtree_ids

    ids = agency_subtree_ids(agency.pk)
    return official_forms.compute(
        FORMS[code],
        start=START,
        end=END,
        units=units if units is not None else [(agency.name, ids)],
        total_ids=ids,
        scope_label=agency.name,
    )


@pytest.fixture
def reception(org, users, agencies):
    ttt, officer = agencies["TTT"], users["canbo"]
    first = make_visit(officer, ttt, visited_on=dt.date(2024, 1, 5), people_count=2)
    make_visit(
        officer,
        ttt,
        visited_on=dt.date(2024, 2, 5),
        people_count=7,
        representatives="Ông A, bà B",
        content="Đoàn đông người về bồi thường",
    )
    make_visit(officer, ttt, visited_on=dt.date(2024, 2, 9), repeat_of=first)
    make_visit(officer, ttt, visited_on=dt.date(2024, 3, 1), kind=Visit.Kind.LEADER_DAY)
    make_visit(
        officer, ttt, visited_on=dt.date(2024, 3, 2), kind=Visit.Kind.UNSCHEDULED, people_count=3
    )
    make_visit(officer, ttt, visited_on=dt.date(2024, 4, 1))  # next quarter
    make_visit(users["canbo_ca"], agencies["CA"], visited_on=dt.date(2024, 1, 8))  # elsewhere
    return ttt


def test_reception_form_counts_visits_people_and_matters_by_kind(reception):
    row = _compute("01/TCD", reception).total.values
    # Regular reception: 3 visits, 2 + 7 + 1 people, one repeat (cũ), two new matters.
    assert [row[n] for n in range(1, 5)] == [3, 10, 1, 2]
    # Of which one mass delegation of 7 people, a new matter.
    assert [row[n] for n in range(5, 9)] == [1, 7, 0, 1]
    # The leaders' scheduled and unscheduled days together: 2 visits, 1 + 3 people.
    assert [row[n] for n in range(9, 13)] == [2, 4, 0, 2]
    assert [row[n] for n in range(13, 17)] == [0, 0, 0, 0]


def test_every_reception_cell_equals_the_count_of_its_list(reception):
    computed = _compute("01/TCD", reception)
    for col in FORMS["01/TCD"].leaves():
        expected = 0
        for count in col.cell:
            qs = visit_filter(Visit.objects.all(), count.list_filters(START, END))
            qs = qs.filter(agency=reception)
            expected += sum(qs.values_list(count.sum, flat=True)) if count.sum else qs.count()
        assert computed.total.values[col.number] == expected, col.label


@pytest.fixture
def handling(org, users, agencies):
    ttt, officer = agencies["TTT"], users["canbo"]
    # Carried over from the previous quarter: received in December, processed in January.
    carried = make_petition(officer, ttt, received_on=dt.date(2023, 12, 20))
    carried = services.petition_classify(
        actor=officer,
        petition=carried,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )
    services.petition_guide(actor=officer, petition=carried, on=dt.date(2024, 1, 10), doc_no="3/HD")
    # Processed before the quarter: not carried over.
    done = make_petition(officer, ttt, received_on=dt.date(2023, 11, 2))
    services.petition_classify(
        actor=officer,
        petition=done,
        type="complaint",
        field="land",
        meets_conditions=False,
        in_competence=False,
    )
    services.petition_archive(
        actor=officer, petition=Petition.objects.get(pk=done.pk), on=dt.date(2023, 11, 20)
    )
    # Received in the quarter: one person, several people, anonymous.
    one = make_petition(officer, ttt, received_on=dt.date(2024, 1, 15), type="denunciation")
    services.petition_classify(
        actor=officer,
        petition=one,
        type="denunciation",
        field="land",
        meets_conditions=True,
        in_competence=True,
    )
    make_petition(officer, ttt, received_on=dt.date(2024, 2, 1), co_senders=3)
    make_petition(
        officer,
        ttt,
        received_on=dt.date(2024, 3, 3),
        is_anonymous=True,
        sender_name="",
        sender_id_number="",
        sender_address="",
        type="reflection",
    )
    make_petition(officer, ttt, received_on=dt.date(2024, 4, 2))  # next quarter
    return ttt


def test_handling_form_counts_carried_received_processed_and_eligible(handling):
    row = _compute("01/XLD", handling).total.values
    assert row[1] == 4  # 1 carried + 3 received
    assert [row[n] for n in (2, 3, 4)] == [1, 0, 0]
    assert [row[n] for n in (5, 6, 7)] == [1, 1, 1]
    assert row[8] == 1  # the carried one, guided in January
    assert row[9] == 2 and row[10] == 2  # the carried complaint and the denunciation
    assert [row[n] for n in (11, 12, 13)] == [1, 1, 0]
    assert row[18] == 1 and row[20] == 1
    assert row[22] == 1 and row[23] == 1 and row[24] == 0
    assert row[26] == 0


def test_cells_the_register_cannot_know_say_no_source_never_zero(handling):
    computed = _compute("01/XLD", handling)
    for number in (14, 15, 16, 17, 25):
        assert computed.total.values[number] is None
        assert official_forms.cell_text(computed.total.values[number]) == "chưa có nguồn"
    assert official_forms.cell_text(0) == "0"


def test_every_handling_cell_equals_the_count_of_its_list(handling):
    computed = _compute("01/XLD", handling)
    for col in FORMS["01/XLD"].leaves():
        if not col.computable:
            continue
        expected = sum(
            petition_filter(
                Petition.objects.filter(agency=handling), c.list_filters(START, END)
            ).count()
            for c in col.cell
        )
        assert computed.total.values[col.number] == expected, col.label


def test_handling_form_totals_add_up_and_unknown_parts_are_not_checked(handling):
    computed = _compute("01/XLD", handling)
    status = {r.label: r.status for r in computed.checks}
    assert status["Cột (1) = (2) + (3) + (4) + (5) + (6) + (7)"] == "ok"
    assert status["Cột (9) = (11) + (12) + (13)"] == "ok"
    assert status["Cột (9) = (18) + (22)"] == "ok"
    assert status["Cột (9) = (14) + (15) + (16) + (17)"] == "unchecked"
    assert status["Cột (22) = (23) + (24) + (25)"] == "unchecked"
    assert computed.ok


def test_check_fails_when_an_eligible_petition_fits_no_content_column(handling, users):
    mixed = make_petition(users["canbo"], handling, received_on=dt.date(2024, 3, 10))
    services.petition_classify(
        actor=users["canbo"],
        petition=mixed,
        type="mixed",
        field="land",
        meets_conditions=True,
        in_competence=True,
    )
    computed = _compute("01/XLD", handling)
    failed = [r for r in computed.checks if r.status == "failed"]
    # Within competence too: it fits none of (19)–(21) either.
    assert [r.label for r in failed] == [
        "Cột (9) = (11) + (12) + (13)",
        "Cột (18) = (19) + (20) + (21)",
    ]
    assert "cột (9) = 3, cộng các cột = 2" in failed[0].failures[0]
    assert not computed.ok


def test_total_row_check_fails_when_the_unit_rows_miss_an_agency(handling, agencies):
    # Rows that leave out the inspectorate's own records do not add up to the total.
    computed = _compute("01/XLD", handling, units=[("Khác", {agencies["CA"].pk})])
    total_check = computed.checks[-1]
    assert total_check.status == "failed"
    assert "Cột (1): tổng số = 4, cộng các đơn vị = 0" in total_check.failures


def test_xlsx_has_the_forms_layout_number_source_and_values(handling):
    from openpyxl import load_workbook

    from noichinh.reports.documents import official

    computed = _compute("01/XLD", handling)
    ws = load_workbook(io.BytesIO(official.xlsx(computed))).active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Biểu số 01/XLD" in texts
    assert "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN" in texts
    assert any("Thông tư số 02/2021/TT-TTCP" in t for t in texts)
    assert "Số liệu tính từ ngày 01/01/2024 đến ngày 31/03/2024" in texts
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "(Kèm theo báo cáo số …… ngày …… tháng …… năm …… của ……)" in texts
    assert "A8:A10" in merged  # "Đơn vị" over the three heading rows
    assert "C8:E8" in merged  # "Kỳ trước chuyển sang" over columns 2–4
    numbers = [c.value for c in ws[11]]
    assert numbers[:3] == ["MS", "1=2+3+...+7", "2"]
    total = [c.value for c in ws[13]]
    assert total[0] == "Tổng số" and total[1] == 4 and total[15] == "chưa có nguồn"


def test_docx_and_pdf_carry_the_form_number_and_cells(reception):
    from docx import Document

    from noichinh.reports.documents import official

    computed = _compute("01/TCD", reception)
    document = Document(io.BytesIO(official.docx(computed)))
    assert document.paragraphs[0].text == "Biểu số 01/TCD"
    table = document.tables[0]
    assert table.cell(0, 1).text == "Tiếp thường xuyên"
    last = table.rows[-1].cells
    assert last[0].text == "Tổng số" and last[1].text == "3" and last[2].text == "10"
    assert "Số liệu tính từ ngày 01/01/2024" in official.html(computed)
    assert official.pdf(computed).startswith(b"%PDF")


# --- who may download what -----------------------------------------------------------------


def test_province_inspectorate_leadership_and_admin_may_download_for_the_province(users):
    from noichinh.reports import permissions

    for name in ("canbo", "truong_tt", "lanhdao", "admin"):
        assert permissions.can_download_official_form(users[name]), name
    for name in ("canbo_ca", "truongdonvi", "thuky", "canbo_vks", "canbo_tcd"):
        assert not permissions.can_download_official_form(users[name]), name


def test_other_agencies_download_only_their_own_subtree(users, agencies):
    from noichinh.reports import permissions

    assert permissions.can_download_official_form(users["canbo_ca"], agencies["CA"])
    assert not permissions.can_download_official_form(users["canbo_ca"], agencies["TTT"])
    assert permissions.can_download_official_form(users["canbo"], agencies["CA"])
    # The secretariat: the agencies of its bloc, not others.
    assert permissions.can_download_official_form(users["thuky"], agencies["VKS"])
    assert not permissions.can_download_official_form(users["thuky"], agencies["HND"])


@pytest.fixture
def quarter(org, catalogue):
    from noichinh.reports.models import Period, ReportType

    return Period.objects.create(
        report_type=ReportType.objects.get(code="party_briefing"), kind="Q", year=2024, number=1
    )


def test_download_refused_for_the_province_to_another_agencys_officer(client, users, quarter):
    client.force_login(users["canbo_ca"])
    url = "/reports/official/file.xlsx"
    params = {"form": "01/TCD", "period": quarter.pk, "agency": "province"}
    assert client.get(url, params).status_code == 403
    assert client.get("/reports/official/", params).status_code == 403
    own = client.get(url, {**params, "agency": users["canbo_ca"].agency_id})
    assert own.status_code == 200
    assert own["Content-Type"].startswith("application/vnd.openxmlformats")


def test_inspectorate_page_shows_the_form_and_its_checks(client, users, quarter, handling):
    client.force_login(users["canbo"])
    response = client.get(
        "/reports/official/", {"form": "01/XLD", "period": quarter.pk, "agency": "province"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Biểu số 01/XLD" in html and "chưa có nguồn" in html
    assert "Cột (1) = (2) + (3) + (4) + (5) + (6) + (7): khớp" in html
    assert (
        client.get(
            "/reports/official/file.pdf", {"form": "01/XLD", "period": quarter.pk}
        ).status_code
        == 200
    )


def test_unknown_form_or_period_is_a_clear_message_not_an_error(client, users):
    client.force_login(users["canbo"])
    response = client.get("/reports/official/", {"form": "99/XYZ", "period": "123456"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Biểu mẫu không có trong danh mục." in html and "Kỳ báo cáo không tồn tại." in html
    assert client.get("/reports/official/file.xlsx", {"form": "99/XYZ"}).status_code == 404


def test_visit_and_petition_lists_accept_the_forms_filters(handling, reception):
    assert visit_filter(Visit.objects.all(), VisitFilters(matter="old")).count() == 1
    pending = PetitionFilters(in_hand_from=START, in_hand_to=END, received_to=dt.date(2023, 12, 31))
    assert petition_filter(Petition.objects.all(), pending).count() == 1
    assert petition_filter(Petition.objects.all(), PetitionFilters(signers="other")).count() == 1


def test_cells_from_agency_submissions_count_only_approved_values(handling, agencies, quarter):
    from noichinh.reports.models import Indicator, Section, Submission, SubmissionValue

    section = Section.objects.create(code="official", title="Biểu thống kê", order=99)
    urged = Indicator.objects.create(
        code="official.xld.urged",
        name="Văn bản đôn đốc giải quyết",
        unit="văn bản",
        section=section,
    )
    approved = Submission.objects.create(
        period=quarter, agency=handling, status=Submission.APPROVED
    )
    SubmissionValue.objects.create(submission=approved, indicator=urged, value=2)
    draft = Submission.objects.create(period=quarter, agency=agencies["CA"])
    SubmissionValue.objects.create(submission=draft, indicator=urged, value=5)

    def col25(agency):
        from noichinh.org.permissions import agency_subtree_ids

        ids = agency_subtree_ids(agency.pk)
        computed = official_forms.compute(
            FORMS["01/XLD"],
            start=START,
            end=END,
            units=[(agency.name, ids)],
            total_ids=ids,
            scope_label=agency.name,
            period=quarter,
        )
        return computed.total.values[25], computed

    value, computed = col25(handling)
    assert value == 2
    # With (25) known the form's sum (22) = (23) + (24) + (25) is checked: 1 ≠ 1 + 0 + 2.
    status = {r.label: r.status for r in computed.checks}
    assert status["Cột (22) = (23) + (24) + (25)"] == "failed"
    # A draft is not a figure: the police's cell has no source yet.
    assert col25(agencies["CA"])[0] is None


def test_api_gives_the_form_to_the_inspectorate_and_refuses_other_agencies(
    api_client, users, quarter, handling
):
    url = "/api/v1/reports/official-form"
    params = {"form": "01/XLD", "period": quarter.pk}
    data = api_client.as_user(users["canbo"]).get(url, **params).json()
    assert data["form"] == "01/XLD" and "02/2021/TT-TTCP" in data["legal_source"]
    total = data["rows"][-1]
    assert total["label"] == "Tổng số" and total["total"] is True
    assert total["values"][0] == 4 and total["values"][13] is None  # (14): chưa có nguồn
    assert data["columns"][13]["source"] == "submission"
    assert {c["status"] for c in data["checks"]} >= {"ok", "unchecked"}
    refused = api_client.as_user(users["canbo_ca"]).get(url, **params)
    assert refused.status_code == 403
    own = api_client.as_user(users["canbo_ca"]).get(
        url, agency=users["canbo_ca"].agency_id, **params
    )
    assert own.status_code == 200 and own.json()["scope"] == users["canbo_ca"].agency.name


def test_province_form_takes_a_bounded_number_of_queries(
    django_assert_max_num_queries, quarter, handling, reception
):
    from noichinh.reports.official_forms import compute_for

    for code in FORMS:
        with django_assert_max_num_queries(8):
            computed = compute_for(FORMS[code], period=quarter)
        assert len(computed.rows) > 5 and computed.checks[-1].status == "ok"


def test_district_inspectorate_downloads_its_peoples_committees_subtree_only(users, agencies):
    from noichinh.org import services
    from noichinh.org.models import User
    from noichinh.reports import permissions

    district = agencies["TT-HS-PB"]
    user = User(username="canbo_tt_pb", role=User.OFFICER, agency=district, full_name="Lý Văn Tư")
    user.set_password("mat-khau-dai-123")
    user = services.user_create(actor=users["admin"], user=user)
    committee = district.parent
    assert permissions.can_download_official_form(user, committee)
    assert permissions.can_download_official_form(user, district)
    assert not permissions.can_download_official_form(user)  # not the province
    assert not permissions.can_download_official_form(user, agencies["UBND"])
    assert not permissions.can_download_official_form(user, agencies["CA"])


def test_each_cell_links_to_the_list_page_showing_that_many_records(
    client, users, agencies, quarter, handling, reception
):
    import re

    from noichinh.core.formats import vn_number
    from noichinh.reports.official_forms import cell_url, compute_for

    client.force_login(users["admin"])
    checked = 0
    for code in FORMS:
        computed = compute_for(FORMS[code], period=quarter)
        ttt_root = next(r for r in computed.rows if r.label == agencies["UBND"].name)
        for row in (computed.total, ttt_root):
            for col in FORMS[code].leaves():
                url = cell_url(computed, row, col)
                if not url:
                    continue
                html = client.get(url).content.decode()
                shown = re.search(r'data-testid="total">([^<]*)<', html)
                value = row.values[col.number]
                assert (
                    shown.group(1) if shown else "0 bản ghi"
                ) == f"{vn_number(value)} bản ghi", (
                    code,
                    row.label,
                    col.label,
                    url,
                )
                checked += 1
    assert checked > 30
    page = client.get(
        "/reports/official/", {"form": "01/XLD", "period": quarter.pk, "agency": "province"}
    ).content.decode()
    assert 'href="/petitions/?' in page
