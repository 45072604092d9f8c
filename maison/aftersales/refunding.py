"""Refunding a return through the order's refund-due queue (RET-4).

Inspection records the refund owed for the accepted lines as an
`orders.Refund`, due 14 days after the parcel arrived: it then sits in the
same queue as every other refund of the store (due soon, overdue), and is
paid by the same function, `orders.refunds.pay`, through the card it was
charged on, with an idempotency key. A refusal or a silence of the provider
leaves it due, in the queue; staff may then pay it by bank transfer.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from maison import clock
from maison.orders import refunds, transfers
from maison.orders.history import money, said
from maison.orders.models import Refund
from maison.orders.services import record_event
from maison.refusals import Refused

from .amounts import RefundAmount, refund_for
from .models import Return
from .notices import tell_buyer


class RefundRefused(Refused):
    code = "return_refund_refused"


def record_due(ret: Return, *, actor: str) -> Refund | None:
    """Record what the inspected return refunds; the caller holds the transaction."""
    amount = refund_for(ret)
    if not amount.total.minor:
        return None
    refund = record_amount(ret, amount, note=f"Return {ret.reference}")
    ret.refund = refund
    ret.save(update_fields=["refund"])
    return refund


def record_amount(ret: Return, amount: RefundAmount, *, note: str) -> Refund:
    """Queue a refund of the return, due 14 days after its parcel arrived (or today, if past)."""
    return refunds.record_refund(
        ret.order,
        Refund.Reason.RETURN,
        goods_minor=amount.goods.minor,
        delivery_minor=amount.delivery.minor,
        duties_minor=amount.duties.minor,
        import_vat_minor=amount.import_vat.minor,
        # However long the inspection took.
        days=max(0, (ret.refund_due_on - clock.today()).days),
        note=note,
        lines=list(amount.lines),
    )


def _due_refund(ret: Return) -> Return:
    ret = Return.objects.select_related("refund", "order").get(pk=ret.pk)
    if ret.refund is None or ret.state not in (Return.State.INSPECTED, Return.State.REFUNDED):
        raise RefundRefused(_("This return has nothing to refund."), code="nothing_to_refund")
    return ret


def refund(ret: Return, *, actor: str) -> Return:
    """Pay the return's refund through the original payment; the buyer is emailed.

    No transaction is open around the provider call (`refunds.pay` opens its own).
    """
    ret = _due_refund(ret)
    if ret.refund.state == Refund.State.DUE:
        refunds.pay(ret.refund, actor=actor)
    return _mark_refunded(ret, actor=actor)


def refund_by_transfer(ret: Return, reference: str, *, actor: str) -> Return:
    """The provider could not pay: staff paid by bank transfer, with its reference."""
    ret = _due_refund(ret)
    with transaction.atomic():
        transfers.record_transfer(ret.refund, reference, actor=actor)
        return _mark_refunded(ret, actor=actor, reference=reference.strip())


@transaction.atomic
def _mark_refunded(ret: Return, *, actor: str, reference: str = "") -> Return:
    ret = (
        Return.objects.select_for_update(of=("self",))
        .select_related("refund", "order")
        .get(pk=ret.pk)
    )
    if ret.state == Return.State.REFUNDED or ret.refund.state != Refund.State.PAID:
        return ret
    ret.state = Return.State.REFUNDED
    ret.refunded_minor = ret.refund.amount_minor
    ret.refunded_at = ret.refund.paid_at
    ret.refund_reference = reference or ret.refund.refund_key
    ret.save(update_fields=["state", "refunded_minor", "refunded_at", "refund_reference"])
    record_event(
        ret.order,
        "return_refunded",
        said(
            gettext_noop("Return %(ret)s refunded: %(amount)s."),
            ret=ret.reference,
            amount=money(ret.refunded),
        ),
        actor=actor,
        ret=ret.reference,
    )
    if reference:
        # A card refund is announced by `refunds.pay` itself; a transfer is ours to tell.
        tell_buyer(ret, "return_refunded")
    return ret
