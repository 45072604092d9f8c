"""What a delivery costs and when it arrives (DEL-1, DEL-2, SITE-2)."""

from dataclasses import dataclass
from datetime import date, timedelta

from maison.markets.money import Money
from maison.terms.policy import POLICY

from .models import DeliveryMethod


@dataclass(frozen=True)
class DeliveryQuote:
    method: DeliveryMethod
    cost: Money
    earliest: date
    latest: date


def add_business_days(start: date, days: int) -> date:
    """Count business days after `start`, skipping weekends."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def delivery_cost(method: DeliveryMethod, goods: Money) -> Money:
    threshold = Money(POLICY.free_delivery_threshold_minor, goods.currency)
    if method.free_above_threshold and goods >= threshold:
        return Money.zero(goods.currency)
    return Money(method.price_minor, goods.currency)


def quote(method: DeliveryMethod, goods: Money, ordered_on: date) -> DeliveryQuote:
    return DeliveryQuote(
        method=method,
        cost=delivery_cost(method, goods),
        earliest=add_business_days(ordered_on, method.min_business_days),
        latest=add_business_days(ordered_on, method.max_business_days),
    )


def active_methods() -> list[DeliveryMethod]:
    return list(DeliveryMethod.objects.filter(is_active=True))
