import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from noichinh.core import audit
from noichinh.core.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def _three_entries(users):
    for i in range(3):
        audit.record(
            actor=users["thuky"],
            action="update",
            model="x.y",
            object_id=str(i),
            changes={"a": [i, i + 1]},
        )


def test_intact_chain_verifies(users):
    _three_entries(users)
    call_command("verify_audit")


def test_verify_audit_detects_an_edited_row(users):
    _three_entries(users)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET object_repr = 'sửa lén' WHERE id = %s",
            [AuditEntry.objects.order_by("id")[1].id],
        )
    with pytest.raises(CommandError, match="bị can thiệp"):
        call_command("verify_audit")


def test_verify_audit_detects_a_deleted_row(users):
    _three_entries(users)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM core_auditentry WHERE id = %s", [AuditEntry.objects.order_by("id")[1].id]
        )
    with pytest.raises(CommandError, match="bị can thiệp"):
        call_command("verify_audit")


def test_entries_cannot_be_changed_or_deleted_through_the_orm(users):
    _three_entries(users)
    entry = AuditEntry.objects.first()
    entry.action = "delete"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_admin_site_offers_no_way_to_edit_history(client, users):
    _three_entries(users)
    client.force_login(users["admin"])
    entry = AuditEntry.objects.first()
    assert client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    response = client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"action": "x"})
    assert response.status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.action == "update"
