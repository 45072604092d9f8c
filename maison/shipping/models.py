from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maison.markets.money import Money


class DeliveryMethod(models.Model):
    """A way to deliver to one market, with its price and estimated window (DEL-1, DEL-2)."""

    market = models.ForeignKey(
        "markets.Market",
        on_delete=models.CASCADE,
        related_name="delivery_methods",
        verbose_name=_("market"),
    )
    code = models.SlugField(verbose_name=_("code"))
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=200, blank=True)
    price_minor = models.PositiveIntegerField(_("price (minor units)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    # Standard delivery is free above the policy threshold; express never is.
    free_above_threshold = models.BooleanField(_("free above the threshold"), default=False)
    min_business_days = models.PositiveSmallIntegerField(_("earliest, in business days"))
    max_business_days = models.PositiveSmallIntegerField(_("latest, in business days"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("delivery method")
        verbose_name_plural = _("delivery methods")
        constraints = [
            models.UniqueConstraint(fields=["market", "code"], name="one_method_code_per_market")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def price(self) -> Money:
        return Money(self.price_minor, self.currency)

    def clean(self) -> None:
        # The price is charged in the market's currency: it must be written in it.
        if self.market_id and self.currency != self.market.currency:
            raise ValidationError(
                {
                    "currency": _("%(market)s sells in %(currency)s: price the method in it.")
                    % {
                        "market": self.market.display_name(get_language() or "en"),
                        "currency": self.market.currency,
                    }
                }
            )


class PublicHoliday(models.Model):
    """A day the carriers of a country do not work (DEL-1).

    Rows come from the `holidays` package (`refresh_holidays`) or from staff.
    Staff may add a holiday the package lacks, or mark a package holiday as a
    working day; a refresh never undoes either.
    """

    class Source(models.TextChoices):
        PACKAGE = "package", _("holidays package")
        STAFF = "staff", _("staff")

    country = models.CharField(_("country code"), max_length=2)
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    # Added in the back office unless the refresh wrote it.
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.STAFF
    )
    is_working_day = models.BooleanField(
        _("carriers work that day"),
        default=False,
        help_text=_("Staff override: the day counts as a business day after all."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        constraints = [
            models.UniqueConstraint(fields=["country", "date"], name="one_holiday_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class StoreClosure(models.Model):
    """Days the house ships nothing (SITE-5): announced, and counted in every estimate."""

    starts_on = models.DateField(_("first closed day"))
    ends_on = models.DateField(_("last closed day"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("store closure")
        verbose_name_plural = _("store closures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="closure_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"
