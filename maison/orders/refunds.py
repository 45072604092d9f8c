"""Refunds owed to buyers: recorded with the date they are due by, then paid (ORD-7, RET-4).

One model and one way to pay for every refund of the store: unavailable items,
cancelled orders, late deliveries, parcels returned to sender, and the
after-sales returns to come. Paying takes the three steps of every provider
call: decide and commit (the refund's idempotency key is written first), call
the provider with no lock held, record the answer.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from maison import clock
from maison.invoicing import queries as invoices
from maison.markets.money import Money
from maison.payments import services as payments

from . import documents, state
from .history import choice_label, money, said, word
from .models import Order, Refund
from .state import OrderRefused


def record_refund(
    order: Order,
    reason: str,
    *,
    goods_minor: int = 0,
    delivery_minor: int = 0,
    duties_minor: int = 0,
    import_vat_minor: int = 0,
    days: int,
    note: str = "",
    shipment=None,
    lines: list[dict] | None = None,
    corrects_invoice: str = "",
) -> Refund:
    """Record money owed back, due `days` from today; the caller holds the transaction.

    `lines`: the shipped units it pays back, if it names them (`Refund.refunded_lines`):
    its credit note then lists them line by line. `corrects_invoice`: the number of
    the invoice a credit by hand corrects (`Refund.corrects_invoice`).
    """
    refund = Refund.objects.create(
        order=order,
        shipment=shipment,
        refunded_lines=lines or [],
        corrects_invoice=corrects_invoice,
        reason=reason,
        note=note[:300],
        goods_minor=goods_minor,
        delivery_minor=delivery_minor,
        duties_minor=duties_minor,
        import_vat_minor=import_vat_minor,
        created_at=clock.now(),
        due_on=state.due_on(days),
    )
    state.event(
        order,
        "refund_due",
        said(
            gettext_noop("Refund of %(amount)s due by %(date)s."),
            amount=money(refund.amount),
            date=refund.due_on.isoformat(),
        ),
        actor="system",
        refund=refund.pk,
        amount=refund.amount_minor,
    )
    return refund


def pay(refund: Refund, *, actor: str) -> Refund:
    """Pay a due refund back to the card it was charged on, once (RET-4, PAY-5).

    A refund of units that never shipped is settled by releasing the
    authorisation, not by this. A provider that does not answer leaves it due,
    with its key kept: paying again replays, never pays twice.
    """
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.state != Refund.State.DUE or refund.units:
            raise OrderRefused(
                _("This refund is not due: it is %(state)s.")
                % {"state": refund.get_state_display().lower()},
                code="refund_not_due",
            )
        if not refund.refund_key:
            refund.refund_key = f"refund-{refund.pk}"
            refund.save(update_fields=["refund_key"])
    payment = refund.order.payment
    try:
        payments.refund(payment, refund.amount_minor, refund.refund_key)
    except payments.PaymentProblem as problem:
        with transaction.atomic():
            state.event(
                refund.order,
                "refund_failed",
                said(
                    gettext_noop("Refund %(refund)s not paid: %(problem)s"),
                    refund=refund.pk,
                    problem=word(problem.message),
                ),
                actor=actor,
                refund=refund.pk,
            )
        raise OrderRefused(problem.message, code=problem.code) from problem
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.state == Refund.State.DUE:
            refund.state = Refund.State.PAID
            refund.paid_at = clock.now()
            refund.save(update_fields=["state", "paid_at"])
            order = refund.order
            state.event(
                order,
                "refunded",
                said(
                    gettext_noop("Refunded %(amount)s (%(reason)s)."),
                    amount=money(refund.amount),
                    reason=choice_label(refund, "reason"),
                ),
                actor=actor,
                refund=refund.pk,
                amount=refund.amount_minor,
            )
            state.email(order, "order_refunded", refund=refund.pk)
            documents.credit_refund(refund)
    return refund


def credit_by_hand(
    order: Order, amount_minor: int, *, reason: str, actor: str, invoice: str = ""
) -> Refund:
    """Finance corrects what one of the order's invoices charged: refunded to the card, credited.

    The amount is refunded like any other refund (`pay`) and its credit note
    corrects the invoice numbered `invoice`, the order's latest when none is
    named (DATA-1). Never more than that invoice's total less what was already
    credited or is being credited on it, nor than was captured and not yet
    refunded or promised back.
    """
    reason = reason.strip()
    with transaction.atomic():
        order = state.lock(order)
        corrected = _corrected_invoice(order, invoice)
        left = state.captured_left(order)
        if not reason:
            raise OrderRefused(
                _("Say why this is credited."), code="reason_missing", field="reason"
            )
        if not 0 < amount_minor <= left:
            raise OrderRefused(
                _("Credit more than nothing and at most what is left to refund: %(left)s.")
                % {"left": Money(left, order.currency).format()},
                code="over_credited",
                field="amount",
            )
        on_invoice = _left_on_invoice(order, corrected)
        if amount_minor > on_invoice:
            raise OrderRefused(
                _("Invoice %(number)s has only %(left)s left to credit.")
                % {"number": corrected.number, "left": Money(on_invoice, order.currency).format()},
                code="over_credited_invoice",
                field="amount",
            )
        refund = record_refund(
            order,
            Refund.Reason.OTHER,
            goods_minor=amount_minor,
            days=0,
            note=reason,
            corrects_invoice=corrected.number,
        )
        state.event(
            order,
            "credited_by_hand",
            said(
                gettext_noop(
                    "Credit of %(amount)s by %(actor)s on invoice %(invoice)s: %(reason)s"
                ),
                amount=money(refund.amount),
                actor=actor,
                invoice=corrected.number,
                reason=reason,
            ),
            actor=actor,
            refund=refund.pk,
            invoice=corrected.number,
        )
    return pay(refund, actor=actor)


def _corrected_invoice(order: Order, number: str):
    """The order's invoice numbered `number` (its latest if none); refused if not the order's."""
    issued = invoices.invoices_of_order(order.number)
    if not issued:
        raise OrderRefused(
            _("This order has no invoice to correct yet."), code="no_invoice", field="invoice"
        )
    if not number:
        return issued[-1]
    for document in issued:
        if document.number == number:
            return document
    raise OrderRefused(
        _("Invoice %(number)s is not an invoice of this order.") % {"number": number},
        code="invoice_of_another_order",
        field="invoice",
    )


def _left_on_invoice(order: Order, invoice) -> int:
    """The invoice's total less its credit notes and the credits by hand still due on it."""
    due = order.refunds.filter(state=Refund.State.DUE, corrects_invoice=invoice.number)
    return invoices.uncredited_minor(invoice) - sum(refund.amount_minor for refund in due)
