"""Talking to the payment provider, and keeping the record of every call.

Capture, void, refund and re-authorisation each take three steps, so that no
transaction or row lock is ever held while the provider is on the line: the
caller decides what to do in its own short transaction and commits (an order's
shipment row, a refund row, each holding its idempotency key); these functions
call the provider with no transaction of theirs open; then record its answer
in a short transaction. The record is keyed on the idempotency key, so a crash
after the provider acted and before the record is mended by calling again with
the same key: the provider answers with its first result and the record is
written once (PAY-5).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.invoicing import archive
from maison.markets.money import Money
from maison.refusals import Refused

from .models import Payment, PaymentTransaction
from .providers.base import CardToken, PaymentProvider, ProviderResult, ProviderUnavailable

logger = logging.getLogger(__name__)


class PaymentRefused(Refused):
    """No money was authorised; the buyer may try another card.

    Codes: `declined`, `insufficient_funds`, `unavailable` (the provider failed).
    """

    messages = {
        "declined": _("Your card was declined. Please use another card."),
        "insufficient_funds": _("Your card was declined for insufficient funds."),
        "unavailable": _(
            "We could not reach the payment service. Nothing was charged; please try again."
        ),
    }

    def __init__(self, code: str):
        super().__init__(self.messages.get(code, self.messages["declined"]), code=code)


def provider() -> PaymentProvider:
    return import_string(settings.MAISON_PAYMENT_PROVIDER)()


def ask_authorisation(
    card_token: str, amount: Money, idempotency_key: str, return_url: str = ""
) -> ProviderResult | None:
    """Ask the provider to authorise the whole price (PAY-1, PRC-5); None if it did not answer.

    Call it with no transaction open: the provider may take seconds. The answer
    may be `action_required` (3-D Secure): the buyer must authenticate first.
    """
    try:
        return provider().authorize(card_token, amount, idempotency_key, return_url)
    except ProviderUnavailable:
        logger.warning("no answer from the provider to %s", idempotency_key)
        return None


def look_up(idempotency_key: str) -> ProviderResult | None:
    """The provider's answer to a call whose answer the store lost; None if it never got it.

    Raises `ProviderUnavailable` when the provider does not answer now either.
    """
    return provider().lookup(idempotency_key)


def record_authorisation(
    card: CardToken, amount: Money, idempotency_key: str, result: ProviderResult
) -> Payment:
    """The order's payment, from the provider's approval; the caller holds the transaction."""
    now = clock.now()
    payment = Payment.objects.create(
        provider=provider().name,
        reference=result.reference,
        currency=amount.currency,
        authorised_minor=amount.minor,
        card_brand=card.brand,
        card_last4=card.last4,
        card_token=card.token,
        authorisation_expires_at=result.expires_at,
        created_at=now,
    )
    authorised = PaymentTransaction.objects.create(
        payment=payment,
        reference=result.reference,
        kind=PaymentTransaction.Kind.AUTHORIZE,
        amount_minor=amount.minor,
        succeeded=True,
        code=result.code,
        idempotency_key=idempotency_key,
        at=now,
    )
    _archive(authorised)
    return payment


def void_authorisation(reference: str, idempotency_key: str) -> bool:
    """Void an authorisation no order will capture: the hold on the card ends.

    Call it with no transaction open. False if the provider did not answer (the
    caller asks again later) or refused.
    """
    try:
        result = provider().void(reference, idempotency_key)
    except ProviderUnavailable:
        logger.warning("could not void authorisation %s yet", reference)
        return False
    if not result.approved:
        logger.warning("void of authorisation %s refused: %s", reference, result.code)
    return result.approved


class PaymentProblem(Refused):
    """The provider did not do what the store asked, after the order was placed.

    Codes: `capture_declined`, `authorisation_expired`, `refund_declined`,
    `reauthorisation_declined`, `payment_unavailable` (no answer: try again,
    the idempotency key makes it safe).
    """

    messages = {
        "capture_declined": _("The payment provider refused to charge the card."),
        "authorisation_expired": _(
            "The card's authorisation has expired: authorise it again before shipping."
        ),
        "refund_declined": _("The payment provider refused the refund."),
        "reauthorisation_declined": _("The card was declined when authorised again."),
        "payment_unavailable": _(
            "The payment provider did not answer. Try again: nothing will be taken twice."
        ),
    }

    def __init__(self, code: str, detail: str = ""):
        message = str(self.messages[code])
        super().__init__(f"{message} ({detail})" if detail else message, code=code)
        self.detail = detail  # the provider's own word, kept as it said it


def _record(payment_id: int, kind: str, amount_minor: int, key: str, result, reference: str):
    """Write the provider's answer once; True if this call wrote it (not a replay)."""
    recorded, created = PaymentTransaction.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "payment_id": payment_id,
            "kind": kind,
            "reference": reference,
            "amount_minor": amount_minor,
            "succeeded": result.approved,
            "code": result.code,
            "at": clock.now(),
        },
    )
    if created:
        _archive(recorded)
    return created


