"""A refund the provider could not pay, paid by bank transfer and recorded by staff (RET-4).

The refund stays in the refund-due queue until then; the transfer's
reference is kept on it, with who recorded it, as the proof of payment.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from maison import clock

from . import documents, state
from .history import money, said
from .models import Refund
from .state import OrderRefused


@transaction.atomic
def record_transfer(refund: Refund, reference: str, *, actor: str) -> Refund:
    """Mark a due refund paid by a bank transfer with this reference."""
    refund = Refund.objects.select_for_update().select_related("order").get(pk=refund.pk)
    reference = reference.strip()
    if refund.state != Refund.State.DUE or refund.units:
        raise OrderRefused(_("This refund is not due."), code="refund_not_due")
    if not reference:
        raise OrderRefused(
            _("Give the bank transfer's reference."), code="reference_missing", field="reference"
        )
    refund.state = Refund.State.PAID
    refund.paid_at = clock.now()
    refund.note = f"Bank transfer {reference}"[:300]
    refund.save(update_fields=["state", "paid_at", "note"])
    state.event(
        refund.order,
        "refunded_by_transfer",
        said(
            gettext_noop("Refunded %(amount)s by bank transfer %(reference)s."),
            amount=money(refund.amount),
            reference=reference,
        ),
        actor=actor,
        refund=refund.pk,
        amount=refund.amount_minor,
        reference=reference,
    )
    documents.credit_refund(refund)
    return refund
