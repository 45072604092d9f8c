"""Back-office forms where staff type amounts in currency units (PRC-7).

Staff type 190.00 EUR or 26100 JPY; the models keep integer minor units. The
currency's decimal places come from Babel, and an amount with more decimals
than its currency has is refused, never rounded.
"""

from decimal import Decimal

from django import forms
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Market, Price
from .money import Money, exponent, to_minor


def amount_field(label, help_text=""):
    return forms.DecimalField(label=capfirst(label), min_value=Decimal(0), help_text=help_text)


class AmountsInUnitsForm(forms.ModelForm):
    """A model form whose `amounts` (form field -> minor-unit model field) are typed in units."""

    amounts: dict[str, str] = {}

    def instance_currency(self) -> str | None:
        raise NotImplementedError

    def chosen_currency(self, data: dict) -> str | None:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        currency = self.instance_currency()
        for field, minor_field in self.amounts.items():
            minor = getattr(self.instance, minor_field, None)
            if minor is not None and currency:
                self.initial.setdefault(field, Money(minor, currency).amount)

    def clean(self):
        data = super().clean()
        currency = self.chosen_currency(data)
        for field, minor_field in self.amounts.items():
            amount = data.get(field)
            if amount is None or not currency:
                continue
            try:
                minor = to_minor(amount, currency)
            except ValueError:
                self.add_error(
                    field,
                    _("%(currency)s amounts have %(places)s decimal places at most.")
                    % {"currency": currency, "places": exponent(currency)},
                )
                continue
            largest = self.largest_minor(minor_field)
            if minor > largest:
                # More than the column holds (21,474,836.47 EUR): refused here, not a 500.
                self.add_error(
                    field,
                    _("%(currency)s amounts are at most %(largest)s.")
                    % {
                        "currency": currency,
                        "largest": formats.number_format(
                            Money(largest, currency).amount,
                            decimal_pos=exponent(currency),
                            use_l10n=True,
                            force_grouping=True,
                        ),
                    },
                )
                continue
            setattr(self.instance, minor_field, minor)
        return data

    def largest_minor(self, minor_field: str) -> int:
        """The most minor units the model's column can hold, on any database.

        Django's portable ranges, which are PostgreSQL's: SQLite's columns hold
        more, and the demo must refuse what production would.
        """
        kind = self.instance._meta.get_field(minor_field).get_internal_type()
        return BaseDatabaseOperations.integer_field_ranges[kind][1]


class PriceForm(AmountsInUnitsForm):
    amount = amount_field(_("price"), _("In the price list's currency: 190.00 EUR, 26100 JPY."))
    amounts = {"amount": "amount_minor"}

    class Meta:
        model = Price
        fields = ["price_list", "product", "variant", "amount"]

    def instance_currency(self):
        return self.instance.price_list.currency if self.instance.price_list_id else None

    def chosen_currency(self, data):
        return data["price_list"].currency if data.get("price_list") else None


class MarketForm(AmountsInUnitsForm):
    free_delivery_threshold = amount_field(
        _("free delivery threshold"), _("In the market's currency: 250.00 EUR, 40000 JPY.")
    )
    amounts = {"free_delivery_threshold": "free_delivery_threshold_minor"}

    class Meta:
        model = Market
        exclude = ["free_delivery_threshold_minor"]  # noqa: DJ006 (typed in units instead)

    def instance_currency(self):
        return self.instance.currency

    def chosen_currency(self, data):
        return data.get("currency")
