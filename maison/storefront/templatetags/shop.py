from django import template
from django.utils.translation import get_language

from maison.markets.money import Money

register = template.Library()


@register.filter
def money(value: Money) -> str:
    """Money in the page's language, e.g. 1 250,00 € in French, €1,250.00 in English."""
    return value.format(get_language() or "en")


@register.filter
def minor(amount_minor: int, currency: str = "EUR") -> str:
    return Money(amount_minor, currency).format(get_language() or "en")


@register.filter
def percent(rate) -> str:
    return f"{rate * 100:g} %"


@register.filter
def country_name(market) -> str:
    return market.display_name(get_language() or "en")
