"""Withdrawals and the parcels that come back: notice, drop-off, receipt, inspection (RET-1 to 3).

Each function is one step, in its own transaction: it checks the policy,
changes the return, records an order event with its actor (DATA-2) and queues
the buyer's email with the change (DATA-3).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from maison import clock
from maison.alerts.models import Role
from maison.alerts.services import raise_alert
from maison.catalog.models import Variant
from maison.inventory import services as inventory
from maison.markets.models import Market
from maison.markets.pricing import variant_prices
from maison.orders.history import choice_label, said, word
from maison.orders.models import Order
from maison.orders.services import record_event
from maison.refusals import Refused
from maison.shipping import periods
from maison.terms import policy

from . import deadlines, refunding
from .delivered import delivered_quantity, last_delivery
from .models import Channel, Return, ReturnLine
from .notices import tell_buyer


class WithdrawalRefused(Refused):
    """Codes: `not_delivered`, `window_closed`, `nothing_chosen`, `unknown_line`,
    `line_twice`, `too_many`, `bad_exchange`."""

    code = "withdrawal_refused"


class ReturnRefused(Refused):
    """A staff step that does not fit the return's state or dates."""

    code = "return_refused"


@dataclass(frozen=True)
class LineChoice:
    """Units of one order line the buyer sends back, and the variant wanted instead, if any."""

    line_id: int
    quantity: int
    exchange_for: int | None = None


def returnable(order: Order) -> dict[int, int]:
    """Per order line, the delivered units not yet withdrawn."""
    withdrawn: dict[int, int] = {}
    for line in ReturnLine.objects.filter(ret__order=order):
        withdrawn[line.order_line_id] = withdrawn.get(line.order_line_id, 0) + line.quantity
    return {
        line.pk: delivered_quantity(line) - withdrawn.get(line.pk, 0) for line in order.lines.all()
    }


def window_closed_on(order: Order) -> date | None:
    """The withdrawal period's last day; None until the last parcel is delivered (RET-1)."""
    delivered = last_delivery(order)
    return deadlines.withdrawal_last_day(delivered) if delivered else None


def can_withdraw(order: Order, at: datetime | None = None) -> bool:
    """Whether the withdrawal form is offered: delivered units left, the period not over."""
    last_day = window_closed_on(order)
    if last_day is not None and not periods.still_open(last_day, at or clock.now()):
        return False
    return any(left > 0 for left in returnable(order).values())


def _check_choices(order: Order, choices: list[LineChoice]) -> list[LineChoice]:
    chosen = [choice for choice in choices if choice.quantity]
    if not chosen:
        raise WithdrawalRefused(_("Choose at least one item to send back."), code="nothing_chosen")
    seen = set()
    left = returnable(order)
    for choice in chosen:
        if choice.line_id in seen:
            raise WithdrawalRefused(_("Each item can be chosen once."), code="line_twice")
        seen.add(choice.line_id)
        if choice.line_id not in left:
            raise WithdrawalRefused(_("That item is not part of this order."), code="unknown_line")
        if choice.quantity < 0 or choice.quantity > left[choice.line_id]:
            if left[choice.line_id] <= 0:
                raise WithdrawalRefused(
                    _("That item has not been delivered, or is already being returned."),
                    code="not_delivered",
                )
            raise WithdrawalRefused(
                _("You can send back at most %(count)s of that item.")
                % {"count": left[choice.line_id]},
                code="too_many",
            )
    return chosen


def _exchange_variant(order: Order, line, variant_id: int, market: Market | None) -> Variant:
    """Another size or colour of the same product, at the price the buyer paid."""
    variant = Variant.objects.filter(pk=variant_id).first()
    same_product = variant and line.variant and variant.product_id == line.variant.product_id
    if not same_product or variant.pk == line.variant_id or market is None:
        raise WithdrawalRefused(
            _("An exchange is for another size or colour of the same product."),
            code="bad_exchange",
        )
    price = variant_prices([variant], market).get(variant.pk)
    if price is None or price.minor != line.unit_price_minor:
        raise WithdrawalRefused(
            _("That size or colour is not sold at the price you paid; choose a refund."),
            code="bad_exchange",
        )
    return variant


def _refuse_closed(last_day: date) -> None:
    raise WithdrawalRefused(
        _("The withdrawal period for this order ended on %(date)s.")
        % {"date": date_format(last_day, "DATE_FORMAT")},
        code="window_closed",
    )


