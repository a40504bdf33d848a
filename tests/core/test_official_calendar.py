"""The official working calendar of 2020–2026, written from the notices (not from the code).

Sources (quoted in noichinh/core/data/official_calendar.json):
- 2020 Tết: the Prime Minister's approval of MOLISA's plan, 23/01–29/01/2020 (number not found:
  the year is provisional);
- 2021: Notice 4875/TB-LĐTBXH: Tết 10/02–16/02, National Day 02/09–05/09/2021;
- 2022: Letter 245/VPCP-KGVX of 11/01/2022: Tết 31/01–04/02, National Day 01/09–02/09/2022;
- 2023: Letter 8056/VPCP-KGVX of 01/12/2022: Tết 20/01–26/01, National Day 01/09–04/09/2023;
- 2024: Notice 5015/TB-LĐTBXH of 22/11/2023: Tết 08/02–14/02, National Day 31/08–03/09;
  Letter 2450/VPCP-KGVX of 12/04/2024: Monday 29/04 off, Saturday 04/05/2024 worked;
- 2025: Notice 6150/TB-LĐTBXH: Tết 25/01–02/02, 30/04–04/05 with Friday 02/05 swapped for
  Saturday 26/04, National Day 30/08–02/09/2025;
- 2026: Letter 12729/VPCP-KGVX of 25/12/2025: 01/01–04/01, Friday 02/01 swapped for Saturday
  10/01/2026; Tết 14/02–22/02/2026; 24/11 is not a day off (no amendment of Labour Code art. 112
  in force);
- Labour Code 2019 art. 112(1) (1/1, Hùng Kings' day, 30/4, 1/5, 2/9) and art. 111(3)
  (a holiday on a weekly rest day is made up on the next working day).
"""

import datetime as dt

import pytest

from noichinh.core import calendar as cal
from noichinh.core.selectors import due_date, work_calendar

D = dt.date.fromisoformat


def _days(*spans):
    out = []
    for span in spans:
        first, _, last = span.partition("..")
        day, end = D(first), D(last or first)
        while day <= end:
            out.append(day)
            day += dt.timedelta(days=1)
    return out


# Weekdays (Monday–Friday) off, per year, from the sources above.
WEEKDAYS_OFF = {
    2020: _days(
        "2020-01-01",
        "2020-01-23..2020-01-24",
        "2020-01-27..2020-01-29",
        "2020-04-02",
        "2020-04-30",
        "2020-05-01",
        "2020-09-02",
    ),
    2021: _days(
        "2021-01-01",
        "2021-02-10..2021-02-12",
        "2021-02-15..2021-02-16",
        "2021-04-21",
        "2021-04-30",
        "2021-05-03",
        "2021-09-02..2021-09-03",
    ),
    2022: _days(
        "2022-01-03",
        "2022-01-31..2022-02-04",
        "2022-04-11",
        "2022-05-02..2022-05-03",
        "2022-09-01..2022-09-02",
    ),
    2023: _days(
        "2023-01-02",
        "2023-01-20",
        "2023-01-23..2023-01-26",
        "2023-05-01..2023-05-03",
        "2023-09-01",
        "2023-09-04",
    ),
    2024: _days(
        "2024-01-01",
        "2024-02-08..2024-02-09",
        "2024-02-12..2024-02-14",
        "2024-04-18",
        "2024-04-29..2024-05-01",
        "2024-09-02..2024-09-03",
    ),
    2025: _days(
        "2025-01-01",
        "2025-01-27..2025-01-31",
        "2025-04-07",
        "2025-04-30..2025-05-02",
        "2025-09-01..2025-09-02",
    ),
    2026: _days(
        "2026-01-01..2026-01-02",
        "2026-02-16..2026-02-20",
        "2026-04-27",
        "2026-04-30..2026-05-01",
        "2026-08-31..2026-09-02",
    ),
}
# Saturdays swapped into working days.
SATURDAYS_WORKED = {
    2024: _days("2024-05-04"),
    2025: _days("2025-04-26"),
    2026: _days("2026-01-10", "2026-08-22"),
}
OFFICIAL_YEARS = [2021, 2022, 2023, 2024, 2025, 2026]


def _off_weekdays(calendar, year):
    return [
        d
        for d in _days(f"{year}-01-01..{year}-12-31")
        if d.weekday() < 5 and not calendar.is_working_day(d)
    ]


