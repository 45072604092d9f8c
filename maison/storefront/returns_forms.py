"""The withdrawal form and the claim form of an order page (RET-1, RET-5, RET-6, SITE-4)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maison.aftersales.models import Claim
from maison.aftersales.services import LineChoice

from .account_forms import DescribedFields


class WithdrawalForm(DescribedFields, forms.Form):
    """One quantity per delivered line, an optional exchange, an optional reason.

    The service decides what may be withdrawn: every `qty-<line>` sent is passed
    on, even for a line this page did not show, so that a forged request is
    refused with its reason rather than silently trimmed.
    """

    reason = forms.CharField(
        label=_("Why are you sending them back? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, offered, data=None):
        """`offered`: (order line, units left, exchange variants) for each line shown."""
        super().__init__(data)
        self.offered = offered
        for line, left, options in offered:
            self.fields[f"qty-{line.pk}"] = forms.IntegerField(
                label=_("%(product)s (%(colour)s, %(size)s): how many to send back")
                % {"product": line.product_name, "colour": line.colour, "size": line.size},
                min_value=0,
                initial=0,
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "max": left}),
            )
            if options:
                self.fields[f"exchange-{line.pk}"] = forms.TypedChoiceField(
                    label=_("Refund, or exchange for"),
                    choices=[("", _("a refund"))]
                    + [(v.pk, f"{v.colour}, {v.size}") for v in options],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
        self._describe()

    def line_rows(self):
        """The fields of each line, together, for the template."""
        for line, left, options in self.offered:
            yield {
                "line": line,
                "left": left,
                "quantity": self[f"qty-{line.pk}"],
                "exchange": self[f"exchange-{line.pk}"] if options else None,
            }

    def clean(self):
        cleaned = super().clean()
        choices = []
        for key in self.data:
            if not key.startswith("qty-"):
                continue
            try:
                line_id = int(key.removeprefix("qty-"))
                quantities = [int(value or 0) for value in self.data.getlist(key)]
            except ValueError:
                raise forms.ValidationError(_("Enter a whole number of items.")) from None
            exchange = cleaned.get(f"exchange-{line_id}")
            choices += [LineChoice(line_id, quantity, exchange) for quantity in quantities]
        cleaned["choices"] = choices
        return cleaned


class ClaimForm(DescribedFields, forms.Form):
    """A product that is not as it should be: a complaint or a guarantee claim."""

    line = forms.TypedChoiceField(label=_("Which item?"), coerce=int)
    kind = forms.ChoiceField(label=_("What kind of problem?"), choices=Claim.Kind.choices)
    discovered_on = forms.DateField(
        label=_("When did you discover the defect? (hidden defects)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    description = forms.CharField(
        label=_("What is wrong?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, lines, data=None):
        super().__init__(data)
        self.fields["line"].choices = [
            (line.pk, f"{line.product_name} ({line.colour}, {line.size})") for line in lines
        ]
        self._describe()
