"""Reads of the import area: the confirmed imports, withdrawn or not."""

from django.shortcuts import get_object_or_404

from noichinh.textimport import permissions

from .models import ImportRecord


def import_list(*, user):
    permissions.require_import_text(user)
    return ImportRecord.all_objects.select_related(
        "conference", "created_by", "withdrawn_by"
    ).order_by("-created_at", "-id")


def import_get(*, user, pk: int) -> ImportRecord:
    return get_object_or_404(import_list(user=user), pk=pk)
