from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maison.markets.addresses import all_countries, country_name
from maison.terms.policy import POLICY


class PriceMode(models.TextChoices):
    """How a market's prices are shown and its taxes paid (PRC-2)."""

    TAXES_INCLUDED = "included", _("all taxes included")
    DUTIES_AT_ORDER = "at_order", _("excluding taxes, duties and taxes paid at order")
    DUTIES_AT_DELIVERY = "at_delivery", _("excluding taxes, duties and taxes paid at delivery")


class CustomsCategory(models.TextChoices):
    APPAREL = "apparel", _("apparel")
    FOOTWEAR = "footwear", _("footwear")
    ACCESSORIES = "accessories", _("accessories")


class PriceList(models.Model):
    """Prices the house sets in one currency, shared by the markets that use it.

    Prices are set, never converted on the fly: 190 EUR in France may be
    165 GBP in the United Kingdom and 180 CHF, excluding taxes, in Switzerland.
    """

    code = models.SlugField(unique=True)
    currency = models.CharField(_("currency"), max_length=3)
    includes_tax = models.BooleanField(_("prices include VAT"), default=True)

    class Meta:
        verbose_name = _("price list")

    def __str__(self) -> str:
        return f"{self.code} ({self.currency})"


class Price(models.Model):
    """A product's price in a price list; a variant may have its own."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="prices")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="prices")
    variant = models.ForeignKey(
        "catalog.Variant", on_delete=models.CASCADE, null=True, blank=True, related_name="prices"
    )
    amount_minor = models.PositiveIntegerField(_("price (minor units)"))

    class Meta:
        verbose_name = _("price")
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "product"],
                condition=models.Q(variant__isnull=True),
                name="one_product_price_per_list",
            ),
            models.UniqueConstraint(
                fields=["price_list", "variant"],
                condition=models.Q(variant__isnull=False),
                name="one_variant_price_per_list",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.amount_minor} {self.price_list_id}"


class Market(models.Model):
    """A country the house sells to: currency, prices, taxes, delivery, language."""

    # Its name, in either language, comes from django-countries.
    country = models.CharField(_("country"), max_length=2, unique=True, choices=all_countries)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    price_list = models.ForeignKey(PriceList, on_delete=models.PROTECT, null=True, related_name="+")
    price_mode = models.CharField(
        _("price display mode"),
        max_length=12,
        choices=PriceMode.choices,
        default=PriceMode.TAXES_INCLUDED,
    )
    # Free standard delivery and returns above this amount (SITE-2), in minor units.
    free_delivery_threshold_minor = models.PositiveIntegerField(
        _("free delivery threshold (minor units)"),
        default=POLICY.free_delivery_threshold_minor,
    )
    language = models.CharField(_("default language"), max_length=8, default="en")
    is_default = models.BooleanField(_("default market"), default=False)

    class Meta:
        ordering = ["country"]
        verbose_name = _("market")

    def __str__(self) -> str:
        return f"{self.display_name(get_language() or 'en')} ({self.currency})"

    def display_name(self, language: str) -> str:
        return country_name(self.country, language)


class VatRate(models.Model):
    """A country's standard VAT rate from a date on (PRC-2).

    A change is recorded ahead with its date, and applies by itself to orders
    placed from that day in the store's time zone, never to earlier ones.
    """

    country = models.CharField(_("country code"), max_length=2)
    rate = models.DecimalField(_("rate"), max_digits=5, decimal_places=4)
    valid_from = models.DateField(_("in force from"))

    class Meta:
        ordering = ["country", "-valid_from"]
        verbose_name = _("VAT rate")
        constraints = [
            models.UniqueConstraint(fields=["country", "valid_from"], name="one_rate_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.rate} from {self.valid_from}"


class DutyRate(models.Model):
    """Import duty on a customs category into a country (PRC-2 mode b)."""

    country = models.CharField(_("country code"), max_length=2)
    customs_category = models.CharField(max_length=20, choices=CustomsCategory.choices)
    rate = models.DecimalField(_("rate"), max_digits=5, decimal_places=4)

    class Meta:
        verbose_name = _("duty rate")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "customs_category"], name="one_duty_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.customs_category} {self.rate}"
