from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
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

    code = models.SlugField(unique=True, verbose_name=_("code"))
    currency = models.CharField(_("currency"), max_length=3)
    includes_tax = models.BooleanField(_("prices include VAT"), default=True)

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")

    def __str__(self) -> str:
        return f"{self.code} ({self.currency})"

    def clean(self) -> None:
        # A list's prices are amounts in its currency: markets using it must share it.
        if self.pk is None:
            return
        others = Market.objects.filter(price_list=self).exclude(currency=self.currency)
        names = ", ".join(sorted(m.country for m in others))
        if names:
            raise ValidationError(
                {
                    "currency": _(
                        "These markets sell in another currency with this price list: "
                        "%(markets)s. Change their currency or price list first."
                    )
                    % {"markets": names}
                }
            )


class Price(models.Model):
    """A product's price in a price list; a variant may have its own."""

    price_list = models.ForeignKey(
        PriceList, on_delete=models.CASCADE, related_name="prices", verbose_name=_("price list")
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.CASCADE,
        related_name="prices",
        verbose_name=_("product"),
    )
    variant = models.ForeignKey(
        "catalog.Variant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prices",
        verbose_name=_("variant"),
    )
    amount_minor = models.PositiveIntegerField(_("price (minor units)"))

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
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
    price_list = models.ForeignKey(
        PriceList,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("price list"),
    )
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
        verbose_name_plural = _("markets")

    def __str__(self) -> str:
        return f"{self.display_name(get_language() or 'en')} ({self.currency})"

    def clean(self) -> None:
        # Prices are amounts in the list's currency: read in another, 190 CHF would
        # be charged as 190 EUR (PRC-2, PRC-7).
        if self.price_list_id and self.price_list.currency != self.currency:
            raise ValidationError(
                {
                    "price_list": _(
                        "The price list %(list)s is in %(list_currency)s but this market "
                        "sells in %(currency)s: choose a price list in %(currency)s."
                    )
                    % {
                        "list": self.price_list.code,
                        "list_currency": self.price_list.currency,
                        "currency": self.currency,
                    }
                }
            )

    def display_name(self, language: str) -> str:
        return country_name(self.country, language)


def below_one(value: Decimal) -> None:
    """A rate is a fraction: 0.20 for 20 %. 5.5 is a typed percentage, not a rate."""
    if value is not None and value >= 1:
        raise ValidationError(
            _("A rate is a fraction below 1: type 0.055 for 5.5 %%, not %(value)s."),
            params={"value": value},
            code="rate_not_a_fraction",
        )


class VatRate(models.Model):
    """A country's standard VAT rate from a date on (PRC-2).

    A change is recorded ahead with its date, and applies by itself to orders
    placed from that day in the store's time zone, never to earlier ones.
    """

    country = models.CharField(_("country code"), max_length=2)
    rate = models.DecimalField(
        _("rate"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), below_one],
        help_text=_("A fraction: 0.20 for 20 %."),
    )
    valid_from = models.DateField(_("in force from"))

    class Meta:
        ordering = ["country", "-valid_from"]
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")
        constraints = [
            models.UniqueConstraint(fields=["country", "valid_from"], name="one_rate_per_day"),
            # A negative or 550 % VAT is a typing error that would reach the review page.
            models.CheckConstraint(
                condition=models.Q(rate__gte=0, rate__lt=1), name="vat_rate_is_a_fraction"
            ),
        ]

    def __str__(self) -> str:
        return _("%(country)s %(rate)s from %(day)s") % {
            "country": self.country,
            "rate": self.rate,
            "day": self.valid_from,
        }


class DutyRate(models.Model):
    """Import duty on a customs category into a country (PRC-2 mode b)."""

    country = models.CharField(_("country code"), max_length=2)
    customs_category = models.CharField(
        max_length=20, choices=CustomsCategory.choices, verbose_name=_("customs category")
    )
    rate = models.DecimalField(_("rate"), max_digits=5, decimal_places=4)

    class Meta:
        verbose_name = _("duty rate")
        verbose_name_plural = _("duty rates")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "customs_category"], name="one_duty_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.customs_category} {self.rate}"
