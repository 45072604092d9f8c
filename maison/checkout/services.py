"""From basket to placed order (ORD-3 to ORD-7, PRD-1, PAY-1)."""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language, gettext_noop, override
from django.utils.translation import gettext as _

from maison import clock
from maison.basket import queries as basket_queries
from maison.basket.models import Basket
from maison.inventory import services as inventory
from maison.markets.models import Market, PriceMode
from maison.markets.money import Money
from maison.markets.pricing import Breakdown, LineInput, NoVatRate, breakdown, vat_rate
from maison.notifications.services import queue_email
from maison.orders import limits
from maison.orders.history import said
from maison.orders.models import Order
from maison.orders.services import LineDraft, OrderDraft, record_event, record_order
from maison.payments import services as payments
from maison.payments import webhooks
from maison.payments.providers.base import CardToken, ProviderResult, ProviderUnavailable
from maison.refusals import Refused
from maison.shipping.delivery import DeliveryQuote, quote
from maison.shipping.models import DeliveryMethod
from maison.terms.policy import POLICY

from .models import Checkout, PaymentAttempt

logger = logging.getLogger(__name__)


class CheckoutRefused(Refused):
    """The order cannot be placed as it stands; the message says what to do.

    Each kind carries a stable code (`out_of_stock`, `payment_declined`,
    `review_changed` ...); which page the shopper goes back to is the
    storefront's choice, made from the code.
    """

    code = "checkout_refused"


class CheckoutExpired(CheckoutRefused):
    code = "checkout_expired"


class BasketEmpty(CheckoutRefused):
    code = "basket_empty"


class StepsMissing(CheckoutRefused):
    code = "steps_missing"


class ItemUnavailable(CheckoutRefused):
    code = "out_of_stock"


class PaymentFailed(CheckoutRefused):
    code = "payment_declined"


class TermsNotAccepted(CheckoutRefused):
    code = "terms_not_accepted"


class ReviewChanged(CheckoutRefused):
    code = "review_changed"


class NotSoldHere(CheckoutRefused):
    code = "not_sold_here"


def start(basket: Basket, market: Market, customer=None) -> Checkout:
    return Checkout.objects.create(
        basket=basket, market=market, customer=customer, started_at=clock.now()
    )


def forget_customer(user) -> None:
    """An erased member's open checkouts go: they hold the addresses typed (ACC-6).

    A payment still pending gives its stock back now; the settle job asks the
    provider about it and voids any authorisation it gave.
    """
    with transaction.atomic():
        for attempt in PaymentAttempt.objects.select_for_update().filter(
            checkout__customer=user, status=PaymentAttempt.Status.PENDING
        ):
            _fail(attempt, "payment_expired", answer_known=False)
        PaymentAttempt.objects.filter(Q(customer=user) | Q(checkout__customer=user)).update(
            customer=None, email=""
        )
        Checkout.objects.filter(customer=user, order__isnull=True).delete()
    Checkout.objects.filter(customer=user).update(
        customer=None, email="", shipping_address={}, billing_address={}
    )


def follow_market(checkout: Checkout, market: Market) -> None:
    """The shopper changed country: prices, taxes and delivery options change with it."""
    if checkout.market_id == market.pk:
        return
    checkout.market = market
    checkout.delivery_method = None
    checkout.save(update_fields=["market", "delivery_method"])


def is_expired(checkout: Checkout) -> bool:
    return clock.now() > checkout.started_at + POLICY.checkout_lifetime


def save_details(checkout: Checkout, email: str, shipping: dict, billing: dict) -> None:
    checkout.email = email
    checkout.shipping_address = shipping
    checkout.billing_address = billing
    checkout.save(update_fields=["email", "shipping_address", "billing_address"])


def choose_delivery(checkout: Checkout, method: DeliveryMethod) -> None:
    checkout.delivery_method = method
    checkout.save(update_fields=["delivery_method"])


