"""What another instance sent: the report figures of its periods (the records themselves are
imported into the registers, keyed by their uuid)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceivedFigure(models.Model):
    """One figure of one period, for one agency (empty code: the whole source), as a source
    instance computed it from its registers."""

    source = models.CharField(_("nơi gửi (mã tỉnh)"), max_length=20)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    agency_code = models.CharField(_("mã cơ quan"), max_length=60, blank=True)
    code = models.CharField(_("mã số liệu"), max_length=80)
    value = models.BigIntegerField(_("giá trị"))
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("số liệu nhận từ nơi khác")
        verbose_name_plural = _("số liệu nhận từ nơi khác")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "period_start", "period_end", "agency_code", "code"],
                name="exchange_received_figure_key",
            )
        ]
        # Who may export and import (the API, the commands): administrators and the users
        # given this permission (an exchange account).
        permissions = [("exchange_data", _("Trao đổi dữ liệu liên thông"))]

    def __str__(self):
        return f"{self.source} {self.code} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"
