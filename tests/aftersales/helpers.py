"""Delivered orders to withdraw from, in the store's time zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from maison import clock
from maison.checkout import services as checkout
from maison.orders import lifecycle, shipments
from maison.orders.models import Order
from maison.shipping.services import refresh_holidays
from tests import factories

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
WAREHOUSE = "marc@orvane.example"


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def french_holidays(*years):
    """The real French public holidays of those years, as the shipping calendar keeps them."""
    refresh_holidays(years=list(years), countries=["FR"])


def placed_order(lines, *, at: datetime, method="standard", country="FR", email=None):
    with clock.travel_to(at):
        return checkout.place_order(
            factories.ready_checkout(
                lines, method=method, country=country, email=email or "camille@example.com"
            ),
            accepted_terms=True,
        )


def ship_all(order: Order, *, at: datetime):
    """Process the order and ship every line in one parcel, charging it (PAY-2)."""
    with clock.travel_to(at):
        lifecycle.process(order, actor=WAREHOUSE)
        return shipments.ship(
            order,
            {line.pk: line.quantity for line in order.lines.all()},
            carrier="colissimo",
            tracking_number="6A12345678901",
            actor=WAREHOUSE,
        )


def deliver(shipment, *, at: datetime):
    """The parcel reached the buyer at `at` (recorded at that instant: it is today)."""
    with clock.travel_to(at):
        shipments.mark_delivered(
            shipment, delivered_on=at.astimezone(PARIS).date(), actor=WAREHOUSE
        )


def delivered_order(
    lines,
    *,
    delivered_at: datetime,
    placed_at: datetime | None = None,
    method: str = "standard",
    country: str = "FR",
    email: str = "camille@example.com",
) -> Order:
    """An order placed, shipped in one parcel (charged), and delivered at `delivered_at`."""
    placed_at = placed_at or delivered_at - timedelta(days=5)
    order = placed_order(lines, at=placed_at, method=method, country=country, email=email)
    deliver(ship_all(order, at=placed_at + timedelta(days=1)), at=delivered_at)
    return Order.objects.get(pk=order.pk)


def staff(client, role, email):
    """A staff member of `role` (a group: Warehouse, Finance ...), signed in on `client`."""
    user = get_user_model().objects.create_user(email, "Counter-desk-4", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def one_line_inline(ret) -> dict:
    """The management form of a one-line return's lines table, as the admin page posts it."""
    line = ret.lines.get()
    return {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "1",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-id": str(line.pk),
        "lines-0-ret": str(ret.pk),
    }
