"""What every transition of an order shares: refusals, locking, its parts, its state.

The order's state follows from its lines and shipments (`follow`), except
blocked and cancelled, which staff or the buyer set. Money is settled in parts
by the rule of `shares`; this module turns the order's rows into those parts.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from maison import clock
from maison.inventory import services as inventory
from maison.invoicing import archive
from maison.notifications.services import queue_email
from maison.payments import services as payments
from maison.refusals import Refused
from maison.terms.policy import POLICY

from . import documents, history, shares
from .history import said
from .models import Order, OrderEvent, Refund, Shipment

S = Order.Status


class OrderRefused(Refused):
    """An action the order's state or the request does not allow; the message says why.

    Codes: `transition_not_allowed`, `over_shipped`, `nothing_to_ship`,
    `unknown_carrier`, `bad_tracking_number`, `shipment_pending`,
    `capture_pending`, `authorisation_expired`, `capture_declined`,
    `bad_delivery_date`, `late_cancel_not_open`, `refund_not_due`,
    `refund_declined`, `payment_unavailable`, `reason_missing`, `over_credited`,
    `over_credited_invoice`, `no_invoice`, `invoice_of_another_order`.
    """

    code = "order_refused"


def not_allowed(order: Order, action) -> OrderRefused:
    return OrderRefused(
        _("Order %(number)s is %(state)s: it cannot be %(action)s.")
        % {"number": order.number, "state": order.get_status_display().lower(), "action": action},
        code="transition_not_allowed",
    )


def lock(order: Order) -> Order:
    """The order row, locked until the caller's transaction ends."""
    return Order.objects.select_for_update().get(pk=order.pk)


def event(order: Order, kind: str, message: str | dict, *, actor: str, **data) -> OrderEvent:
    """One line of the audit trail (DATA-2): when, who, what, why; archived (ORD-11).

    `message` is what `history.said` gives (read again in the reader's
    language), or plain text; the English sentence is stored as the message.
    """
    if isinstance(message, dict):
        data = {**data, "said": message}
        message = history.english(message)
    recorded = OrderEvent.objects.create(
        order=order, at=clock.now(), actor=actor, kind=kind, message=message[:300], data=data
    )
    archive.keep(
        "order_event",
        {
            "order": order.number,
            "event": kind,
            "actor": actor,
            "message": recorded.message,
            "data": data,
        },
        at=recorded.at,
    )
    return recorded


def email(order: Order, template: str, **references) -> None:
    """Queue a buyer email with the change that causes it (DATA-3)."""
    queue_email(
        order.email,
        template,
        {"order": order.number, **references},
        reference=order.number,
        language=order.language,
    )


def charges(order: Order) -> shares.Charges:
    return shares.Charges(
        lines={
            line.pk: shares.LineAmount(line.total_minor, line.quantity)
            for line in order.lines.all()
        },
        delivery_minor=order.delivery_minor,
        duties_minor=order.duties_minor,
        import_vat_minor=order.import_vat_minor,
    )


def part_of(row, units) -> shares.Part:
    return shares.Part(
        units=units,
        goods_minor=row.goods_minor,
        delivery_minor=row.delivery_minor,
        duties_minor=row.duties_minor,
        import_vat_minor=row.import_vat_minor,
    )


def settled_parts(order: Order) -> list[shares.Part]:
    """The parts already decided: shipments (not reshipments) and cancelled units."""
    parts = []
    for shipment in order.shipments.filter(reship_of__isnull=True).prefetch_related("lines"):
        units: dict[int, int] = {}
        for line in shipment.lines.all():
            units[line.order_line_id] = units.get(line.order_line_id, 0) + line.quantity
        parts.append(part_of(shipment, units))
    for refund in order.refunds.exclude(units={}):
        parts.append(part_of(refund, {int(k): v for k, v in refund.units.items()}))
    return parts


def still_to_capture(order: Order) -> int:
    """What the remaining allocated units will be charged: the total less every part."""
    return order.total_minor - sum(part.total_minor for part in settled_parts(order))


def captured_left(order: Order) -> int:
    """Captured money not yet promised back: refunds of captured money, due or paid, count."""
    payment = order.payment
    if payment is None:
        return 0
    promised = sum(
        refund.amount_minor
        for refund in order.refunds.exclude(state=Refund.State.RELEASED)
        if not refund.units
    )
    return max(0, payment.captured_minor - promised)


def follow(order: Order) -> None:
    """Set the state the order's lines and shipments say; blocked and cancelled stay.

    The order is delivered when its last parcel is, or when its last units
    waiting to ship are cancelled after every parcel arrived: it records the
    day the last parcel was delivered, where every after-sales period starts.
    """
    if order.status in (S.BLOCKED, S.CANCELLED):
        return
    order.status = derived_state(order)
    if order.status == S.DELIVERED and order.delivered_at is None:
        last = max(s.delivered_on for s in order.shipments.filter(state=Shipment.State.DELIVERED))
        order.delivered_at = delivered_at(last)
    order.save(update_fields=["status", "delivered_at"])