def save_card(checkout: Checkout, card: CardToken) -> None:
    checkout.card_token, checkout.card_brand, checkout.card_last4 = (
        card.token,
        card.brand,
        card.last4,
    )
    checkout.save(update_fields=["card_token", "card_brand", "card_last4"])


@dataclass(frozen=True)
class Review:
    """What the review page shows and what `place_order` charges: one computation."""

    market: Market
    lines: list[LineDraft]
    delivery: DeliveryQuote
    amounts: Breakdown
    unsold: list[str]
    addresses: tuple = ()

    @property
    def subtotal(self) -> Money:
        return self.amounts.goods

    @property
    def tax(self) -> Money:
        return self.amounts.tax

    @property
    def total(self) -> Money:
        return self.amounts.total

    @property
    def fingerprint(self) -> str:
        """What the buyer saw, condensed: placing compares it with what would be charged."""
        seen = [
            self.market.country,
            [(line.variant_id, line.quantity, line.unit_price_minor) for line in self.lines],
            self.delivery.method.code,
            [self.amounts.delivery.minor, self.amounts.duties.minor, self.total.minor],
            self.addresses,
        ]
        return hashlib.sha256(repr(seen).encode()).hexdigest()[:32]


def basket_subtotal(checkout: Checkout) -> Money:
    return basket_queries.priced(checkout.basket, checkout.market).subtotal


def review(
    checkout: Checkout, ordered_on: date | None = None, language: str | None = None
) -> Review:
    """Price the checkout in its market on the order day (store time zone).

    Names, colours and sizes are read in `language` (the shopper's by default):
    an order keeps them as its buyer read them, for its email, invoice and account.
    """
    language = language or get_language() or "en"
    market = checkout.market
    ordered_on = ordered_on or clock.today()
    try:
        if market.price_mode != PriceMode.DUTIES_AT_DELIVERY:
            vat_rate(market.country, ordered_on)
    except NoVatRate:
        # Staff have not recorded a rate in force: no order can be priced, so none is taken.
        raise NotSoldHere(
            _("We cannot take orders for %(country)s at the moment. Please contact us.")
            % {"country": market.display_name(get_language() or "en")}
        ) from None
    basket = basket_queries.priced(checkout.basket, market)
    sold = [line for line in basket.lines if line.sold_here]
    delivery = quote(checkout.delivery_method, basket.subtotal, ordered_on, market)
    amounts = breakdown(
        market,
        [
            LineInput(line.unit_price, line.quantity, line.variant.product.customs_category)
            for line in sold
        ],
        delivery.cost,
        ordered_on,
    )
    with override(language):
        lines, unsold = _line_drafts(basket.lines, sold, amounts)
    addresses = (checkout.email, checkout.shipping_address, checkout.billing_address)
    return Review(market, lines, delivery, amounts, unsold, addresses)


def _line_drafts(all_lines, sold, amounts) -> tuple[list[LineDraft], list[str]]:
    lines = [
        LineDraft(
            variant_id=line.variant.pk,
            product_name=line.variant.product.name,
            sku=line.variant.sku,
            colour=line.variant.colour,
            size=line.variant.size,
            quantity=line.quantity,
            unit_price_minor=line.unit_price.minor,
            tax_rate=priced.tax_rate,
            tax_minor=priced.tax.minor,
            duty_minor=priced.duty.minor,
            total_minor=priced.total.minor,
        )
        for line, priced in zip(sold, amounts.lines, strict=True)
    ]
    unsold = [
        f"{line.variant.product.name} ({line.variant.label})"
        for line in all_lines
        if not line.sold_here
    ]
    return lines, unsold


def _refuse_unsold(priced: Review, market: Market) -> None:
    if priced.unsold:
        raise NotSoldHere(
            _("%(items)s cannot be delivered to %(country)s. Please remove it from your basket.")
            % {
                "items": ", ".join(priced.unsold),
                "country": market.display_name(get_language() or "en"),
            }
        )


