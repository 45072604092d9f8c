from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Market(models.Model):
    """A country the house sells to, with its currency and VAT (PRC-2)."""

    country = models.CharField(_("country code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=80)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    vat_rate = models.DecimalField(
        _("VAT rate"), max_digits=5, decimal_places=4, default=Decimal("0.2000")
    )
    is_default = models.BooleanField(_("default market"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("market")

    def __str__(self) -> str:
        return f"{self.name} ({self.currency})"
