import io

import pytest

from noichinh.core.models import AuditEntry
from noichinh.devdata.demo import portal as demo
from noichinh.petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_its_codes_open_the_petitions(org, client):
    demo.load(org, io.StringIO())
    counts = (Petition.objects.count(), AuditEntry.objects.count())
    out = io.StringIO()
    demo.load(org, out)
    assert (Petition.objects.count(), AuditEntry.objects.count()) == counts
    assert demo.demo_code(1) in out.getvalue()
    assert client.post("/portal/tra-cuu/", {"code": demo.demo_code(2)}).status_code == 302
    assert "Bảo vệ việc làm" in client.get("/portal/ho-so/").content.decode()
