"""An order's life before and around its parcels: process, block, release, cancel.

Each function is one transition: it locks the order, checks the transition is
allowed (or refuses with `OrderRefused`, a stable code and a message staff or
the buyer can act on), records an event (time, actor, reason: DATA-2), queues
the buyer's email with it (DATA-3), commits, and only then talks to the
payment provider (no lock is ever held across that call). Callers pass plain
values: the order, {order line id: quantity}, the actor's name, a reason.
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from maison import clock
from maison.terms.policy import POLICY

from . import documents, shipments, state
from .history import said, word
from .models import Order, Refund, Shipment
from .refunds import pay, record_refund
from .state import OrderRefused, not_allowed

logger = logging.getLogger(__name__)

S = Order.Status

# Why the house cancels an order, as the buyer's email explains it.
CANCEL_GROUNDS = ("fraud", "price_error", "account", "customer", "other")
GROUND_LABELS = {
    "fraud": _("suspected fraud"),
    "price_error": _("obvious price error"),
    "account": _("payment or account problem not resolved"),
    "customer": _("the buyer asked"),
    "other": _("other"),
    "unavailable": _("nothing left available"),  # not chosen by staff: when no unit is left
}


def process(
    order: Order, *, actor: str, unavailable: dict | None = None, reason: str = ""
) -> Order:
    """Staff check availability and start preparing the order (ORD-7, PRC-6).

    `unavailable` ({line id: quantity}) are units that cannot be served: they
    are cancelled (`cancel_unavailable`). If nothing is left, the order is
    cancelled and its authorisation voided.
    """
    with transaction.atomic():
        order = state.lock(order)
        if order.status != S.PLACED:
            raise not_allowed(order, _("processed"))
        state.refuse_while_capturing(order)
        units = state.checked_units(order, unavailable or {}, "over_cancelled")
        order.processed_at = clock.now()
        order.save(update_fields=["processed_at"])
        state.event(
            order, "processed", said(gettext_noop("Availability checked; preparing.")), actor=actor
        )
        nothing_left = _unavailable(order, units, actor=actor, reason=reason)
    if nothing_left:
        state.release_rest(order, actor=actor)
    return order


def cancel_unavailable(order: Order, unavailable: dict, *, actor: str, reason: str) -> Order:
    """Units found unavailable while the order is prepared, before their parcel (ORD-7, PRD-1).

    A damaged item, a stock count corrected by the warehouse: the units are
    cancelled, go back to stock, are never charged, and a refund is due within
    the policy's days; the buyer is emailed. When they were the last units
    waiting, what remains authorised is voided and the order follows its
    parcels (or is cancelled if none left).
    """
    with transaction.atomic():
        order = state.lock(order)
        if order.status not in (S.PROCESSING, S.PARTIALLY_SHIPPED):
            raise not_allowed(order, _("changed"))
        state.refuse_while_capturing(order)
        units = state.checked_units(order, unavailable, "over_cancelled")
        if not units:
            raise OrderRefused(_("Choose at least one unavailable item."), code="nothing_to_cancel")
        nothing_left = _unavailable(order, units, actor=actor, reason=reason)
    if nothing_left:
        state.release_rest(order, actor=actor)
    return order


def _unavailable(order: Order, units: dict[int, int], *, actor: str, reason: str) -> bool:
    """Cancel units that cannot be served; True when nothing is left to ship.

    The caller holds the order's lock and releases the authorisation's rest
    after its commit when this says nothing is left.
    """
    refund = state.cancel_units(
        order,
        units,
        Refund.Reason.UNAVAILABLE,
        actor=actor,
        note=reason,
        days=POLICY.unavailable_refund_days,
    )
    nothing_left = not any(state.allocated_units(order).values())
    cancelled = nothing_left and not order.shipments.exists()
    if refund is not None:
        state.event(
            order,
            "items_unavailable",
            said(
                gettext_noop("Unavailable, never charged: %(reason)s"),
                reason=reason or word(gettext_noop("no reason given")),
            ),
            actor=actor,
            units=refund.units,
            amount=refund.amount_minor,
            due_on=refund.due_on.isoformat(),
        )
        if not cancelled:
            state.email(order, "order_items_unavailable", refund=refund.pk)
    if cancelled:
        _mark_cancelled(order, "unavailable", actor=actor, reason=reason)
    else:
        state.follow(order)
    return nothing_left


def block(order: Order, *, actor: str, reason: str) -> Order:
    """Hold the order until a problem is resolved: non-payment, the account (ORD-9)."""
    if not reason.strip():
        raise OrderRefused(_("Say why the order is blocked."), code="reason_required")
    with transaction.atomic():
        order = state.lock(order)
        if order.status not in (S.PLACED, S.PROCESSING, S.PARTIALLY_SHIPPED):
            raise not_allowed(order, _("blocked"))
        order.status = S.BLOCKED
        order.blocked_reason = reason[:300]
        order.save(update_fields=["status", "blocked_reason"])
        state.event(
            order,
            "blocked",
            said(gettext_noop("Blocked: %(reason)s"), reason=reason),
            actor=actor,
            reason=reason,
        )
    return order


def release(order: Order, *, actor: str, reason: str = "") -> Order:
    """The problem is resolved: the order goes on where it was (ORD-9)."""
    with transaction.atomic():
        order = state.lock(order)
        if order.status != S.BLOCKED:
            raise not_allowed(order, _("released"))
        order.status = S.PLACED  # then follows its lines and shipments
        order.blocked_reason = ""
        order.save(update_fields=["status", "blocked_reason"])
        state.follow(order)
        state.event(
            order,
            "released",
            (
                said(gettext_noop("Released. %(reason)s"), reason=reason.strip())
                if reason.strip()
                else said(gettext_noop("Released."))
            ),
            actor=actor,
            reason=reason,
        )
    return order


def cancel(order: Order, *, actor: str, grounds: str, reason: str = "") -> Order:
    """The house cancels an order (ORD-9, PAY-4, PRD-4).

    `grounds`: `fraud` (suspected fraud, PAY-4), `price_error` (an obvious
    price error, PRD-4), `account` (a blocked order not resolved, ORD-9),
    `customer` (the buyer asked before processing), `other`. Every unit not
    shipped goes back in stock, the authorisation is voided, and the buyer is
    told why. Once a parcel has left, only a blocked order can be cancelled
    (ORD-9: "cancel and refund it"): what its parcels charged is refunded.
    """
    if grounds not in CANCEL_GROUNDS:
        raise OrderRefused(_("Choose why the order is cancelled."), code="grounds_required")
    with transaction.atomic():
        order = state.lock(order)
        shipped = order.shipments.exists()
        if order.status not in (S.PLACED, S.PROCESSING, S.BLOCKED) or (
            shipped and order.status != S.BLOCKED
        ):
            raise not_allowed(order, _("cancelled"))
        state.refuse_while_capturing(order)
        charged = _cancel_all(
            order, Refund.Reason.CANCELLED, grounds, actor=actor, note=reason, parcels_note=reason
        )
    _settle_after_cancel(order, charged, actor=actor)
    return order


def _cancel_all(
    order: Order, refund_reason: str, grounds: str, *, actor: str, note: str, parcels_note: str
) -> Refund | None:
    """Cancel the whole order; the refund of what its parcels charged, if any (ORD-9, DEL-4).

    Units not shipped go back in stock and are never charged; a parcel back
    to sender goes back in stock too. The caller holds the order's lock, then
    calls `_settle_after_cancel` once committed.
    """
    state.cancel_units(
        order,
        state.allocated_units(order),
        refund_reason,
        actor=actor,
        note=note,
        days=POLICY.unavailable_refund_days,
    )
    shipped = _charged_and_not_refunded(order)
    charged = None
    if sum(s.amount_minor for s in shipped):
        charged = record_refund(
            order,
            refund_reason,
            goods_minor=sum(s.goods_minor for s in shipped),
            delivery_minor=sum(s.delivery_minor for s in shipped),
            duties_minor=sum(s.duties_minor for s in shipped),
            import_vat_minor=sum(s.import_vat_minor for s in shipped),
            days=POLICY.unavailable_refund_days,
            note=parcels_note,
            # What each parcel charged, line by line: its credit note lists them as
            # their invoices did, not per VAT rate (DATA-1).
            lines=[row for parcel in shipped for row in documents.shipped_lines(parcel)],
        )
    _mark_cancelled(order, grounds, actor=actor, reason=note)
    return charged


def _settle_after_cancel(order: Order, charged: Refund | None, *, actor: str) -> None:
    """Void what remains authorised, then refund what parcels charged, with no lock held."""
    state.release_rest(order, actor=actor)
    if charged is not None:
        try:
            pay(charged, actor=actor)
        except OrderRefused:
            # The order is cancelled all the same; the refund stays due, dated,
            # for Finance to pay (its key makes a second try safe).
            logger.warning("refund %s of cancelled order %s left due", charged.pk, order.number)


def _mark_cancelled(order: Order, grounds: str, *, actor: str, reason: str) -> None:
    order.status = S.CANCELLED
    order.cancelled_at = clock.now()
    order.blocked_reason = ""
    order.save(update_fields=["status", "cancelled_at", "blocked_reason"])
    label = word(GROUND_LABELS.get(grounds, grounds))
    state.event(
        order,
        "cancelled",
        (
            said(
                gettext_noop("Cancelled (%(grounds)s). %(reason)s"),
                grounds=label,
                reason=reason.strip(),
            )
            if reason.strip()
            else said(gettext_noop("Cancelled (%(grounds)s)."), grounds=label)
        ),
        actor=actor,
        grounds=grounds,
    )
    state.email(order, "order_cancelled", grounds=grounds)


def late_cancel_from(order: Order) -> date:
    """The first day the buyer may cancel an undelivered order free of charge (DEL-4)."""
    return order.delivery_latest + timedelta(days=POLICY.late_delivery_cancel_days)


def may_cancel_late(order: Order, today: date | None = None) -> bool:
    """Nothing delivered, not cancelled, and the late-delivery date reached (DEL-4)."""
    today = today or clock.today()
    if order.status in (S.CANCELLED, S.DELIVERED) or today < late_cancel_from(order):
        return False
    return not order.shipments.filter(state=Shipment.State.DELIVERED).exists()


def cancel_late(order: Order, *, actor: str = "customer") -> Order:
    """The buyer cancels an order not delivered in time, and is refunded in full (DEL-4).

    Units not shipped go back in stock and are never charged; what parcels
    already charged is refunded now; the rest of the authorisation is voided.
    """
    with transaction.atomic():
        order = state.lock(order)
        if not may_cancel_late(order):
            raise OrderRefused(
                _(
                    "This order can be cancelled for late delivery from %(day)s, "
                    "if nothing has been delivered by then."
                )
                % {"day": formats.date_format(late_cancel_from(order), "DATE_FORMAT")},
                code="late_cancel_not_open",
            )
        state.refuse_while_capturing(order)
        charged = _cancel_all(
            order,
            Refund.Reason.LATE_DELIVERY,
            "late_delivery",
            actor=actor,
            note="Not delivered in time.",
            parcels_note="Parcels not delivered in time.",
        )
    _settle_after_cancel(order, charged, actor=actor)
    return order


def _charged_and_not_refunded(order: Order) -> list[Shipment]:
    """Parcels whose charge is still kept; one back to sender goes back to stock (DEL-5).

    A parcel back to sender and already refunded is left out: it is never refunded twice.
    """
    kept = []
    for parcel in order.shipments.filter(reship_of__isnull=True):
        chain = shipments.sendings(parcel)
        if any(sent.refunds.exists() for sent in chain):
            continue
        if chain[-1].state == Shipment.State.RETURNED:
            shipments.restock_returned(chain[-1])
        kept.append(parcel)
    return kept


def allowed_actions(order: Order) -> list[str]:
    """The order-level transitions its state allows now, for the back office's buttons.

    Reads `order.shipments.all()`, so a prefetched order costs no query.
    """
    parcels = list(order.shipments.all())
    capturing = any(s.state == Shipment.State.CAPTURING for s in parcels)
    actions = []
    if order.status == S.PLACED and not capturing:
        actions.append("process")
    if order.status in (S.PROCESSING, S.PARTIALLY_SHIPPED):
        actions.append("retry_capture" if capturing else "ship")
        if not capturing:
            actions.append("cancel_unavailable")
    if order.status in (S.PLACED, S.PROCESSING, S.PARTIALLY_SHIPPED):
        actions.append("block")
    if order.status == S.BLOCKED:
        actions.append("release")
    # Once a parcel has left, only a blocked order may be cancelled (ORD-9, `cancel`).
    if not capturing and (
        order.status == S.BLOCKED or (order.status in (S.PLACED, S.PROCESSING) and not parcels)
    ):
        actions.append("cancel")
    return actions


def shipment_actions(shipment: Shipment) -> list[str]:
    """What a parcel allows now: delivered or back to sender; then reship or refund (DEL-5).

    Reads `shipment.refunds.all()` and `reshipment`: prefetched, they cost no query.
    """
    if shipment.order.status == S.CANCELLED:
        return []
    if shipment.state == Shipment.State.SHIPPED:
        return ["mark_delivered", "mark_returned_to_sender"]
    if shipment.state == Shipment.State.RETURNED and not (
        hasattr(shipment, "reshipment") or list(shipment.refunds.all())
    ):
        return ["reship", "refund_returned"]
    return []