def _allocate(priced: Review) -> None:
    """Claim every line's stock, in variant order so two checkouts never deadlock (PRD-1)."""
    for line in sorted(priced.lines, key=lambda line: line.variant_id):
        if not inventory.allocate(line.variant_id, line.quantity):
            raise ItemUnavailable(
                _(
                    "Sorry, %(item)s (%(option)s) is no longer available "
                    "in the quantity you asked for."
                )
                % {"item": line.product_name, "option": f"{line.colour}, {line.size}"}
            )


def _draft(locked: Checkout, priced: Review, language: str) -> OrderDraft:
    amounts = priced.amounts
    with override(language):
        delivery_method_name = locked.delivery_method.name
    return OrderDraft(
        checkout_token=str(locked.token),
        email=locked.email,
        shipping_address=locked.shipping_address,
        billing_address=locked.billing_address,
        customer_id=locked.customer_id,
        market_country=locked.market.country,
        price_mode=amounts.mode,
        currency=amounts.total.currency,
        lines=priced.lines,
        delivery_method_code=locked.delivery_method.code,
        delivery_method_name=delivery_method_name,
        delivery_minor=amounts.delivery.minor,
        duties_minor=amounts.duties.minor,
        import_vat_minor=amounts.import_vat.minor,
        tax_minor=amounts.tax.minor,
        delivery_earliest=priced.delivery.earliest,
        delivery_latest=priced.delivery.latest,
        terms_version=POLICY.terms_version,
        language=language,
        placed_at=clock.now(),
    )


def _record(locked: Checkout, priced: Review, payment, language: str) -> Order:
    order = record_order(_draft(locked, priced, language), payment)
    record_event(
        order,
        "placed",
        said(gettext_noop("Order placed; payment authorised.")),
        actor="shopper",
        total=order.total_minor,
        terms_version=order.terms_version,
    )
    # Only the order number: the worker renders the email after this
    # transaction and its stock locks are gone, and builds the order's link
    # (its access key) into the message sent, never into the outbox.
    queue_email(
        order.email,
        "order_acknowledgment",
        {"order": order.number},
        reference=order.number,
        language=order.language,
    )
    locked.order = order
    locked.save(update_fields=["order"])
    locked.basket.lines.all().delete()
    return order


def place_order(
    checkout: Checkout,
    *,
    accepted_terms: bool,
    reviewed: str | None = None,
    language: str | None = None,
    return_url: Callable[[str], str] | None = None,
) -> Order:
    """Reserve, authorise, settle: the order is placed, or refused with nothing left behind.

    No transaction is open and no row locked while the provider answers, so a
    slow provider never makes another buyer of the same size wait (PRD-1,
    PAY-5). A 3-D Secure card raises `AuthenticationRequired` with the
    challenge's URL: the stock stays reserved until the buyer comes back
    (`return_url(key)` is where the challenge sends them), the provider's
    webhook arrives, or the deadline passes. A second submit of the same
    checkout joins the first attempt: one authorisation, one order.
    """
    reserved = _reserve(
        checkout, accepted_terms=accepted_terms, reviewed=reviewed, language=language
    )
    if isinstance(reserved, Order):
        return reserved
    answer = ask_provider(reserved, return_url(reserved.idempotency_key) if return_url else "")
    return settle(reserved, answer)