@transaction.atomic
def withdraw(
    order: Order,
    choices: list[LineChoice],
    *,
    reason: str = "",
    actor: str = "customer",
    channel: str = Channel.ONLINE,
    notified_at: datetime | None = None,
) -> Return:
    """Record the buyer's withdrawal from some delivered units (RET-1) and send the instructions.

    `notified_at` is when the buyer told us: now for the online form, the date
    staff read on a letter or took a call. The order row is locked so that two
    submissions cannot withdraw the same units twice.
    """
    order = Order.objects.select_for_update().get(pk=order.pk)
    notified_at = notified_at or clock.now()
    if not any(delivered_quantity(line) for line in order.lines.all()):
        raise WithdrawalRefused(_("This order has not been delivered yet."), code="not_delivered")
    # Until the last parcel arrives the period has not started, so it cannot be over.
    last_day = window_closed_on(order)
    if last_day is not None and not periods.still_open(last_day, notified_at):
        _refuse_closed(last_day)
    chosen = _check_choices(order, choices)
    market = Market.objects.filter(country=order.market_country).first()
    # Against the threshold when the order was placed (SITE-2), not today's.
    free = order.returns_free
    if free is None:
        free = market is not None and order.subtotal_minor >= market.free_delivery_threshold_minor
    lines = {line.pk: line for line in order.lines.select_related("variant")}
    wanted = {
        choice.line_id: _exchange_variant(order, lines[choice.line_id], choice.exchange_for, market)
        for choice in chosen
        if choice.exchange_for
    }
    ret = Return.objects.create(
        order=order,
        channel=channel,
        notified_at=notified_at,
        window_closed_on=last_day,
        send_by=deadlines.send_by(notified_at),
        reason=reason.strip(),
        free_return=free,
        return_cost_minor=0 if free else policy.POLICY.return_cost_minor,
        currency=order.currency,
        recorded_by=actor,
    )
    # Exchanges claim stock in variant order, as checkout does, so that no two deadlock.
    for choice in sorted(chosen, key=lambda c: wanted[c.line_id].pk if c.line_id in wanted else 0):
        variant = wanted.get(choice.line_id)
        # The new size is held for the buyer from now: it ships once the return is accepted.
        reserved = variant is not None and inventory.allocate(variant.pk, choice.quantity)
        ReturnLine.objects.create(
            ret=ret,
            order_line=lines[choice.line_id],
            quantity=choice.quantity,
            exchange_for=variant if reserved else None,
            exchange_unavailable=variant is not None and not reserved,
        )
    record_event(
        order,
        "withdrawal",
        said(
            gettext_noop("Withdrawal %(ret)s notified by %(channel)s."),
            ret=ret.reference,
            channel=choice_label(ret, "channel"),
        ),
        actor=actor,
        ret=ret.reference,
        lines={str(choice.line_id): choice.quantity for choice in chosen},
    )
    tell_buyer(ret, "return_instructions")
    return ret


def _locked(ret: Return, *states: str) -> Return:
    ret = Return.objects.select_for_update().select_related("order").get(pk=ret.pk)
    if ret.state not in states:
        raise ReturnRefused(
            _("Return %(ref)s is %(state)s: this step does not apply.")
            % {"ref": ret.reference, "state": ret.get_state_display()},
            code="wrong_state",
        )
    return ret


def _not_in_future(day: date, field: str) -> None:
    if day > clock.today():
        raise ReturnRefused(_("That date is in the future."), code="future_date", field=field)


def _release_exchanges(ret: Return) -> None:
    for line in ret.lines.exclude(exchange_for=None):
        inventory.release(line.exchange_for_id, line.quantity)


def _refuse_late(ret: Return, actor: str) -> Return:
    """A parcel sent after its deadline is refused and sent back (RET-2); the buyer is told."""
    ret.state = Return.State.REFUSED_LATE
    ret.save(update_fields=["state", "sent_on", "received_on"])
    _release_exchanges(ret)
    record_event(
        ret.order,
        "return_refused_late",
        said(
            gettext_noop("Return %(ret)s sent on %(sent_on)s, after its deadline of %(send_by)s."),
            ret=ret.reference,
            sent_on=str(ret.sent_on),
            send_by=str(ret.send_by),
        ),
        actor=actor,
        ret=ret.reference,
    )
    tell_buyer(ret, "return_refused_late")
    return ret


@transaction.atomic
def record_drop_off(ret: Return, sent_on: date, *, actor: str) -> Return:
    """The carrier's drop-off date: the return deadline is met by sending (RET-2)."""
    ret = _locked(ret, Return.State.REQUESTED)
    _not_in_future(sent_on, "sent_on")
    ret.sent_on = sent_on
    if sent_on > ret.send_by:
        return _refuse_late(ret, actor)
    ret.state = Return.State.SENT
    ret.save(update_fields=["state", "sent_on"])
    record_event(
        ret.order,
        "return_sent",
        said(
            gettext_noop("Return %(ret)s handed to the carrier on %(sent_on)s."),
            ret=ret.reference,
            sent_on=str(sent_on),
        ),
        actor=actor,
        ret=ret.reference,
    )
    tell_buyer(ret, "return_sent")
    return ret


