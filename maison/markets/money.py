"""Exact money: integer minor units and a currency, never a float (PRC-7).

The currency's exponent comes from Babel's CLDR data (JPY has none, EUR two),
so rounding is per currency and totals add up line by line.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency, get_currency_precision

_LETTERS_THEN_DIGIT = re.compile(r"([A-Za-z])(\d)")


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    """Parsed once: Babel's parsing is a visible share of a listing page's time."""
    return Locale.parse(name)


def exponent(currency: str) -> int:
    return get_currency_precision(currency)


def to_minor(amount: Decimal, currency: str) -> int:
    """An amount typed in currency units (12.50 EUR, 1999 JPY) as minor units, exactly.

    Refuses more decimals than the currency has, rather than rounding what
    staff typed: 12.505 EUR is a typo, not 12.51.
    """
    places = exponent(currency)
    minor = Decimal(amount).scaleb(places)
    if minor != minor.to_integral_value():
        raise ValueError(f"{currency} amounts have {places} decimal places at most")
    return int(minor)


def round_minor(value: Decimal) -> int:
    """Commercial rounding to a whole minor unit (half away from zero)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies met: a bug, never something to convert silently."""

    code = "currency_mismatch"


@dataclass(frozen=True)
class Money:
    """An amount in one currency. Adding, subtracting or ordering two currencies raises.

    Equality stays a plain comparison: 1.00 EUR is simply not 1.00 GBP.
    """

    minor: int
    currency: str

    @classmethod
    def zero(cls, currency: str) -> "Money":
        return cls(0, currency)

    @classmethod
    def from_decimal(cls, amount: Decimal | str, currency: str) -> "Money":
        return cls(round_minor(Decimal(amount) * 10 ** exponent(currency)), currency)

    @property
    def amount(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def _same(self, other: "Money", doing: str = "add") -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot {doing} {self} and {other!r}: not an amount of money")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"cannot {doing} {self.amount} {self.currency} and {other.amount} "
                f"{other.currency}: amounts in different currencies"
            )

    def __lt__(self, other: "Money") -> bool:
        self._same(other, "compare")
        return self.minor < other.minor

    def __le__(self, other: "Money") -> bool:
        self._same(other, "compare")
        return self.minor <= other.minor

    def __gt__(self, other: "Money") -> bool:
        self._same(other, "compare")
        return self.minor > other.minor

    def __ge__(self, other: "Money") -> bool:
        self._same(other, "compare")
        return self.minor >= other.minor

    def __add__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same(other, "subtract")
        return Money(self.minor - other.minor, self.currency)

    def __mul__(self, quantity: int) -> "Money":
        if not isinstance(quantity, int):
            raise TypeError("money multiplies by whole quantities only")
        return Money(self.minor * quantity, self.currency)

    def __bool__(self) -> bool:
        return self.minor != 0

    def format(self, locale: str = "en") -> str:
        text = format_currency(self.amount, self.currency, locale=_locale(locale))
        # CLDR's currency spacing, which Babel leaves out: a symbol made of
        # letters ("CHF") is kept apart from the digits by a no-break space.
        return _LETTERS_THEN_DIGIT.sub("\\1\u00a0\\2", text)

    def __str__(self) -> str:
        return self.format()
