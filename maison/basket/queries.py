"""The basket as the shopper sees it: lines priced in their market, totals that add up."""

from dataclasses import dataclass

from django.db.models import Sum

from maison.catalog.models import Variant
from maison.catalog.queries import stock_available
from maison.markets.models import Market
from maison.markets.money import Money
from maison.markets.pricing import variant_prices

from .models import Basket, BasketLine


@dataclass(frozen=True)
class PricedLine:
    id: int
    variant: Variant
    quantity: int
    unit_price: Money | None  # None: not sold in this market
    available: int

    @property
    def line_total(self) -> Money | None:
        return None if self.unit_price is None else self.unit_price * self.quantity

    @property
    def short_of_stock(self) -> bool:
        return self.quantity > self.available

    @property
    def sold_here(self) -> bool:
        return self.unit_price is not None


@dataclass(frozen=True)
class BasketView:
    lines: list[PricedLine]
    subtotal: Money

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def unsold_lines(self) -> list[PricedLine]:
        return [line for line in self.lines if not line.sold_here]


def priced(basket: Basket | None, market: Market) -> BasketView:
    if basket is None:
        return BasketView([], Money.zero(market.currency))
    rows = list(basket.lines.select_related("variant__product", "variant__stock"))
    prices = variant_prices((row.variant for row in rows), market)
    lines = [
        PricedLine(
            row.pk,
            row.variant,
            row.quantity,
            prices.get(row.variant_id),
            stock_available(row.variant),
        )
        for row in rows
    ]
    subtotal = sum(
        (line.line_total for line in lines if line.sold_here), Money.zero(market.currency)
    )
    return BasketView(lines, subtotal)


def item_count(basket_id: int | None) -> int:
    if basket_id is None:
        return 0
    return BasketLine.objects.filter(basket_id=basket_id).aggregate(n=Sum("quantity"))["n"] or 0


def of_member(user) -> Basket | None:
    return Basket.objects.filter(owner=user).first()


def find(basket_id: int | None) -> Basket | None:
    return Basket.objects.filter(pk=basket_id).first() if basket_id else None
