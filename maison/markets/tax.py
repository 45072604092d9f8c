"""VAT arithmetic on tax-included prices (PRC-2 mode a, PRC-7).

A shown price includes VAT; the tax inside it is derived per line and rounded
once, so the net and the tax of a line always add back to its gross.
"""

from decimal import Decimal

from .money import Money, round_minor


def tax_included_in(gross: Money, rate: Decimal) -> Money:
    net = round_minor(Decimal(gross.minor) / (1 + rate))
    return Money(gross.minor - net, gross.currency)
