import datetime as dt

import pytest

from noichinh.briefings import services


@pytest.fixture
def blocs(org):
    return org["blocs"]


@pytest.fixture
def conference(users, blocs, agencies):
    return services.conference_create(
        actor=users["thuky"],
        blocs=[blocs["NOI_CHINH"], blocs["DAN_VAN"]],
        period_code="2022-Q3",
        date=dt.date(2022, 10, 10),
        chair_name="Phạm Minh Đức",
        chair_titles="Phó Bí thư Thường trực Tỉnh ủy",
        attendee_agencies=[agencies["CA"], agencies["TTT"]],
    )


@pytest.fixture
def make_task(users, agencies, conference):
    def _make(lead="CA", coordinators=(), deadline=dt.date(2022, 12, 31), **kw):
        return services.task_create(
            actor=users["thuky"],
            conference=kw.pop("conference", conference),
            text=kw.pop("text", f"Nhiệm vụ của {lead}"),
            lead_agency=agencies[lead],
            coordinators=[agencies[c] for c in coordinators],
            deadline=deadline,
            is_regular=deadline is None,
            **kw,
        )

    return _make
