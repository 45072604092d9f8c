"""Values as the back office shows them, in the language of the person reading."""

from django.utils.translation import get_language

from maison.markets.money import Money


def money(value: Money) -> str:
    """110,00 CHF for a French reader, CHF 110.00 for an English one."""
    return value.format(get_language() or "en")
