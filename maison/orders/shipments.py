"""Parcels: ship (and capture what ships), deliver, returned to sender, reship (DEL-3, DEL-5).

`ship` is where the card is charged (PAY-2): exactly the shipped units and
their share of delivery, duties and import VAT, by the one rule of `shares`.
It takes three steps so that no lock is held while the provider answers:

1. lock the order, check, decide the shipment and its amounts, record it
   `capturing` with its idempotency key, commit;
2. capture, with no transaction open;
3. lock again and record: quantities shipped, stock out, the event, the
   shipment email, the contract date (ORD-8), the invoice hook.

A crash or a provider that does not answer between 1 and 3 leaves the
shipment `capturing`; shipping the same lines again resumes it with the same
key, so the provider replays its first answer and the card is charged once.
"""

from datetime import date
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from maison import clock
from maison.inventory import services as inventory
from maison.payments import services as payments
from maison.shipping.carriers import CARRIERS, normalise_tracking_number
from maison.terms.policy import POLICY

from . import documents, shares, state
from .history import money, said, word
from .models import Order, Refund, Shipment, ShipmentLine
from .refunds import record_refund
from .state import OrderRefused, not_allowed

S = Order.Status


def carrier_and_number(carrier: str, tracking_number: str) -> tuple[str, str]:
    """One of the store's carriers, and the tracking number as it knows it; else refused."""
    if carrier not in CARRIERS:
        raise OrderRefused(_("Choose one of the store's carriers."), code="unknown_carrier")
    number = normalise_tracking_number(tracking_number)
    if number is None:
        raise OrderRefused(
            _("A tracking number is 8 to 40 letters and digits."), code="bad_tracking_number"
        )
    return carrier, number


def ship(order: Order, lines: dict, *, carrier: str, tracking_number: str, actor: str) -> Shipment:
    """Ship units of the order's lines ({line id: quantity}) and charge exactly them (PAY-2).

    Refused (`OrderRefused`) when the order is not being prepared
    (`transition_not_allowed`), for more units than a line has left
    (`over_shipped`), on an expired authorisation (`authorisation_expired`,
    PAY-5), or when the provider refuses the capture; `capture_pending` when
    it did not answer: ship the same lines again to finish, charged once.
    """
    carrier, number = carrier_and_number(carrier, tracking_number)
    with transaction.atomic():
        locked = state.lock(order)
        pending = locked.shipments.filter(state=Shipment.State.CAPTURING).first()
        if pending is not None:
            _same_as_pending(pending, lines)
            shipment = pending
        else:
            shipment = _decide(locked, lines, carrier, number, actor)
    return _capture_and_record(shipment, actor)


def _same_as_pending(pending: Shipment, lines: dict) -> None:
    wanted = state.checked_units(pending.order, lines, "shipment_pending", allocated=False)
    held = {line.order_line_id: line.quantity for line in pending.lines.all()}
    if wanted != held:
        raise OrderRefused(
            _("A shipment is waiting for its payment: ship the same items again to finish it."),
            code="shipment_pending",
        )


def _decide(order: Order, lines: dict, carrier: str, number: str, actor: str) -> Shipment:
    if order.status not in (S.PROCESSING, S.PARTIALLY_SHIPPED):
        raise not_allowed(order, _("shipped"))
    units = state.checked_units(order, lines, "over_shipped")
    if not units:
        raise OrderRefused(_("Choose at least one item to ship."), code="nothing_to_ship")
    payment = order.payment
    if payment.authorisation_expires_at and clock.now() >= payment.authorisation_expires_at:
        raise OrderRefused(
            _("The card's authorisation has expired: authorise it again before shipping."),
            code="authorisation_expired",
        )
    charges, settled = state.charges(order), state.settled_parts(order)
    part = shares.next_part(charges, settled, units)
    shipment = Shipment.objects.create(
        order=order,
        carrier=carrier,
        tracking_number=number,
        created_at=clock.now(),
        goods_minor=part.goods_minor,
        delivery_minor=part.delivery_minor,
        duties_minor=part.duties_minor,
        import_vat_minor=part.import_vat_minor,
        is_final=shares.is_last(charges, settled, units),
    )
    shipment.capture_key = f"capture-{order.number}-{shipment.pk}"
    shipment.save(update_fields=["capture_key"])
    ShipmentLine.objects.bulk_create(
        ShipmentLine(shipment=shipment, order_line_id=line_id, quantity=count)
        for line_id, count in units.items()
    )
    state.event(
        order,
        "shipment_decided",
        said(
            gettext_noop("Shipment %(shipment)s packed; charging %(amount)s."),
            shipment=shipment.pk,
            amount=money(shipment.amount),
        ),
        actor=actor,
        shipment=shipment.pk,
        amount=shipment.amount_minor,
    )
    return shipment


