"""The exchanged size's parcel, or its refund when it cannot be sent (RET-2, RET-4).

The new size is reserved at the request (`services.withdraw`) and the
warehouse is told to ship it once the returned item is accepted
(`services.inspect`). Shipping it takes it out of stock, records the carrier
and tracking number on the return, and emails the buyer the tracking link;
the day it reaches the buyer is recorded like an order's parcel's, and the
buyer is told. If
the reserved item cannot be sent after all (damaged in the warehouse, lost),
the reservation goes back to stock and the buyer is refunded those units,
through the order's refund-due queue like every refund.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from maison import clock
from maison.alerts.models import StaffAlert
from maison.alerts.services import resolve_alerts
from maison.inventory import services as inventory
from maison.orders.history import money, said, word
from maison.orders.models import Refund
from maison.orders.services import record_event
from maison.orders.shipments import carrier_and_number, possible_delivery_day
from maison.orders.state import OrderRefused

from . import refunding
from .amounts import refund_for
from .models import Return, ReturnLine
from .notices import tell_buyer
from .services import ReturnRefused


def to_ship(ret: Return) -> list[ReturnLine]:
    """Accepted lines whose exchange is reserved and not yet sent."""
    if ret.exchange_shipped_at is not None:
        return []
    lines = ret.lines.select_related("order_line", "exchange_for").filter(
        outcome=ReturnLine.Outcome.ACCEPTED, exchange_for__isnull=False, exchange_unavailable=False
    )
    return list(lines)


def on_its_way(ret: Return) -> bool:
    """The exchange parcel has left and is not yet marked delivered."""
    return ret.exchange_shipped_at is not None and ret.exchange_delivered_on is None


def _waiting(ret: Return) -> tuple[Return, list[ReturnLine]]:
    ret = Return.objects.select_for_update(of=("self",)).select_related("order").get(pk=ret.pk)
    lines = to_ship(ret)
    if not lines:
        raise ReturnRefused(
            _("Return %(ref)s has no accepted exchange waiting to be sent.")
            % {"ref": ret.reference},
            code="no_exchange_to_ship",
        )
    return ret, lines


def _done_with_alerts(lines: list[ReturnLine], actor: str) -> None:
    keys = [f"exchange:{line.pk}" for line in lines]
    resolve_alerts(StaffAlert.objects.filter(key__in=keys).values_list("pk", flat=True), by=actor)


@transaction.atomic
def ship_exchange(ret: Return, *, carrier: str, tracking_number: str, actor: str) -> Return:
    """Send the reserved sizes to the buyer, with a carrier and a tracking number (RET-2).

    Nothing is charged: the exchange is at the price the buyer paid.
    """
    try:
        carrier, number = carrier_and_number(carrier, tracking_number)
    except OrderRefused as refusal:
        raise ReturnRefused(refusal.message, code=refusal.code) from refusal
    ret, lines = _waiting(ret)
    for line in lines:
        inventory.dispatch(line.exchange_for_id, line.quantity)
    ret.exchange_carrier, ret.exchange_tracking_number = carrier, number
    ret.exchange_shipped_at = clock.now()
    ret.save(update_fields=["exchange_carrier", "exchange_tracking_number", "exchange_shipped_at"])
    record_event(
        ret.order,
        "exchange_shipped",
        said(
            gettext_noop("Exchange of return %(ret)s shipped with %(carrier)s, %(tracking)s."),
            ret=ret.reference,
            carrier=carrier,
            tracking=number,
        ),
        actor=actor,
        ret=ret.reference,
        carrier=carrier,
        tracking_number=number,
    )
    _done_with_alerts(lines, actor)
    tell_buyer(ret, "exchange_shipped")
    return ret


@transaction.atomic
def mark_exchange_delivered(ret: Return, *, delivered_on: date, actor: str) -> Return:
    """The exchange parcel reached the buyer on `delivered_on` (DEL-3), as an order's parcel does.

    Only the day is recorded: the terms give an exchanged item no period of its
    own (RET-1 and RET-6 count from the order's delivery), so no after-sales
    deadline moves.
    """
    ret = Return.objects.select_for_update(of=("self",)).select_related("order").get(pk=ret.pk)
    if not on_its_way(ret):
        raise ReturnRefused(
            _("Only an exchange parcel on its way can be marked delivered."),
            code="no_exchange_on_its_way",
        )
    if not possible_delivery_day(ret.exchange_shipped_at, delivered_on):
        raise ReturnRefused(
            _("The delivery date must be between the shipping date and today."),
            code="bad_delivery_date",
        )
    ret.exchange_delivered_on = delivered_on
    ret.save(update_fields=["exchange_delivered_on"])
    record_event(
        ret.order,
        "exchange_delivered",
        said(
            gettext_noop("Exchange of return %(ret)s delivered on %(date)s."),
            ret=ret.reference,
            date=delivered_on.isoformat(),
        ),
        actor=actor,
        ret=ret.reference,
        delivered_on=delivered_on.isoformat(),
    )
    tell_buyer(ret, "exchange_delivered")
    return ret


@transaction.atomic
def refund_unavailable_exchange(ret: Return, *, actor: str, reason: str) -> Refund:
    """The reserved sizes cannot be sent: back to stock, and the buyer is refunded (RET-2).

    The refund is due by the return's own date (14 days after its parcel
    arrived, RET-4), or today if that has passed; no return cost is taken off.
    """
    ret, lines = _waiting(ret)
    for line in lines:
        inventory.release(line.exchange_for_id, line.quantity)
        line.exchange_unavailable = True
        line.save(update_fields=["exchange_unavailable"])
    if ret.refund is None:
        # Closed with nothing to refund after its inspection: it refunds these units now.
        ret.state, ret.closed_reason = Return.State.INSPECTED, ""
        ret.save(update_fields=["state", "closed_reason"])
    amount = refund_for(ret, only=lines)
    refund = refunding.record_amount(
        ret, amount, note=f"Return {ret.reference}: exchange unavailable. {reason}".strip()
    )
    if ret.refund is None:
        # Refunding the return pays this refund.
        ret.refund = refund
        ret.save(update_fields=["refund"])
    record_event(
        ret.order,
        "exchange_unavailable",
        said(
            gettext_noop(
                "Exchange of return %(ret)s unavailable: %(reason)s; "
                "refund of %(amount)s due by %(date)s."
            ),
            ret=ret.reference,
            reason=reason or word(gettext_noop("no reason given")),
            amount=money(refund.amount),
            date=refund.due_on.isoformat(),
        ),
        actor=actor,
        ret=ret.reference,
        refund=refund.pk,
    )
    _done_with_alerts(lines, actor)
    tell_buyer(ret, "exchange_unavailable", refund=refund.pk)
    return refund