def _reserve(
    checkout: Checkout, *, accepted_terms: bool, reviewed: str | None, language: str | None
) -> "PaymentAttempt | Order":
    """Step 1, one short transaction: check, price, allocate, record the pending attempt.

    Lock the checkout (a second submit waits here, then finds the first order or
    joins the first attempt); price the basket and refuse it if it is not what
    the buyer reviewed (`reviewed`: the review page's fingerprint); check the
    buyer's limits, counting what their pending attempts hold (PRD-2, PRD-3);
    allocate every line with a conditional UPDATE (PRD-1). Any refusal rolls
    all of it back.
    """
    language = language or get_language() or "en"
    with transaction.atomic():
        locked = Checkout.objects.select_for_update().get(pk=checkout.pk)
        if locked.order_id is not None:
            return Order.objects.get(pk=locked.order_id)
        if not accepted_terms:
            raise TermsNotAccepted(_("Please accept the terms of sale to place your order."))
        if pending := locked.attempts.filter(status=PaymentAttempt.Status.PENDING).first():
            return pending
        if is_expired(locked):
            raise CheckoutExpired(
                _("Your checkout has expired. Please check your basket and start again.")
            )
        if not is_ready(locked):
            raise StepsMissing(_("Some checkout steps are missing. Please complete them."))
        priced = review(locked, language=language)
        _refuse_unsold(priced, locked.market)
        if not priced.lines:
            raise BasketEmpty(_("Your basket is empty."))
        if reviewed is not None and reviewed != priced.fingerprint:
            raise ReviewChanged(
                _(
                    "Your order has changed since you reviewed it; its total is now %(total)s. "
                    "Please review it again."
                )
                % {"total": priced.total.format(get_language() or "en")}
            )
        wanted = {line.variant_id: line.quantity for line in priced.lines}
        limits.check_buyer(
            locked.customer_id,
            locked.email,
            wanted,
            holding=lambda: held_by(locked.customer_id, locked.email),
        )
        _allocate(priced)
        number = locked.attempts.count() + 1
        now = clock.now()
        return PaymentAttempt.objects.create(
            checkout=locked,
            number=number,
            idempotency_key=f"authorize-{locked.token}-{number}",
            amount_minor=priced.total.minor,
            currency=priced.total.currency,
            reservation=sorted([line.variant_id, line.quantity] for line in priced.lines),
            fingerprint=priced.fingerprint,
            language=language,
            customer_id=locked.customer_id,
            email=locked.email,
            card_token=locked.card_token,
            card_brand=locked.card_brand,
            card_last4=locked.card_last4,
            created_at=now,
            deadline=now + POLICY.payment_hold,
        )


def held_by(customer_id: int | None, email: str) -> dict[int, int]:
    """Units this buyer's pending attempts hold, by variant: they count against a limit."""
    held: dict[int, int] = {}
    for reservation in PaymentAttempt.objects.filter(
        limits.same_buyer(customer_id, email), status=PaymentAttempt.Status.PENDING
    ).values_list("reservation", flat=True):
        for variant_id, quantity in reservation:
            held[variant_id] = held.get(variant_id, 0) + quantity
    return held


def ask_provider(attempt: PaymentAttempt, return_url: str = "") -> ProviderResult | None:
    """Step 2: the provider's answer, asked with no transaction open and no row locked."""
    return payments.ask_authorisation(
        attempt.card_token,
        Money(attempt.amount_minor, attempt.currency),
        attempt.idempotency_key,
        return_url,
    )


class PaymentPending(CheckoutRefused):
    """The provider has not answered yet; the stock stays reserved until it does."""

    code = "payment_pending"


class AuthenticationRequired(CheckoutRefused):
    """3-D Secure: the buyer must answer their bank's challenge at `challenge_url`."""

    code = "authentication_required"

    def __init__(self, message: str, challenge_url: str):
        super().__init__(message)
        self.challenge_url = challenge_url


def refusal(code: str, provider_code: str = "") -> CheckoutRefused:
    """The refusal a failed attempt answers with, in the shopper's language."""
    if code in {"payment_declined", "payment_unavailable"}:
        known = "unavailable" if code == "payment_unavailable" else provider_code
        return PaymentFailed(str(payments.PaymentRefused(known).message), code=code)
    messages = {
        "authentication_failed": _(
            "Your bank could not confirm that this payment is yours (3-D Secure). "
            "Nothing was charged; please try again or use another card."
        ),
        "payment_expired": _(
            "Your payment was not confirmed in time, so the items reserved for you went back "
            "on sale. Nothing was charged; please check your basket and try again."
        ),
        "review_changed": _(
            "Your basket changed while your payment was being confirmed. Nothing was "
            "charged; please review your order again."
        ),
        "order_not_recorded": _(
            "We could not record your order. Nothing will be charged; please try again."
        ),
    }
    return PaymentFailed(messages.get(code, messages["order_not_recorded"]), code=code)