def _capture_and_record(shipment: Shipment, actor: str) -> Shipment:
    order = shipment.order
    if shipment.amount_minor:
        try:
            payments.capture(order.payment, shipment.amount_minor, shipment.capture_key)
        except payments.PaymentProblem as problem:
            _capture_failed(shipment, problem, actor)
    with transaction.atomic():
        order = state.lock(order)
        shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
        if shipment.state != Shipment.State.CAPTURING:
            return shipment  # another retry recorded it first
        _record_shipped(order, shipment, actor)
    if shipment.is_final:
        state.release_rest(order, actor=actor)
    return shipment


def _capture_failed(shipment: Shipment, problem, actor: str) -> None:
    """Not charged: the shipment waits (no answer) or is undone (refused); then say so."""
    waits = problem.code == "payment_unavailable"
    with transaction.atomic():
        order = state.lock(shipment.order)
        if waits:
            state.event(
                order,
                "capture_pending",
                said(
                    gettext_noop("Shipment %(shipment)s: the payment provider did not answer."),
                    shipment=shipment.pk,
                ),
                actor=actor,
                shipment=shipment.pk,
            )
        else:
            state.event(
                order,
                "capture_refused",
                said(
                    gettext_noop("Shipment %(shipment)s not shipped: %(problem)s"),
                    shipment=shipment.pk,
                    problem=word(problem.message),
                ),
                actor=actor,
                code=problem.code,
            )
            shipment.delete()
    raise OrderRefused(problem.message, code="capture_pending" if waits else problem.code)


def _record_shipped(order: Order, shipment: Shipment, actor: str) -> None:
    now = clock.now()
    for shipped in shipment.lines.select_related("order_line"):
        line = shipped.order_line
        line.quantity_shipped += shipped.quantity
        line.save(update_fields=["quantity_shipped"])
        if line.variant_id:
            inventory.dispatch(line.variant_id, shipped.quantity)
    shipment.state = Shipment.State.SHIPPED
    shipment.shipped_at = now
    shipment.save(update_fields=["state", "shipped_at"])
    if order.contract_concluded_at is None:
        # The shipment confirmation is queued now: the contract is concluded today (ORD-8).
        order.contract_concluded_at = now
        order.save(update_fields=["contract_concluded_at"])
    state.follow(order)
    state.event(
        order,
        "shipped",
        said(
            gettext_noop("Shipped with %(carrier)s, %(tracking)s; charged %(amount)s."),
            carrier=shipment.carrier_name,
            tracking=shipment.tracking_number,
            amount=money(shipment.amount),
        ),
        actor=actor,
        shipment=shipment.pk,
        amount=shipment.amount_minor,
    )
    state.email(order, "order_shipped", shipment=shipment.pk)
    documents.invoice_shipment(shipment)


def _shipment(shipment: Shipment) -> tuple[Order, Shipment]:
    order = state.lock(shipment.order)
    return order, Shipment.objects.select_for_update().get(pk=shipment.pk)


def possible_delivery_day(shipped_at, delivered_on: date) -> bool:
    """A parcel arrives between the day it left, in the store's time zone, and today."""
    shipped_on = timezone.localdate(shipped_at, timezone=ZoneInfo(POLICY.store_time_zone))
    return shipped_on <= delivered_on <= clock.today()


def mark_delivered(shipment: Shipment, *, delivered_on: date, actor: str) -> Shipment:
    """The parcel reached the buyer on `delivered_on` (DEL-3).

    When the order's last parcel is delivered, the order records that day:
    every after-sales deadline counts from it (the withdrawal period runs from
    the receipt of the last item).
    """
    with transaction.atomic():
        order, shipment = _shipment(shipment)
        if shipment.state != Shipment.State.SHIPPED or order.status == S.CANCELLED:
            raise OrderRefused(
                _("Only a parcel on its way can be marked delivered."),
                code="transition_not_allowed",
            )
        if not possible_delivery_day(shipment.shipped_at, delivered_on):
            raise OrderRefused(
                _("The delivery date must be between the shipping date and today."),
                code="bad_delivery_date",
            )
        shipment.state = Shipment.State.DELIVERED
        shipment.delivered_on = delivered_on
        shipment.save(update_fields=["state", "delivered_on"])
        for shipped in shipment.lines.select_related("order_line"):
            line = shipped.order_line
            line.quantity_delivered += shipped.quantity
            line.save(update_fields=["quantity_delivered"])
        state.follow(order)
        state.event(
            order,
            "delivered",
            said(
                gettext_noop("Shipment %(shipment)s delivered on %(date)s."),
                shipment=shipment.pk,
                date=delivered_on.isoformat(),
            ),
            actor=actor,
            shipment=shipment.pk,
            delivered_on=delivered_on.isoformat(),
        )
        state.email(order, "order_delivered", shipment=shipment.pk)
    return shipment


