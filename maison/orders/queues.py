"""The back office's work queues: orders waiting for staff, and refunds coming due.

One notion of a refund coming due serves every refund of the store: an
order's `Refund` rows (unavailable items, cancellations, parcels back, returns
once inspected) and the after-sales returns still being inspected, whose due
date is already fixed by the parcel's arrival (RET-4). A refund is *due soon*
from `POLICY.refund_alert_days` before its date to the date itself, and
*overdue* the day after: `refund_due` builds that condition on any date field.
"""

from datetime import date, datetime, timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from maison import clock
from maison.terms.policy import POLICY

from .models import Order, OrderLine, Refund

S = Order.Status

DUE_SOON = "due_soon"
OVERDUE = "overdue"
# Orders with units still waiting to ship: the ones an authorisation must cover.
WAITING = (S.PLACED, S.PROCESSING, S.PARTIALLY_SHIPPED, S.BLOCKED)


def refund_due(field: str, which: str, today: date) -> Q:
    """Rows whose date in `field` is due soon (within the alert days) or overdue, on `today`."""
    if which == DUE_SOON:
        soon = today + timedelta(days=POLICY.refund_alert_days)
        return Q(**{f"{field}__gte": today, f"{field}__lte": soon})
    if which == OVERDUE:
        return Q(**{f"{field}__lt": today})
    raise ValueError(which)


def urgency(due_on: date, today: date) -> str:
    """The same rule for one date: DUE_SOON, OVERDUE, or "" while there is time."""
    if due_on < today:
        return OVERDUE
    if due_on <= today + timedelta(days=POLICY.refund_alert_days):
        return DUE_SOON
    return ""


def refunds_due(which: str, today: date | None = None) -> QuerySet[Refund]:
    """The refunds still owed that are due soon or overdue, soonest first."""
    today = today or clock.today()
    return Refund.objects.filter(refund_due("due_on", which, today), state=Refund.State.DUE)


def _with_units_to_ship() -> Exists:
    settled = F("quantity_shipped") + F("quantity_cancelled")
    return Exists(OrderLine.objects.filter(order=OuterRef("pk"), quantity__gt=settled))


def to_process() -> QuerySet[Order]:
    """Placed, waiting for staff to check availability (ORD-7)."""
    return Order.objects.filter(status=S.PLACED)


def blocked() -> QuerySet[Order]:
    """Held for non-payment or an account problem (ORD-9)."""
    return Order.objects.filter(status=S.BLOCKED)


def authorisation_expiring(now: datetime | None = None) -> QuerySet[Order]:
    """Units still to ship on an authorisation that lapses within the renewal margin (PAY-5)."""
    now = now or clock.now()
    return Order.objects.filter(
        _with_units_to_ship(),
        status__in=WAITING,
        payment__voided=False,
        payment__authorisation_expires_at__lte=now + POLICY.reauthorise_before_expiry,
    )


def with_refund(which: str, today: date | None = None) -> QuerySet[Order]:
    """Orders owing a refund that is due soon, or overdue (ORD-7, DEL-4, DEL-5, RET-4)."""
    owed = refunds_due(which, today).filter(order=OuterRef("pk"))
    return Order.objects.filter(Exists(owed))


QUEUES = {
    "to_process": to_process,
    "blocked": blocked,
    "authorisation_expiring": authorisation_expiring,
    "refund_due_soon": lambda: with_refund(DUE_SOON),
    "refund_overdue": lambda: with_refund(OVERDUE),
}
