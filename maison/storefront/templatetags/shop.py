from django import template
from django.utils.translation import get_language, pgettext

from maison.markets.money import Money

from .. import pictures

register = template.Library()


@register.simple_tag
def colon() -> str:
    """The colon between a label and its value: French writes a space before it
    ("Transporteur : Colissimo"), English does not ("Carrier: Colissimo")."""
    return pgettext("between a label and its value", ":")


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


@register.filter
def card_views(product) -> list:
    """The card's picture and its second view: the first colour's first two (queries._for_sale)."""
    return pictures.of_colour(product.pictures, product.card_colour_name)[:2]


# Cards in the first row of a grid load at once; the others as they near the screen.
FIRST_ROW = 4


@register.filter
def first_row(counter: int) -> bool:
    return counter <= FIRST_ROW
