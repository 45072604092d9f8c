"""What a delivery costs and when it arrives (DEL-1, DEL-2, SITE-2, SITE-5)."""

from dataclasses import dataclass
from datetime import date, timedelta

from maison.markets.models import Market
from maison.markets.money import Money
from maison.terms.policy import POLICY

from .models import DeliveryMethod, PublicHoliday, StoreClosure


@dataclass(frozen=True)
class DeliveryQuote:
    method: DeliveryMethod
    cost: Money
    earliest: date
    latest: date


class Calendar:
    """Which days count as business days for a delivery to one country.

    A day counts when it is a weekday, not a public holiday where the parcel
    leaves (the house's country) or arrives (unless staff marked it worked),
    and not inside a store closure.
    Loaded once per estimate: two queries, whatever the window.
    """

    def __init__(self, destination: str, start: date, horizon_days: int = 120):
        end = start + timedelta(days=horizon_days)
        countries = {destination, POLICY.ships_from_country}
        self.holidays = set(
            PublicHoliday.objects.filter(
                country__in=countries, date__range=(start, end), is_working_day=False
            ).values_list("date", flat=True)
        )
        self.closures = list(
            StoreClosure.objects.filter(ends_on__gte=start, starts_on__lte=end).values_list(
                "starts_on", "ends_on"
            )
        )

    def closed(self, day: date) -> bool:
        return any(first <= day <= last for first, last in self.closures)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays and not self.closed(day)

    def add_business_days(self, start: date, days: int) -> date:
        current = start
        while days > 0:
            current += timedelta(days=1)
            if self.is_business_day(current):
                days -= 1
        return current


def free_delivery_threshold(market: Market) -> Money:
    return Money(market.free_delivery_threshold_minor, market.currency)


def delivery_cost(method: DeliveryMethod, goods: Money, market: Market) -> Money:
    if method.free_above_threshold and goods >= free_delivery_threshold(market):
        return Money.zero(goods.currency)
    return Money(method.price_minor, goods.currency)


def standard_part(market_country: str, method_code: str, paid_minor: int, goods: Money) -> int:
    """Of `paid_minor` paid for delivery by `method_code`, what standard delivery costs now.

    All of it when the method is a standard one; else what the cheapest
    standard method would cost for these goods, never more than was paid: the
    rest is the supplement for a faster method, which a withdrawal never
    refunds (Directive 2011/83/EU, art. 13(2)). Recorded on the order when it
    is placed (PRC-5): a later price change never alters what it refunds.
    """
    market = Market.objects.filter(country=market_country).first()
    if market is None:
        return paid_minor
    methods = DeliveryMethod.objects.filter(market=market, free_above_threshold=True)
    if methods.filter(code=method_code).exists():
        return paid_minor
    standard = [delivery_cost(method, goods, market).minor for method in methods]
    return min([paid_minor, *standard]) if standard else 0


def quotes(market: Market, goods: Money, ordered_on: date) -> list[DeliveryQuote]:
    calendar = Calendar(market.country, ordered_on)
    return [quote(method, goods, ordered_on, market, calendar) for method in active_methods(market)]


def quote(
    method: DeliveryMethod,
    goods: Money,
    ordered_on: date,
    market: Market,
    calendar: Calendar | None = None,
) -> DeliveryQuote:
    calendar = calendar or Calendar(market.country, ordered_on)
    return DeliveryQuote(
        method=method,
        cost=delivery_cost(method, goods, market),
        earliest=calendar.add_business_days(ordered_on, method.min_business_days),
        latest=calendar.add_business_days(ordered_on, method.max_business_days),
    )


def active_methods(market: Market) -> list[DeliveryMethod]:
    return list(DeliveryMethod.objects.filter(market=market, is_active=True))


def current_closures(today: date) -> list[StoreClosure]:
    """Closures to announce on the home page: under way or within the next 60 days."""
    return list(
        StoreClosure.objects.filter(ends_on__gte=today, starts_on__lte=today + timedelta(days=60))
    )
