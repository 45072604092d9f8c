"""What the buyer's pages and the back office read about returns and claims."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Prefetch, Q

from maison.catalog.models import Variant
from maison.markets.models import Market
from maison.markets.pricing import variant_prices
from maison.orders.models import Order, OrderLine, Refund
from maison.orders.queues import DUE_SOON, OVERDUE, refund_due

from .models import Claim, Return, ReturnLine


def returns_of(order: Order) -> list[Return]:
    lines = ReturnLine.objects.select_related("order_line", "exchange_for")
    return list(order.returns.prefetch_related(Prefetch("lines", queryset=lines)))


def claims_of(order: Order) -> list[Claim]:
    return list(order.claims.select_related("order_line"))


def return_of(order: Order, return_id: int) -> Return | None:
    return next((ret for ret in returns_of(order) if ret.pk == return_id), None)


# A return is finished once refunded, refused as late, or closed; a claim once answered.
RETURN_FINISHED = (Return.State.REFUNDED, Return.State.REFUSED_LATE, Return.State.CLOSED)
CLAIM_FINISHED = (Claim.State.RESOLVED, Claim.State.DECLINED)


def unfinished_of(user) -> list[str]:
    """The references of the member's returns and claims the house has not finished.

    A return is unfinished until its refund is paid (RET-4), or it is refused
    or closed; one closed with an exchange still to send, or a refund of its
    own still due, is unfinished too. A claim is unfinished until it is
    resolved or declined (RET-5, RET-6). Their withdrawal window may be long
    over: the house still owes the buyer something, and must reach them (ACC-6).
    """
    exchange_to_send = ReturnLine.objects.filter(
        ret=OuterRef("pk"),
        outcome=ReturnLine.Outcome.ACCEPTED,
        exchange_for__isnull=False,
        exchange_unavailable=False,
    )
    returns = (
        Return.objects.filter(order__customer=user)
        .filter(
            ~Q(state__in=RETURN_FINISHED)
            | Q(refund__state=Refund.State.DUE)
            | Q(Exists(exchange_to_send), exchange_shipped_at__isnull=True)
        )
        .order_by("pk")
    )
    claims = (
        Claim.objects.filter(order__customer=user).exclude(state__in=CLAIM_FINISHED).order_by("pk")
    )
    return [ret.reference for ret in returns] + [claim.reference for claim in claims]


def member_returns(user) -> list[Return]:
    lines = ReturnLine.objects.select_related("order_line", "exchange_for")
    return list(
        Return.objects.filter(order__customer=user)
        .select_related("order")
        .prefetch_related(Prefetch("lines", queryset=lines))
    )


def member_claims(user) -> list[Claim]:
    return list(Claim.objects.filter(order__customer=user).select_related("order", "order_line"))


def exchange_options(order: Order, line: OrderLine) -> list[Variant]:
    """Other sizes and colours of the line's product, in stock, at the price the buyer paid."""
    market = Market.objects.filter(country=order.market_country).first()
    if line.variant is None or market is None:
        return []
    variants = list(
        Variant.objects.filter(
            product_id=line.variant.product_id, stock__on_hand__gt=F("stock__allocated")
        )
        .exclude(pk=line.variant_id)
        .order_by("colour", "size")
    )
    prices = variant_prices(variants, market)
    return [v for v in variants if v.pk in prices and prices[v.pk].minor == line.unit_price_minor]


@dataclass(frozen=True)
class RefundsDue:
    due_soon: list[Return]
    overdue: list[Return]


def refunds_due(today: date) -> RefundsDue:
    """Returns received and not refunded, by due date: due within the alert days, or late.

    A return is in this list from its arrival, before its inspection records
    the refund in the order's refund-due queue, so that a slow inspection
    cannot make a refund late unnoticed (RET-4).
    """
    return RefundsDue(
        due_soon=list(returns_refund_due(DUE_SOON, today)),
        overdue=list(returns_refund_due(OVERDUE, today)),
    )


def returns_refund_due(which: str, today: date):
    """Returns waiting for their refund, due soon or overdue by the store's one rule (`queues`)."""
    return Return.objects.filter(
        refund_due("refund_due_on", which, today),
        state__in=[Return.State.RECEIVED, Return.State.INSPECTED],
    ).select_related("order")