def _archive(recorded: PaymentTransaction) -> None:
    """Every answer of the provider goes into the archive (ORD-11)."""
    archive.keep(
        "payment",
        {
            "payment": recorded.payment_id,
            "operation": recorded.kind,
            "reference": recorded.reference,
            "amount_minor": recorded.amount_minor,
            "succeeded": recorded.succeeded,
            "code": recorded.code,
            "key": recorded.idempotency_key,
        },
        at=recorded.at,
    )


def _call(method, *args):
    try:
        return method(*args)
    except ProviderUnavailable as error:
        raise PaymentProblem("payment_unavailable") from error


def capture(payment: Payment, amount_minor: int, idempotency_key: str) -> None:
    """Charge `amount_minor` of the authorisation (PAY-2); once per key, whatever happens.

    Call it with no transaction open. Raises `PaymentProblem` when the
    provider refuses (`authorisation_expired`, `capture_declined`) or does not
    answer (`payment_unavailable`: call again with the same key).
    """
    result = _call(
        provider().capture,
        payment.reference,
        Money(amount_minor, payment.currency),
        idempotency_key,
    )
    with transaction.atomic():
        created = _record(
            payment.pk, "capture", amount_minor, idempotency_key, result, payment.reference
        )
        if created and result.approved:
            Payment.objects.filter(pk=payment.pk).update(
                captured_minor=F("captured_minor") + amount_minor
            )
    if not result.approved:
        code = "authorisation_expired" if result.code == "authorisation_expired" else None
        raise PaymentProblem(code or "capture_declined", "" if code else result.code)


def void(payment: Payment, idempotency_key: str) -> int:
    """Release what remains authorised and uncaptured (PAY-2, PAY-4); returns that amount.

    A provider that refuses or does not answer leaves the hold to lapse on its
    own (the test provider's after its days, a bank's within weeks): the
    store records it released either way, as it will never capture it.
    """
    payment.refresh_from_db()
    remaining = payment.uncaptured_minor
    if remaining == 0:
        return 0
    try:
        result = provider().void(payment.reference, idempotency_key)
    except ProviderUnavailable:
        logger.warning("could not void authorisation %s; it will lapse", payment.reference)
        result = None
    with transaction.atomic():
        recorded = result is None or _record(
            payment.pk, "void", remaining, idempotency_key, result, payment.reference
        )
        if recorded:
            Payment.objects.filter(pk=payment.pk).update(
                released_minor=F("released_minor") + remaining, voided=True
            )
    payment.refresh_from_db()
    return remaining


def refundable_by_reference(payment: Payment) -> list[tuple[str, int]]:
    """What each authorisation captured and has not refunded, oldest first."""
    left: dict[str, int] = {}
    for done in payment.transactions.filter(succeeded=True, kind__in=["capture", "refund"]):
        sign = 1 if done.kind == "capture" else -1
        left[done.reference] = left.get(done.reference, 0) + sign * done.amount_minor
    return [(reference, amount) for reference, amount in left.items() if amount > 0]


def refund(payment: Payment, amount_minor: int, idempotency_key: str) -> None:
    """Give back `amount_minor` of what was captured, through the card it came from (RET-4).

    A re-authorised payment captured on two authorisations: the refund is
    taken from each in turn, each part under its own key derived from
    `idempotency_key`, so a retry refunds nothing twice.
    """
    left = amount_minor
    for part, (reference, refundable) in enumerate(refundable_by_reference(payment)):
        if left <= 0:
            break
        amount = min(left, refundable)
        key = f"{idempotency_key}:{part}"
        result = _call(provider().refund, reference, Money(amount, payment.currency), key)
        with transaction.atomic():
            created = _record(payment.pk, "refund", amount, key, result, reference)
            if created and result.approved:
                Payment.objects.filter(pk=payment.pk).update(
                    refunded_minor=F("refunded_minor") + amount
                )
        if not result.approved:
            raise PaymentProblem("refund_declined", result.code)
        left -= amount
    if left > 0:
        raise PaymentProblem("refund_declined", "more than was charged")


def reauthorise(payment: Payment, amount_minor: int, idempotency_key: str) -> None:
    """Authorise the uncaptured rest again with the kept card token, then free the old hold (PAY-5).

    Captures go to the new authorisation from then on. Raises `PaymentProblem`
    (`reauthorisation_declined`, `payment_unavailable`).
    """
    old_reference = payment.reference
    result = _call(
        provider().authorize,
        payment.card_token,
        Money(amount_minor, payment.currency),
        idempotency_key,
    )
    with transaction.atomic():
        _record(payment.pk, "reauthorize", amount_minor, idempotency_key, result, result.reference)
        if result.approved:
            Payment.objects.filter(pk=payment.pk).update(
                reference=result.reference, authorisation_expires_at=result.expires_at
            )
    if not result.approved:
        raise PaymentProblem("reauthorisation_declined", result.code)
    try:
        provider().void(old_reference, f"{idempotency_key}:void-old")
    except ProviderUnavailable:
        logger.warning("could not void replaced authorisation %s; it will lapse", old_reference)
    payment.refresh_from_db()