def settle(attempt: PaymentAttempt, answer: ProviderResult | None, *, event: str = "") -> Order:
    """Step 3, a second short transaction: the provider's answer becomes an order, or not.

    The attempt's row is locked, so the buyer's return, the provider's webhook
    and the settle job, arriving together, confirm the order exactly once: the
    first records it, the others find it. Declined, failed authentication, or
    unanswered: the reservation is released and the refusal raised. An approval
    for an attempt already given up is voided. `event`: the provider's
    notification id, kept in the same transaction so a replay is refused.
    """
    void = False
    try:
        with transaction.atomic():
            if event:
                webhooks.remember(payments.provider().name, event)
            locked = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
            outcome = _settle_locked(locked, answer)
            void = answer is not None and answer.approved and locked.status != locked.Status.ORDERED
    except webhooks.WebhookRefused:
        raise
    except Exception:
        # Authorised, but the order could not be written: give the stock back
        # and void, or leave both to the settle job if even that fails.
        logger.exception("could not record the order of %s", attempt.idempotency_key)
        _give_up(attempt, "order_not_recorded", answer)
        raise refusal("order_not_recorded") from None
    if void:
        _void(attempt, answer.reference)
    if isinstance(outcome, Order):
        return outcome
    raise outcome


def _settle_locked(locked: PaymentAttempt, answer: ProviderResult | None):
    """The order, or the refusal to raise once the transaction is committed."""
    if locked.status == locked.Status.ORDERED:
        return Order.objects.get(pk=locked.order_id)
    if locked.status == locked.Status.FAILED:
        return refusal(locked.refusal_code, locked.provider_code)
    if answer is None:
        _fail(locked, "payment_unavailable", answer_known=False)
    elif answer.action_required:
        if locked.challenge_url != answer.action_url:
            locked.challenge_url = answer.action_url
            locked.save(update_fields=["challenge_url"])
        return AuthenticationRequired(
            _("Your bank asks you to confirm this payment."), answer.action_url
        )
    elif not answer.approved:
        failed = "authentication_failed" if answer.code == "authentication_failed" else None
        _fail(locked, failed or "payment_declined", provider_code=answer.code)
    else:
        return _confirm(locked, answer)
    return refusal(locked.refusal_code, locked.provider_code)


def _confirm(locked: PaymentAttempt, answer: ProviderResult) -> Order | CheckoutRefused:
    checkout = Checkout.objects.select_for_update().filter(pk=locked.checkout_id).first()
    if checkout is None:
        # The buyer's account was erased meanwhile: no order, the hold is voided.
        _fail(locked, "order_not_recorded")
        return refusal("order_not_recorded")
    priced = review(checkout, language=locked.language)
    if priced.fingerprint != locked.fingerprint:
        _fail(locked, "review_changed")
        return refusal("review_changed")
    card = CardToken(locked.card_token, locked.card_brand, locked.card_last4)
    amount = Money(locked.amount_minor, locked.currency)
    payment = payments.record_authorisation(card, amount, locked.idempotency_key, answer)
    order = _record(checkout, priced, payment, locked.language)
    locked.status, locked.order, locked.settled_at = locked.Status.ORDERED, order, clock.now()
    locked.challenge_url = ""
    locked.save(update_fields=["status", "order", "settled_at", "challenge_url"])
    return order


