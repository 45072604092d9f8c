"""Addresses and phones on pages, emails and documents, as each country writes them."""

from django import template
from django.utils.translation import get_language

from maison.markets import addresses

register = template.Library()


def _as_dict(address) -> dict:
    return address.as_dict() if hasattr(address, "as_dict") else dict(address or {})


@register.filter
def postal_lines(address) -> list[str]:
    """The printed lines of an address (a dict or an address-book entry)."""
    return addresses.printed_lines(_as_dict(address), get_language() or "en")


@register.filter
def phone_display(address) -> str:
    """The address's phone in the national format of its country."""
    found = _as_dict(address)
    return addresses.display_phone(found.get("phone", ""), found.get("country", ""))


@register.filter
def country_name(code: str) -> str:
    return addresses.country_name(code, get_language() or "en")
