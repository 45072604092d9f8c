"""The contact form: a message to customer service (SITE-4)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maison.support.models import Ticket

from .account_forms import DescribedFields


class ContactForm(DescribedFields, forms.Form):
    """A message to customer service (SITE-4)."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topic = forms.ChoiceField(label=_("Your message is about"))
    order_number = forms.CharField(
        label=_("Order number (optional)"),
        max_length=20,
        required=False,
        help_text=_("With the email you ordered with, it links your message to the order."),
    )
    message = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = Ticket.Topic.choices