def _fail(
    locked: PaymentAttempt, code: str, *, provider_code: str = "", answer_known: bool = True
) -> None:
    """Give the reserved stock back and mark the attempt failed, in the caller's transaction."""
    for variant_id, quantity in locked.reservation:
        inventory.release(variant_id, quantity)
    locked.status, locked.refusal_code, locked.provider_code = (
        locked.Status.FAILED,
        code,
        provider_code,
    )
    locked.answer_known, locked.settled_at, locked.challenge_url = answer_known, clock.now(), ""
    locked.save(
        update_fields=[
            "status",
            "refusal_code",
            "provider_code",
            "answer_known",
            "settled_at",
            "challenge_url",
        ]
    )


def _give_up(attempt: PaymentAttempt, code: str, answer: ProviderResult | None) -> None:
    """Release a still-pending attempt and void what the provider authorised for it.

    A void the provider did not take is left to the settle job, which asks again.
    """
    with transaction.atomic():
        locked = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status != locked.Status.PENDING:
            return
        _fail(locked, code)
    if answer is not None and answer.approved and not _void(attempt, answer.reference):
        PaymentAttempt.objects.filter(pk=attempt.pk).update(answer_known=False)


def attempt_by_key(key: str) -> PaymentAttempt | None:
    return PaymentAttempt.objects.filter(idempotency_key=key).first()


def payment_answered(attempt: PaymentAttempt, *, event: str = "") -> Order:
    """The buyer came back from the challenge, or the provider notified: ask, then settle."""
    try:
        answer = payments.look_up(attempt.idempotency_key)
    except ProviderUnavailable:
        answer = None
    if answer is None:
        raise PaymentPending(
            _("Your payment is still being confirmed. Please try again in a moment.")
        )
    return settle(attempt, answer, event=event)


def settle_pending_attempts() -> dict:
    """Settle what a crash, a lost answer or an unfinished challenge left (PAY-5, PRD-1).

    Attempts still pending past their deadline and its grace: the provider is
    asked by key, then the order is confirmed, or the stock released and any
    authorisation voided. Attempts given up without the provider's final
    word: any authorisation it gave is voided. Safe to run twice or beside itself.
    """
    counts = {"ordered": 0, "released": 0, "voided": 0, "unanswered": 0}
    overdue = clock.now() - POLICY.payment_answer_grace
    pending = PaymentAttempt.objects.filter(
        status=PaymentAttempt.Status.PENDING, deadline__lt=overdue
    )
    given_up = PaymentAttempt.objects.filter(
        status=PaymentAttempt.Status.FAILED, answer_known=False
    )
    for attempts, settle_one in ((pending, _settle_overdue), (given_up, _void_given_up)):
        for attempt in attempts:
            try:
                answer = payments.look_up(attempt.idempotency_key)
            except ProviderUnavailable:
                counts["unanswered"] += 1
                continue
            if outcome := settle_one(attempt, answer):
                counts[outcome] += 1
    return counts


def _settle_overdue(attempt: PaymentAttempt, answer: ProviderResult | None) -> str:
    if answer is None or answer.action_required:
        # Never received, or a challenge left unanswered: close it and release.
        if answer is not None:
            _void(attempt, answer.reference)
        _give_up(attempt, "payment_expired", None)
        return "released"
    try:
        settle(attempt, answer)
    except CheckoutRefused:
        return "released"
    return "ordered"


def _void_given_up(attempt: PaymentAttempt, answer: ProviderResult | None) -> str:
    voided = ""
    if answer is not None and answer.reference:
        if not _void(attempt, answer.reference):
            return ""  # the provider did not answer: next run
        voided = "voided"
    PaymentAttempt.objects.filter(pk=attempt.pk).update(answer_known=True)
    return voided


def _void(attempt: PaymentAttempt, reference: str) -> bool:
    """Void the attempt's authorisation, under one key per attempt: asking twice voids once."""
    return payments.void_authorisation(reference, f"void-{attempt.idempotency_key}")


def placed_order(checkout: Checkout) -> Order:
    return Order.objects.get(pk=checkout.order_id)


def is_ready(checkout: Checkout) -> bool:
    """Every step done: details, delivery and payment (the review page may show)."""
    return bool(checkout.has_details and checkout.delivery_method_id and checkout.has_payment)
