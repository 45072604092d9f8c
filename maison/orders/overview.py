"""What the back office's order page reads: timeline, money, deadlines, and the steps open now.

One read of the order and its rows in a fixed number of queries, whatever the
order's size: the page costs the same for one line as for forty. Deadlines are
computed from recorded dates (the refund's due date, the provider's expiry,
the latest delivery estimate) and shown as dates in the store's time zone.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone

from maison import clock
from maison.markets.money import Money
from maison.shipping.periods import store_zone

from . import queues
from .lifecycle import allowed_actions, late_cancel_from, shipment_actions
from .models import Order, OrderEvent, OrderLine, Refund, Shipment, ShipmentLine

S = Order.Status


@dataclass(frozen=True)
class Amounts:
    """The order's money with the provider (PAY-3), and what the house still owes back."""

    total: Money
    authorised: Money
    captured: Money
    refunded: Money
    released: Money
    refund_due: Money


@dataclass(frozen=True)
class Deadlines:
    """The dates staff must act by; `None` when the deadline does not apply now."""

    refund_due_on: date | None
    refund_urgency: str  # queues.DUE_SOON, queues.OVERDUE or ""
    authorisation_expires_at: datetime | None  # in the store's time zone
    authorisation_expired: bool
    late_delivery_from: date | None  # the buyer may cancel for late delivery (DEL-4)


@dataclass(frozen=True)
class Parcel:
    shipment: Shipment
    lines: list[ShipmentLine]
    actions: list[str]


@dataclass(frozen=True)
class OrderOverview:
    order: Order
    lines: list[OrderLine]
    parcels: list[Parcel]
    refunds: list[Refund]
    timeline: list[OrderEvent]
    amounts: Amounts
    deadlines: Deadlines
    actions: list[str]  # order-level steps its state allows now (`lifecycle.allowed_actions`)

    @property
    def payable_refunds(self) -> list[Refund]:
        """Refunds of money captured, still due: Finance pays these (units never shipped are
        settled by releasing the authorisation instead)."""
        return [r for r in self.refunds if r.state == Refund.State.DUE and not r.units]

    @property
    def capturing(self) -> Parcel | None:
        """A parcel whose capture had no answer: shipping it again finishes it, charged once."""
        return next((p for p in self.parcels if p.shipment.state == Shipment.State.CAPTURING), None)


def _order(order_id: int) -> Order | None:
    parcel_lines = ShipmentLine.objects.select_related("order_line")
    parcels = Shipment.objects.select_related("reshipment").prefetch_related(
        Prefetch("lines", queryset=parcel_lines), "refunds"
    )
    return (
        Order.objects.select_related("payment")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.all()),
            Prefetch("shipments", queryset=parcels),
            Prefetch("refunds", queryset=Refund.objects.all()),
            Prefetch("events", queryset=OrderEvent.objects.all()),
        )
        .filter(pk=order_id)
        .first()
    )


def overview(order_id: int, now: datetime | None = None) -> OrderOverview | None:
    """The order page's facts, as of `now` (the store's clock by default)."""
    order = _order(order_id)
    if order is None:
        return None
    now = now or clock.now()
    today = timezone.localdate(now, timezone=store_zone())
    lines = list(order.lines.all())
    for line in lines:
        line.order = order  # the line's money reads the order's currency
    parcels = []
    for shipment in order.shipments.all():
        shipment.order = order
        parcels.append(Parcel(shipment, list(shipment.lines.all()), shipment_actions(shipment)))
    refunds = list(order.refunds.all())
    for refund in refunds:
        refund.order = order
    return OrderOverview(
        order=order,
        lines=lines,
        parcels=parcels,
        refunds=refunds,
        timeline=list(order.events.all()),
        amounts=_amounts(order, refunds),
        deadlines=_deadlines(order, lines, refunds, now, today),
        actions=allowed_actions(order),
    )


def _amounts(order: Order, refunds: list[Refund]) -> Amounts:
    payment = order.payment

    def money(minor: int) -> Money:
        return Money(minor, order.currency)

    due = sum(r.amount_minor for r in refunds if r.state == Refund.State.DUE)
    return Amounts(
        total=order.total,
        authorised=money(payment.authorised_minor if payment else 0),
        captured=money(payment.captured_minor if payment else 0),
        refunded=money(payment.refunded_minor if payment else 0),
        released=money(payment.released_minor if payment else 0),
        refund_due=money(due),
    )


def _deadlines(order, lines, refunds, now: datetime, today: date) -> Deadlines:
    due_dates = [r.due_on for r in refunds if r.state == Refund.State.DUE]
    refund_due_on = min(due_dates) if due_dates else None
    urgency = queues.urgency(refund_due_on, today) if refund_due_on else ""
    payment = order.payment
    expires = None
    waiting = any(line.quantity_allocated for line in lines)
    if payment and not payment.voided and waiting and payment.authorisation_expires_at:
        expires = timezone.localtime(payment.authorisation_expires_at, store_zone())
    open_order = order.status not in (S.CANCELLED, S.DELIVERED)
    return Deadlines(
        refund_due_on=refund_due_on,
        refund_urgency=urgency,
        authorisation_expires_at=expires,
        authorisation_expired=expires is not None and now >= expires,
        late_delivery_from=late_cancel_from(order) if open_order else None,
    )
