"""What a confirmed import made: the text, the draft as confirmed, and the records it
created or reused, so the same confirmation sent twice (a double click) is done once and an
import made by mistake can be withdrawn."""

from django.conf import settings
from django.db import models

from noichinh.core.withdrawal import Withdrawable


class ImportRecord(Withdrawable):
    token = models.CharField("mã phiên nhập", max_length=64, unique=True)
    text = models.TextField("văn bản nguồn", blank=True)
    draft = models.JSONField("bản nháp đã xác nhận", default=dict, blank=True)
    conference = models.ForeignKey(
        "briefings.Conference",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        verbose_name="hội nghị",
    )
    # {"conference": [ids], "figure": [...], "task": [...], "award": [...]} made by this import.
    created_ids = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lần nhập từ văn bản"
        verbose_name_plural = "các lần nhập từ văn bản"

    def __str__(self):
        return (
            f"Nhập từ văn bản {self.created_at:%d/%m/%Y %H:%M}"
            if self.created_at
            else "Nhập từ văn bản"
        )
