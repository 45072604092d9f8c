"""What things cost in a market: prices, VAT, duties, in the market's mode (PRC-2, PRC-7).

One computation serves the product page, the basket, the review page and the
order, so the amounts a buyer sees are the amounts recorded and charged.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from .models import DutyRate, Market, Price, PriceMode, VatRate
from .money import Money, round_minor
from .tax import tax_included_in


class NoVatRate(Exception):
    """A market without a VAT rate in force cannot sell: staff must record one."""


def vat_rate(country: str, on: date) -> Decimal:
    """The rate in force on `on`, a date in the store's time zone."""
    rate = (
        VatRate.objects.filter(country=country, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("rate", flat=True)
        .first()
    )
    if rate is None:
        raise NoVatRate(f"no VAT rate in force for {country} on {on}")
    return rate


def duty_rates(country: str) -> dict[str, Decimal]:
    return dict(DutyRate.objects.filter(country=country).values_list("customs_category", "rate"))


def with_prices(products: QuerySet, market: Market) -> QuerySet:
    """Annotate each product with its price in the market, dropping those not sold there."""
    price = Price.objects.filter(
        price_list_id=market.price_list_id, product=OuterRef("pk"), variant__isnull=True
    ).values("amount_minor")[:1]
    return products.annotate(market_price_minor=Subquery(price)).filter(
        market_price_minor__isnull=False
    )


def product_price(product, market: Market) -> Money | None:
    minor = getattr(product, "market_price_minor", None)
    if minor is None:
        price = Price.objects.filter(
            price_list_id=market.price_list_id, product=product, variant__isnull=True
        ).first()
        minor = price.amount_minor if price else None
    return None if minor is None else Money(minor, market.currency)


def variant_prices(variants, market: Market) -> dict[int, Money]:
    """Each variant's price in one query: its own, else its product's; absent if not sold."""
    variants = list(variants)
    rows = Price.objects.filter(
        price_list_id=market.price_list_id, product_id__in={v.product_id for v in variants}
    ).values_list("product_id", "variant_id", "amount_minor")
    by_product, by_variant = {}, {}
    for product_id, variant_id, minor in rows:
        if variant_id is None:
            by_product[product_id] = minor
        else:
            by_variant[variant_id] = minor
    prices = {}
    for variant in variants:
        minor = by_variant.get(variant.pk, by_product.get(variant.product_id))
        if minor is not None:
            prices[variant.pk] = Money(minor, market.currency)
    return prices


@dataclass(frozen=True)
class LineInput:
    unit_price: Money
    quantity: int
    customs_category: str


@dataclass(frozen=True)
class LineAmounts:
    total: Money  # what the line costs as shown: VAT included in mode a, excluded in b and c
    tax: Money  # the VAT inside the line (mode a), or zero
    duty: Money  # import duty charged at order (mode b), or zero
    tax_rate: Decimal


@dataclass(frozen=True)
class Breakdown:
    """Every amount of a basket or order in one market, adding up line by line."""

    mode: str
    lines: list[LineAmounts]
    goods: Money
    delivery: Money
    duties: Money
    import_vat: Money
    tax: Money  # all VAT: inside the prices (mode a) or charged on import (mode b)
    total: Money
    vat_rate: Decimal


def breakdown(market: Market, lines: list[LineInput], delivery: Money, on: date) -> Breakdown:
    currency = market.currency
    zero = Money.zero(currency)
    mode = market.price_mode
    rate = vat_rate(market.country, on) if mode != PriceMode.DUTIES_AT_DELIVERY else Decimal(0)
    duties = duty_rates(market.country) if mode == PriceMode.DUTIES_AT_ORDER else {}
    amounts = []
    for line in lines:
        line_total = line.unit_price * line.quantity
        if mode == PriceMode.TAXES_INCLUDED:
            amounts.append(LineAmounts(line_total, tax_included_in(line_total, rate), zero, rate))
        elif mode == PriceMode.DUTIES_AT_ORDER:
            duty_rate = duties.get(line.customs_category, Decimal(0))
            duty = Money(round_minor(line_total.minor * duty_rate), currency)
            amounts.append(LineAmounts(line_total, zero, duty, rate))
        else:
            amounts.append(LineAmounts(line_total, zero, zero, Decimal(0)))
    goods = sum((a.total for a in amounts), zero)
    duty_total = sum((a.duty for a in amounts), zero)
    if mode == PriceMode.TAXES_INCLUDED:
        tax = sum((a.tax for a in amounts), zero) + tax_included_in(delivery, rate)
        import_vat = zero
    elif mode == PriceMode.DUTIES_AT_ORDER:
        # Import VAT is due on the goods, the transport and the duties together.
        import_vat = Money(round_minor((goods + delivery + duty_total).minor * rate), currency)
        tax = import_vat
    else:
        tax = import_vat = zero
    total = goods + delivery + duty_total + import_vat
    return Breakdown(mode, amounts, goods, delivery, duty_total, import_vat, tax, total, rate)
