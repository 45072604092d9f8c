"""Delivered orders to withdraw from, in the store's time zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from maison import clock
from maison.checkout import services as checkout
from maison.orders.models import Order
from maison.shipping.services import refresh_holidays
from tests import factories

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def french_holidays(*years):
    """The real French public holidays of those years, as the shipping calendar keeps them."""
    refresh_holidays(years=list(years), countries=["FR"])


def delivered_order(
    lines,
    *,
    delivered_at: datetime,
    placed_at: datetime | None = None,
    method: str = "standard",
    country: str = "FR",
    email: str = "camille@example.com",
) -> Order:
    """An order placed, charged in full and delivered at `delivered_at`."""
    with clock.travel_to(placed_at or delivered_at - timedelta(days=5)):
        order = checkout.place_order(
            factories.ready_checkout(lines, method=method, country=country, email=email),
            accepted_terms=True,
        )
    order.payment.captured_minor = order.total_minor
    order.payment.save(update_fields=["captured_minor"])
    order.status = Order.Status.DELIVERED
    order.delivered_at = delivered_at
    order.save(update_fields=["status", "delivered_at"])
    return Order.objects.get(pk=order.pk)
