from datetime import date

from django.db.models import Prefetch

from maison.shipping import periods
from maison.terms.policy import POLICY

from .models import Order, OrderEvent, OrderLine, Shipment


def _detail():
    return Order.objects.select_related("payment").prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.all()),
        Prefetch("events", queryset=OrderEvent.objects.all()),
    )


def by_access_key(number: str, access_key) -> Order | None:
    return _detail().filter(number=number, access_key=access_key).first()


def track(number: str, email: str) -> Order | None:
    """A guest's order by number plus email (ORD-10, DATA-4).

    A wrong pair answers exactly as a missing order does, so the form tells a
    stranger nothing about which orders exist.
    """
    number = number.strip().upper()
    email = email.strip()
    if not number or not email:
        return None
    return _detail().filter(number=number, email__iexact=email).first()


def guest_orders_of(email: str):
    """Orders placed as a guest with this email, not yet in any account."""
    return Order.objects.filter(customer__isnull=True, email__iexact=email)


def still_open(user, today: date) -> list[Order]:
    """The member's orders the house may still have to act on, so their account must stay.

    An order is open until it is delivered and its withdrawal period is over
    (RET-1), or until it is cancelled: until then the buyer may cancel, return
    or be refunded, and the house must be able to reach them (ACC-6).
    """
    candidates = Order.objects.filter(customer=user).exclude(status=Order.Status.CANCELLED)
    return [order for order in candidates if _open(order, today)]


def _open(order: Order, today: date) -> bool:
    if order.status != Order.Status.DELIVERED:
        return True
    if order.delivered_at is None:
        return True
    # The withdrawal period as the withdrawal form enforces it, past weekends and holidays.
    delivered_on = periods.local_date(order.delivered_at)
    return today <= periods.buyer_period_end(delivered_on, days=POLICY.withdrawal_days)


def tracking(order: Order, today: date | None = None) -> dict:
    """What the buyer follows on the order's page (ORD-10, PAY-3, DEL-4).

    Its parcels with their carriers' links, its refunds, and whether the
    late-delivery cancellation is open (or from which day it will be).
    """
    from .lifecycle import late_cancel_from, may_cancel_late

    waiting = order.status not in (Order.Status.CANCELLED, Order.Status.DELIVERED)
    return {
        "shipments": list(
            order.shipments.exclude(state=Shipment.State.CAPTURING).prefetch_related(
                "lines__order_line"
            )
        ),
        "refunds": list(order.refunds.all()),
        "late_cancel": may_cancel_late(order, today),
        "late_cancel_from": late_cancel_from(order) if waiting else None,
    }