def delivered_at(day: date) -> datetime:
    """Now if it is today; otherwise noon that day, in the store's time zone."""
    if day == clock.today():
        return clock.now()
    return datetime.combine(day, time(12), tzinfo=ZoneInfo(POLICY.store_time_zone))


def derived_state(order: Order) -> str:
    lines = list(order.lines.all())
    waiting = sum(line.quantity_allocated for line in lines)
    shipments = [
        s
        for s in order.shipments.all()
        if s.state != Shipment.State.CAPTURING and not _resolved_return(s)
    ]
    if not shipments:
        if waiting == 0:
            return S.CANCELLED
        return S.PROCESSING if order.processed_at else S.PLACED
    if waiting:
        return S.PARTIALLY_SHIPPED
    if all(s.state == Shipment.State.DELIVERED for s in shipments):
        return S.DELIVERED
    return S.SHIPPED


def _resolved_return(shipment: Shipment) -> bool:
    """A parcel back to sender that was reshipped or refunded no longer counts."""
    if shipment.state != Shipment.State.RETURNED:
        return False
    return hasattr(shipment, "reshipment") or shipment.refunds.exists()


def due_on(days: int):
    return clock.today() + timedelta(days=days)


def cancel_units(
    order: Order, units: dict[int, int], reason: str, *, actor: str, note: str, days: int
) -> Refund | None:
    """Cancel unshipped units: back in stock, never charged, a refund due by a date (ORD-7).

    The caller holds the order's lock. The units' amounts and share of the
    charges come from the one rule (`shares`); they are released when the
    authorisation's rest is voided, and tracked as a refund until then.
    """
    units = {line_id: count for line_id, count in units.items() if count}
    if not units:
        return None
    part = shares.next_part(charges(order), settled_parts(order), units)
    lines = {line.pk: line for line in order.lines.all()}
    for line_id, count in units.items():
        line = lines[line_id]
        line.quantity_cancelled += count
        line.save(update_fields=["quantity_cancelled"])
        if line.variant_id:
            inventory.release(line.variant_id, count)
    return Refund.objects.create(
        order=order,
        reason=reason,
        note=note[:300],
        goods_minor=part.goods_minor,
        delivery_minor=part.delivery_minor,
        duties_minor=part.duties_minor,
        import_vat_minor=part.import_vat_minor,
        units={str(line_id): count for line_id, count in units.items()},
        created_at=clock.now(),
        due_on=due_on(days),
    )


def checked_units(
    order: Order, wanted: dict, refusal_code: str, *, allocated: bool = True
) -> dict[int, int]:
    """{line id: quantity} checked against what each line still holds in stock.

    Keys and values may be strings (a form's); a quantity above what the line
    has left is refused with `refusal_code` (`over_shipped` ...).
    """
    lines = {line.pk: line for line in order.lines.all()}
    units = {}
    for line_id, quantity in wanted.items():
        try:
            line, count = lines.get(int(line_id)), int(quantity)
        except (TypeError, ValueError):
            line, count = None, -1
        if line is None or count < 0:
            raise OrderRefused(_("Give a quantity for lines of this order."), code="unknown_line")
        left = line.quantity_allocated if allocated else line.quantity
        if count > left:
            raise OrderRefused(
                _("%(item)s: only %(left)s left to ship, not %(asked)s.")
                % {"item": line.product_name, "left": left, "asked": count},
                code=refusal_code,
            )
        if count:
            units[line.pk] = count
    return units


def refuse_while_capturing(order: Order) -> None:
    """A parcel waiting for its capture holds its units: nothing else may settle them now."""
    if order.shipments.filter(state=Shipment.State.CAPTURING).exists():
        raise OrderRefused(
            _("A parcel of this order is being sent right now. Please try again in a few minutes."),
            code="shipment_pending",
        )


def allocated_units(order: Order) -> dict[int, int]:
    return {line.pk: line.quantity_allocated for line in order.lines.all()}


def release_rest(order: Order, *, actor: str) -> None:
    """Void what remains authorised once every unit is settled (PAY-2, PRC-6).

    Called with no transaction open: the provider is called outside any lock.
    The refunds of units never shipped are then settled: released, never charged.
    """
    payment = order.payment
    if payment is None:
        return
    released = payments.void(payment, idempotency_key=f"void-rest-{order.number}")
    with transaction.atomic():
        locked = lock(order)
        for refund in locked.refunds.filter(state=Refund.State.DUE).exclude(units={}):
            refund.state = Refund.State.RELEASED
            refund.paid_at = clock.now()
            refund.save(update_fields=["state", "paid_at"])
            documents.credit_refund(refund)
        if released:
            event(
                locked,
                "authorisation_released",
                said(
                    gettext_noop(
                        "Released %(amount)s (minor units) still authorised and never charged."
                    ),
                    amount=released,
                ),
                actor=actor,
                amount=released,
            )