def _worked_saturdays(calendar, year):
    return [
        d
        for d in _days(f"{year}-01-01..{year}-12-31")
        if d.weekday() == 5 and calendar.is_working_day(d)
    ]


@pytest.mark.parametrize("year", sorted(WEEKDAYS_OFF))
def test_each_year_has_exactly_the_weekdays_off_of_its_notice(year):
    calendar = cal.WorkCalendar()
    assert _off_weekdays(calendar, year) == WEEKDAYS_OFF[year]
    assert _worked_saturdays(calendar, year) == SATURDAYS_WORKED.get(year, [])


@pytest.mark.django_db
@pytest.mark.parametrize("year", sorted(WEEKDAYS_OFF))
def test_the_migration_loads_the_same_days_into_the_calendar_tables(year):
    calendar = work_calendar()
    assert _off_weekdays(calendar, year) == WEEKDAYS_OFF[year]
    assert _worked_saturdays(calendar, year) == SATURDAYS_WORKED.get(year, [])


@pytest.mark.django_db
def test_years_2020_to_2026_are_official_and_2027_provisional():
    calendar = work_calendar()
    for year in OFFICIAL_YEARS:
        assert calendar.year_info(year).status == cal.OFFICIAL, year
    # 2020: Tết by notice 4544/TB-LĐTBXH of 25/10/2019 (migration 0013).
    assert calendar.year_info(2020).status == cal.OFFICIAL
    assert calendar.year_info(2027).status == cal.PROVISIONAL


@pytest.mark.django_db
def test_each_official_year_names_its_documents():
    calendar = work_calendar()
    assert (
        "12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ" in calendar.year_info(2026).source
    )
    assert "2450/VPCP-KGVX ngày 12/04/2024" in calendar.year_info(2024).source
    assert "5015/TB-LĐTBXH ngày 22/11/2023" in calendar.year_info(2024).source
    assert "245/VPCP-KGVX ngày 11/01/2022" in calendar.year_info(2022).source
    assert "8056/VPCP-KGVX ngày 01/12/2022" in calendar.year_info(2023).source
    assert "4875/TB-LĐTBXH" in calendar.year_info(2021).source
    assert "6150/TB-LĐTBXH" in calendar.year_info(2025).source


def test_new_year_2026_friday_off_and_saturday_10_january_worked():
    calendar = cal.WorkCalendar()
    assert not calendar.is_working_day(D("2026-01-02"))
    assert "10/01/2026" in calendar.reason_off(D("2026-01-02"))
    assert calendar.is_working_day(D("2026-01-10"))


def test_vietnamese_culture_day_is_a_working_day_in_2026_and_after():
    calendar = cal.WorkCalendar()
    assert calendar.is_working_day(D("2026-11-24"))
    assert calendar.is_working_day(D("2027-11-24"))


def test_a_year_without_official_data_falls_back_to_the_package_and_is_provisional():
    calendar = cal.WorkCalendar()
    assert not calendar.is_working_day(D("2027-02-08"))  # the package's Tết 2027 guess
    info = calendar.year_info(2027)
    assert info.status == cal.PROVISIONAL
    assert "holidays" in info.source


@pytest.mark.django_db
def test_complaint_lodged_on_5_january_2026_against_a_decision_of_3_october_2025_is_in_time():
    result = due_date(rule="complaint.lodge", start=D("2025-10-03"))
    assert result.due == D("2026-01-05")
    assert not result.provisional
    assert "lịch năm 2026: chính thức" in result.explain()


@pytest.mark.django_db
def test_a_due_date_across_a_provisional_day_says_so():
    result = due_date(rule="denunciation.intake", start=D("2026-08-21"))
    assert result.due == D("2026-09-03")
    assert result.provisional
    assert "tạm tính" in result.explain()
    assert "31/08/2026" in result.explain()


@pytest.mark.django_db
def test_a_due_date_in_a_provisional_year_says_so_and_names_the_year():
    result = due_date(rule="petition.handle", start=D("2027-01-25"))
    assert result.provisional
    assert "lịch năm 2027: tạm tính" in result.explain()


@pytest.mark.django_db
def test_a_due_date_wholly_inside_official_days_is_not_provisional():
    result = due_date(rule="petition.handle", start=D("2025-01-20"))
    assert result.due == D("2025-02-10")
    assert not result.provisional
    assert [y.year for y in result.calendar_years] == [2025]