def mark_returned_to_sender(shipment: Shipment, *, actor: str, reason: str) -> Shipment:
    """The carrier brought the parcel back: wrong address, refused (DEL-5).

    Then staff refund it (`refund_returned`) or send it again (`reship`).
    """
    with transaction.atomic():
        order, shipment = _shipment(shipment)
        if shipment.state != Shipment.State.SHIPPED:
            raise OrderRefused(
                _("Only a parcel on its way can come back to sender."),
                code="transition_not_allowed",
            )
        shipment.state = Shipment.State.RETURNED
        shipment.returned_at = clock.now()
        shipment.save(update_fields=["state", "returned_at"])
        state.follow(order)
        state.event(
            order,
            "returned_to_sender",
            said(
                gettext_noop("Shipment %(shipment)s returned to sender: %(reason)s"),
                shipment=shipment.pk,
                reason=reason,
            ),
            actor=actor,
            shipment=shipment.pk,
        )
        state.email(order, "order_returned_to_sender", shipment=shipment.pk)
    return shipment


def _unresolved_return(order: Order, shipment: Shipment) -> None:
    if (
        shipment.state != Shipment.State.RETURNED
        or hasattr(shipment, "reshipment")
        or shipment.refunds.exists()
        or order.status == S.CANCELLED
    ):
        raise OrderRefused(
            _("Only a parcel returned to sender, not yet refunded or reshipped, can be."),
            code="transition_not_allowed",
        )


def first_sending(shipment: Shipment) -> Shipment:
    """The parcel that charged these goods: a reshipment charged nothing itself."""
    while shipment.reship_of_id:
        shipment = shipment.reship_of
    return shipment


def sendings(parcel: Shipment) -> list[Shipment]:
    """A charged parcel and each time it was sent again, in order."""
    chain = [parcel]
    while hasattr(chain[-1], "reshipment"):
        chain.append(chain[-1].reshipment)
    return chain


def restock_returned(shipment: Shipment) -> None:
    """A parcel back to sender and not sent again: its units are on hand again (DEL-5, PRD-1)."""
    for shipped in shipment.lines.select_related("order_line"):
        if shipped.order_line.variant_id:
            inventory.restock(shipped.order_line.variant_id, shipped.quantity)


def reship(shipment: Shipment, *, carrier: str, tracking_number: str, actor: str) -> Shipment:
    """Send a parcel that came back again, to a corrected address: nothing charged again (DEL-5)."""
    carrier, number = carrier_and_number(carrier, tracking_number)
    with transaction.atomic():
        order, shipment = _shipment(shipment)
        _unresolved_return(order, shipment)
        now = clock.now()
        again = Shipment.objects.create(
            order=order,
            state=Shipment.State.SHIPPED,
            carrier=carrier,
            tracking_number=number,
            created_at=now,
            shipped_at=now,
            reship_of=shipment,
        )
        ShipmentLine.objects.bulk_create(
            ShipmentLine(shipment=again, order_line_id=line.order_line_id, quantity=line.quantity)
            for line in shipment.lines.all()
        )
        state.follow(order)
        state.event(
            order,
            "reshipped",
            said(
                gettext_noop("Shipment %(shipment)s sent again as %(again)s, %(tracking)s."),
                shipment=shipment.pk,
                again=again.pk,
                tracking=again.tracking_number,
            ),
            actor=actor,
            shipment=again.pk,
        )
        state.email(order, "order_shipped", shipment=again.pk)
    return again


def refund_returned(shipment: Shipment, *, actor: str) -> Refund:
    """A parcel returned to sender is not sent again: what it charged is due back (DEL-5).

    Its units are back in the warehouse: they can be sold again.
    """
    with transaction.atomic():
        order, shipment = _shipment(shipment)
        _unresolved_return(order, shipment)
        restock_returned(shipment)
        charged = first_sending(shipment)
        refund = record_refund(
            order,
            Refund.Reason.RETURNED_TO_SENDER,
            goods_minor=charged.goods_minor,
            delivery_minor=charged.delivery_minor,
            duties_minor=charged.duties_minor,
            import_vat_minor=charged.import_vat_minor,
            days=POLICY.returned_to_sender_refund_days,
            note=f"Shipment {shipment.pk} returned to sender.",
            shipment=shipment,
            lines=documents.shipped_lines(charged),
        )
        state.follow(order)
        state.event(
            order,
            "return_refund_due",
            said(gettext_noop("Parcel back: refund due.")),
            actor=actor,
            refund=refund.pk,
        )
    return refund
