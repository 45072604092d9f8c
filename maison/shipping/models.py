from django.db import models
from django.utils.translation import gettext_lazy as _

from maison.markets.money import Money


class DeliveryMethod(models.Model):
    """A way to deliver, with its price and estimated window (DEL-1, DEL-2)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=200, blank=True)
    price_minor = models.PositiveIntegerField(_("price (minor units)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    # Standard delivery is free above the policy threshold; express never is.
    free_above_threshold = models.BooleanField(_("free above the threshold"), default=False)
    min_business_days = models.PositiveSmallIntegerField(_("earliest, in business days"))
    max_business_days = models.PositiveSmallIntegerField(_("latest, in business days"))
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("delivery method")

    def __str__(self) -> str:
        return self.name

    @property
    def price(self) -> Money:
        return Money(self.price_minor, self.currency)