@transaction.atomic
def receive(ret: Return, received_on: date, *, actor: str, sent_on: date | None = None) -> Return:
    """The parcel arrived: the refund is due 14 days later (RET-2, RET-4)."""
    ret = _locked(ret, Return.State.REQUESTED, Return.State.SENT)
    _not_in_future(received_on, "received_on")
    ret.sent_on = sent_on or ret.sent_on
    if ret.sent_on is None:
        raise ReturnRefused(
            _("Record the date the parcel was handed to the carrier first."),
            code="sent_on_missing",
            field="sent_on",
        )
    if received_on < ret.sent_on:
        raise ReturnRefused(
            _("A parcel cannot arrive before it was sent."), code="bad_dates", field="received_on"
        )
    ret.received_on = received_on
    if ret.sent_on > ret.send_by:
        return _refuse_late(ret, actor)
    ret.state = Return.State.RECEIVED
    ret.refund_due_on = deadlines.refund_due(received_on)
    ret.save(update_fields=["state", "sent_on", "received_on", "refund_due_on"])
    record_event(
        ret.order,
        "return_received",
        said(
            gettext_noop("Return %(ret)s received on %(received_on)s; refund due by %(due_on)s."),
            ret=ret.reference,
            received_on=str(received_on),
            due_on=str(ret.refund_due_on),
        ),
        actor=actor,
        ret=ret.reference,
    )
    tell_buyer(ret, "return_received")
    return ret


@transaction.atomic
def inspect(ret: Return, outcomes: dict[int, tuple[str, str]], *, actor: str) -> Return:
    """Each returned line accepted, or refused with its reason and a note (RET-3).

    Accepted units go back to stock; a refused line is sent back to the buyer
    and releases the size held for its exchange. `outcomes` maps every return
    line's id to (outcome, note).
    """
    ret = _locked(ret, Return.State.RECEIVED)
    lines = list(ret.lines.select_related("order_line"))
    if set(outcomes) != {line.pk for line in lines}:
        raise ReturnRefused(_("Inspect every line of the return."), code="lines_missing")
    now = clock.now()
    for line in lines:
        outcome, note = outcomes[line.pk]
        if outcome not in ReturnLine.Outcome.values or outcome == ReturnLine.Outcome.PENDING:
            raise ReturnRefused(_("Choose an outcome for every line."), code="bad_outcome")
        line.outcome, line.note, line.inspected_at = outcome, note.strip(), now
        line.save(update_fields=["outcome", "note", "inspected_at"])
        if outcome == ReturnLine.Outcome.ACCEPTED:
            if line.order_line.variant_id:
                inventory.restock(line.order_line.variant_id, line.quantity)
        elif line.exchange_for_id:
            inventory.release(line.exchange_for_id, line.quantity)
    ret.state = Return.State.INSPECTED
    ret.save(update_fields=["state"])
    record_event(
        ret.order,
        "return_inspected",
        said(gettext_noop("Return %(ret)s inspected."), ret=ret.reference),
        actor=actor,
        ret=ret.reference,
        outcomes={str(line.order_line_id): line.outcome for line in lines},
    )
    if refunding.record_due(ret, actor=actor) is None:
        # The reason is the buyer's to read, on the return's page: in the order's language.
        with translation.override(ret.order.language):
            ret.state, ret.closed_reason = Return.State.CLOSED, _("Nothing to refund.")
        ret.save(update_fields=["state", "closed_reason"])
    for line in lines:
        if line.outcome == ReturnLine.Outcome.ACCEPTED and line.exchange_for_id:
            _ship_exchange(ret, line)
    tell_buyer(ret, "return_inspected")
    return ret


def _ship_exchange(ret: Return, line: ReturnLine) -> None:
    """The returned item was accepted: the size held for the exchange may leave (RET-2)."""
    raise_alert(
        Role.WAREHOUSE,
        "exchange_to_ship",
        f"exchange:{line.pk}",
        gettext_lazy(
            "Ship the exchange of return %(ret)s: %(quantity)s × %(sku)s to order %(order)s"
        ),
        gettext_lazy("The returned item was accepted; the exchange is reserved in stock."),
        params={
            "ret": ret.reference,
            "quantity": line.quantity,
            "sku": line.exchange_for.sku,
            "order": ret.order.number,
        },
    )


@transaction.atomic
def close_lost(ret: Return, reason: str, *, actor: str) -> Return:
    """Close a return whose parcel never arrived, with the reason (RET-2)."""
    ret = _locked(ret, Return.State.REQUESTED, Return.State.SENT)
    reason = reason.strip()
    if not reason:
        raise ReturnRefused(_("Say why the return is closed."), code="reason_missing")
    ret.state, ret.closed_reason = Return.State.CLOSED, reason[:300]
    ret.save(update_fields=["state", "closed_reason"])
    _release_exchanges(ret)
    record_event(
        ret.order,
        "return_closed",
        said(
            gettext_noop("Return %(ret)s closed: %(reason)s"),
            ret=ret.reference,
            reason=word(ret.closed_reason),
        ),
        actor=actor,
        ret=ret.reference,
    )
    tell_buyer(ret, "return_closed")
    return ret
