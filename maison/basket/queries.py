"""The basket as the shopper sees it: lines priced now, totals that add up."""

from dataclasses import dataclass

from django.db.models import Sum

from maison.catalog.models import Variant
from maison.catalog.queries import stock_available
from maison.markets.money import Money, total

from .models import Basket


@dataclass(frozen=True)
class PricedLine:
    id: int
    variant: Variant
    quantity: int
    unit_price: Money
    line_total: Money
    available: int

    @property
    def short_of_stock(self) -> bool:
        return self.quantity > self.available


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


def priced(basket: Basket | None, currency: str = "EUR") -> BasketView:
    if basket is None:
        return BasketView([], Money.zero(currency))
    lines = []
    for line in basket.lines.select_related("variant__product", "variant__stock"):
        unit = line.variant.product.price
        lines.append(
            PricedLine(
                line.pk,
                line.variant,
                line.quantity,
                unit,
                unit * line.quantity,
                stock_available(line.variant),
            )
        )
    return BasketView(lines, total((line.line_total for line in lines), currency))


def item_count(basket_id: int | None) -> int:
    if basket_id is None:
        return 0
    from .models import BasketLine

    return BasketLine.objects.filter(basket_id=basket_id).aggregate(n=Sum("quantity"))["n"] or 0


def find(basket_id: int | None) -> Basket | None:
    return Basket.objects.filter(pk=basket_id).first() if basket_id else None
