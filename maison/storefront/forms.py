from django import forms
from django.utils.translation import gettext_lazy as _

from maison.terms.policy import POLICY


class AddToBasketForm(forms.Form):
    variant = forms.IntegerField(
        min_value=1, error_messages={"required": _("Please choose a size.")}
    )
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=POLICY.max_line_quantity, initial=1
    )


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=0, max_value=POLICY.max_line_quantity
    )


class FilterForm(forms.Form):
    size = forms.MultipleChoiceField(
        label=_("Size"), required=False, widget=forms.CheckboxSelectMultiple
    )
    colour = forms.MultipleChoiceField(
        label=_("Colour"), required=False, widget=forms.CheckboxSelectMultiple
    )
    min_price = forms.IntegerField(
        label=_("Min price"), required=False, min_value=0, max_value=10**8
    )
    max_price = forms.IntegerField(
        label=_("Max price"), required=False, min_value=0, max_value=10**8
    )

    def __init__(self, *args, sizes=(), colours=(), currency="EUR", **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("min_price", "max_price"):
            self.fields[name].label = f"{self.fields[name].label} ({currency})"
        self.fields["size"].choices = [(s, s) for s in sizes]
        self.fields["colour"].choices = [(c, c) for c in colours]


class CountryForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))

    def __init__(self, *args, markets=(), language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            (m.country, f"{m.display_name(language)} ({m.currency})") for m in markets
        ]


def callable_phone(phone: str) -> str:
    """A phone number the carrier can call: digits and the usual separators."""
    digits = [c for c in phone if c.isdigit()]
    if len(digits) < 6 or any(c not in "0123456789+ ().-" for c in phone):
        raise forms.ValidationError(_("Please enter a phone number the carrier can call."))
    return phone


class NameFields(forms.Form):
    """A person's name and a phone the carrier can call: on addresses and on the profile."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Phone, for the carrier"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    def clean_phone(self):
        return callable_phone(self.cleaned_data["phone"])


class AddressFields(NameFields):
    """The fields of a postal address, shared by checkout and the address book."""

    line1 = forms.CharField(
        label=_("Address"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    line2 = forms.CharField(
        label=_("Address line 2 (optional)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.ChoiceField(label=_("Country"))

    field_order = [
        "first_name",
        "last_name",
        "line1",
        "line2",
        "postal_code",
        "city",
        "country",
        "phone",
    ]


class AddressForm(AddressFields):
    def __init__(self, *args, market=None, markets=(), language="en", **kwargs):
        """A delivery address is in the market's country; a billing address in any."""
        super().__init__(*args, **kwargs)
        if market is not None:
            self.fields["country"].choices = [(market.country, market.display_name(language))]
            self.fields["country"].initial = market.country
            self.fields["country"].help_text = _(
                "We deliver to the country you shop in. To deliver elsewhere, change country."
            )
        else:
            self.fields["country"].choices = [
                (m.country, m.display_name(language)) for m in markets
            ]


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    billing_same = forms.BooleanField(
        label=_("Billing address is the same as the delivery address"), required=False, initial=True
    )


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("Delivery method"), widget=forms.RadioSelect)

    def __init__(self, *args, methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(m.code, m.name) for m in methods]


class CardForm(forms.Form):
    number = forms.CharField(
        label=_("Card number"),
        max_length=23,
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric"}),
    )
    expiry_month = forms.IntegerField(
        label=_("Expiry month (MM)"),
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-month"}),
    )
    expiry_year = forms.IntegerField(
        label=_("Expiry year (YYYY)"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-year"}),
    )
    cvc = forms.CharField(
        label=_("Security code"),
        max_length=4,
        widget=forms.TextInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric"}),
    )


class PlaceOrderForm(forms.Form):
    accept_terms = forms.BooleanField(
        label=_("I have read and accept the terms of sale"),
        error_messages={"required": _("Please accept the terms of sale to place your order.")},
    )
    reviewed = forms.CharField(widget=forms.HiddenInput, max_length=64)


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=20)
    email = forms.EmailField(label=_("Email used for the order"))
