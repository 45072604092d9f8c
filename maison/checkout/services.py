"""From basket to placed order (ORD-3 to ORD-7, PRD-1, PAY-1)."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import get_language, override
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
from maison.orders.models import Order
from maison.orders.services import LineDraft, OrderDraft, record_event, record_order
from maison.payments import services as payments
from maison.payments.providers.base import CardToken
from maison.refusals import Refused
from maison.shipping.delivery import DeliveryQuote, quote
from maison.shipping.models import DeliveryMethod
from maison.terms.policy import POLICY

from .models import Checkout


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
    """An erased member's open checkouts go: they hold the addresses typed (ACC-6)."""
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
        "Order placed; payment authorised.",
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
) -> Order:
    """Place the order in one transaction, or refuse it and leave nothing behind.

    Steps: lock the checkout (a second submit waits here, then finds the first
    order); price the basket and refuse it if it is not what the buyer
    reviewed (`reviewed` is the review page's fingerprint: lines, prices,
    delivery, addresses); allocate every line with a conditional UPDATE
    (PRD-1); authorise the whole price (PAY-1, PAY-5); record the order, its
    first event and its acknowledgment email (ORD-6, DATA-3). Any refusal rolls
    all of it back: no order, no allocation, no email; an authorisation
    already given is voided if what follows it fails. The order is in
    `language` (the shopper's by default): its names, emails and pages.
    """
    language = language or get_language() or "en"
    with transaction.atomic():
        locked = Checkout.objects.select_for_update().get(pk=checkout.pk)
        if locked.order_id is not None:
            return Order.objects.get(pk=locked.order_id)
        if not accepted_terms:
            raise TermsNotAccepted(_("Please accept the terms of sale to place your order."))
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
        limits.check_buyer(locked.customer_id, locked.email, wanted)
        _allocate(priced)
        card = CardToken(locked.card_token, locked.card_brand, locked.card_last4)
        # One key per checkout, card and amount: a retry replays, a new card is a new try.
        attempt = f"{locked.token}:{locked.card_token}:{priced.total.minor}"
        key = "authorize-" + hashlib.sha256(attempt.encode()).hexdigest()[:48]
        try:
            payment = payments.authorize(card, priced.total, idempotency_key=key)
        except payments.PaymentRefused as refusal:
            raise PaymentFailed(str(refusal.message)) from refusal
        try:
            return _record(locked, priced, payment, language)
        except BaseException:
            payments.release(payment, idempotency_key=f"void-{key}")
            raise


def placed_order(checkout: Checkout) -> Order:
    return Order.objects.get(pk=checkout.order_id)


def is_ready(checkout: Checkout) -> bool:
    """Every step done: details, delivery and payment (the review page may show)."""
    return bool(checkout.has_details and checkout.delivery_method_id and checkout.has_payment)
