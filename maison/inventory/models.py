from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stock(models.Model):
    """Units of a variant on hand, and how many of them orders have claimed.

    The check constraint is the database's own last word on PRD-1: whatever a
    bug upstream may try, `allocated` can never exceed `on_hand`.
    """

    variant = models.OneToOneField(
        "catalog.Variant",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stock",
        verbose_name=_("variant"),
    )
    on_hand = models.PositiveIntegerField(_("on hand"), default=0)
    allocated = models.PositiveIntegerField(_("allocated to orders"), default=0)

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = pgettext_lazy("stock records", "stock")
        constraints = [
            models.CheckConstraint(
                condition=Q(allocated__lte=F("on_hand")), name="stock_never_oversold"
            )
        ]

    def __str__(self) -> str:
        return _("%(variant)s: %(available)s available") % {
            "variant": self.variant,
            "available": self.available,
        }

    @property
    def available(self) -> int:
        return self.on_hand - self.allocated
