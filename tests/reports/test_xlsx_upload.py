import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from noichinh.reports import selectors, services
from noichinh.reports.documents import template_xlsx
from noichinh.reports.models import Submission


def _template(period, agency):
    return template_xlsx.build(
        period=period, agency=agency, indicators=selectors.indicators_for_agency(agency)
    )


def _fill(content: bytes, values: dict) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Số liệu"]
    for row in range(5, ws.max_row + 1):
        code = ws.cell(row=row, column=1).value
        if code in values:
            ws.cell(row=row, column=4, value=values[code])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row_of(content, code):
    ws = load_workbook(io.BytesIO(content))["Số liệu"]
    for row in range(5, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == code:
            return row
    raise AssertionError(code)


def test_template_lists_the_agencys_indicators_and_last_period(q3_2022, agencies):
    content = _template(q3_2022, agencies["TTT"])
    wb = load_workbook(io.BytesIO(content))
    codes = [c.value for c in wb["Số liệu"]["A"][4:]]
    assert "inspections.conducted" in codes and "crimes.detected" not in codes
    assert wb["_mau"].sheet_state == "hidden"


def test_filled_template_is_imported_as_a_draft(q3_2022, users, agencies):
    content = _fill(
        _template(q3_2022, agencies["TTT"]),
        {
            "inspections.conducted": 24,
            "inspections.with_violations": "10",
            "fines.vnd": "1.500.000",
        },
    )
    services.submission_import_xlsx(
        actor=users["canbo"], period=q3_2022, agency=agencies["TTT"], content=content
    )
    sub = Submission.objects.get(period=q3_2022, agency=agencies["TTT"])
    assert sub.status == Submission.DRAFT and sub.source == Submission.XLSX
    assert dict(sub.values.values_list("indicator__code", "value")) == {
        "inspections.conducted": Decimal(24),
        "inspections.with_violations": Decimal(10),
        "fines.vnd": Decimal(1_500_000),
    }


def test_bad_xlsx_lists_every_problem_and_saves_nothing(q3_2022, users, agencies):
    base = _template(q3_2022, agencies["TTT"])
    content = _fill(
        base,
        {
            "inspections.conducted": 5,
            "inspections.with_violations": 9,  # part > total
            "fines.vnd": "nhiều",  # text in a number cell
            "knto.people_handled": -3,  # negative
        },
    )
    with pytest.raises(ValidationError) as exc:
        services.submission_import_xlsx(
            actor=users["canbo"], period=q3_2022, agency=agencies["TTT"], content=content
        )
    messages = exc.value.messages
    assert len(messages) == 3
    assert any(f"D{_row_of(base, 'fines.vnd')}" in m and "phải là số" in m for m in messages)
    assert any(f"D{_row_of(base, 'knto.people_handled')}" in m and "âm" in m for m in messages)
    assert any("lớn hơn chỉ tiêu tổng" in m for m in messages)
    assert not Submission.objects.filter(period=q3_2022, agency=agencies["TTT"]).exists()


def test_wrong_template_is_refused(q3_2022, users, agencies):
    wb = Workbook()
    wb.active.append(["Chỉ tiêu", "Số liệu"])
    out = io.BytesIO()
    wb.save(out)
    for content in (out.getvalue(), b"not a spreadsheet", _template(q3_2022, agencies["CA"])):
        with pytest.raises(ValidationError) as exc:
            services.submission_import_xlsx(
                actor=users["canbo"], period=q3_2022, agency=agencies["TTT"], content=content
            )
        assert exc.value.messages
    assert not Submission.objects.filter(period=q3_2022).exists()


def test_template_of_another_period_is_refused(q3_2022, users, agencies):
    from noichinh.reports.models import Period

    other = Period.objects.get(kind="Q", year=2022, number=2)
    with pytest.raises(ValidationError) as exc:
        services.submission_import_xlsx(
            actor=users["canbo"],
            period=q3_2022,
            agency=agencies["TTT"],
            content=_template(other, agencies["TTT"]),
        )
    assert "Quý II/2022" in exc.value.messages[0]


def test_upload_page_lists_problems_with_status_400(q3_2022, client, users, agencies):
    content = _fill(_template(q3_2022, agencies["TTT"]), {"knto.people_handled": -1})
    client.force_login(users["canbo"])
    response = client.post(
        f"/reports/periods/{q3_2022.pk}/submission/upload/",
        {"file": io.BytesIO(content)},
    )
    assert response.status_code == 400
    assert "không được âm" in response.content.decode()


def test_template_download_is_refused_to_other_roles(q3_2022, client, users):
    client.force_login(users["lanhdao"])
    assert client.get(f"/reports/periods/{q3_2022.pk}/submission/template.xlsx").status_code == 403
    client.force_login(users["canbo"])
    response = client.get(f"/reports/periods/{q3_2022.pk}/submission/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
