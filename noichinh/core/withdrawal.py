"""Withdrawn records (soft delete): kept with who withdrew them, when and why.

A model that mixes in ``Withdrawable`` keeps its rows when withdrawn; its default manager
(``objects``, and so every related manager and every list, figure, export and API built on
them) leaves the withdrawn out. ``all_objects`` sees them too: only the list of withdrawn
records and their restoration use it.
"""

from django.conf import settings
from django.db import models


class LiveQuerySet(models.QuerySet):
    def live(self):
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)


_LiveManagerBase = models.Manager.from_queryset(LiveQuerySet)


class LiveManager(_LiveManagerBase):
    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Withdrawable(models.Model):
    withdrawn_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="người thu hồi",
    )
    withdrawn_reason = models.TextField("lý do thu hồi", blank=True, editable=False)

    objects = LiveManager()
    all_objects = models.Manager.from_queryset(LiveQuerySet)()

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
