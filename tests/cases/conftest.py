import datetime as dt

import pytest

H1_2020 = (dt.date(2020, 1, 1), dt.date(2020, 6, 30))


@pytest.fixture
def demo_cases(org):
    from noichinh.devdata.demo import cases as demo

    demo.load(org)
    return org


@pytest.fixture
def case_factory(users, agencies):
    """A case registered by the secretariat, followed by the Internal Affairs Committee."""
    from noichinh.cases import services
    from noichinh.cases.models import Case

    counter = iter(range(1, 10_000))

    def make(**kw):
        data = {
            "title": f"Vụ án thử {next(counter)}",
            "field": Case.CORRUPTION,
            "severity": Case.SERIOUS,
            "following_agency": agencies["BNC"],
            "followed_from": dt.date(2019, 1, 1),
            "arisen_on": dt.date(2019, 1, 1),
        }
        data.update(kw)
        return services.case_create(actor=users["thuky"], **data)

    return make
