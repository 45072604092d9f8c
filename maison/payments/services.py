"""Talking to the payment provider, and keeping the record of every call."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.markets.money import Money
from maison.refusals import Refused

from .models import Payment, PaymentTransaction
from .providers.base import CardToken, PaymentProvider, ProviderUnavailable

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


def authorize(card: CardToken, amount: Money, idempotency_key: str) -> Payment:
    """Authorise the whole price at order (PAY-1, PRC-5); refuse with a reason if not."""
    gateway = provider()
    try:
        result = gateway.authorize(card.token, amount, idempotency_key)
    except ProviderUnavailable as error:
        raise PaymentRefused("unavailable") from error
    if not result.approved:
        raise PaymentRefused(result.code)
    now = clock.now()
    payment = Payment.objects.create(
        provider=gateway.name,
        reference=result.reference,
        currency=amount.currency,
        authorised_minor=amount.minor,
        card_brand=card.brand,
        card_last4=card.last4,
        created_at=now,
    )
    PaymentTransaction.objects.create(
        payment=payment,
        kind=PaymentTransaction.Kind.AUTHORIZE,
        amount_minor=amount.minor,
        succeeded=True,
        code=result.code,
        idempotency_key=idempotency_key,
        at=now,
    )
    return payment


def release(payment: Payment, idempotency_key: str) -> None:
    """Void an authorisation nobody will capture (PAY-4, PAY-2): the hold on the card ends."""
    gateway = provider()
    try:
        result = gateway.void(payment.reference, idempotency_key)
    except ProviderUnavailable:
        logger.warning("could not void authorisation %s; it will lapse", payment.reference)
        return
    if not result.approved:
        logger.warning("void of authorisation %s refused: %s", payment.reference, result.code)
