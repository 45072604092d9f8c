"""What after-sales holds about a buyer: in their download, and erased with their account.

Returns and claims are kept with the orders they belong to (the law keeps
those for years), but what the buyer wrote in them (a return's reason, a
claim's description) and what staff answered are personal data: they go into
the member's download (GDPR article 15, ACC-6) and are blanked
when the account is erased (GDPR article 17).
"""

from maison.orders.models import Order

from .models import Claim, Return


def _returns(orders: list[Order]):
    return Return.objects.filter(order__in=orders).select_related("order")


def _claims(orders: list[Order]):
    return Claim.objects.filter(order__in=orders).select_related("order", "order_line")


def references(orders: list[Order]) -> list[str]:
    """What the emails about these orders' returns and claims are filed under."""
    return [ret.reference for ret in _returns(orders)] + [c.reference for c in _claims(orders)]


def export(orders: list[Order]) -> dict:
    """The returns and claims of these orders, as their buyer may download them."""
    returns = _returns(orders).prefetch_related("lines__order_line", "lines__exchange_for")
    return {
        "returns": [
            {
                "reference": ret.reference,
                "order": ret.order.number,
                "state": ret.state,
                "notified_at": ret.notified_at,
                "channel": ret.channel,
                "reason": ret.reason,
                "sent_on": ret.sent_on,
                "received_on": ret.received_on,
                "refunded_minor": ret.refunded_minor,
                "lines": [
                    {
                        "sku": line.order_line.sku,
                        "quantity": line.quantity,
                        "exchange_for": line.exchange_for.sku if line.exchange_for else None,
                        "inspection": line.outcome,
                        "inspection_note": line.note,
                    }
                    for line in ret.lines.all()
                ],
            }
            for ret in returns
        ],
        "claims": [
            {
                "reference": claim.reference,
                "order": claim.order.number,
                "sku": claim.order_line.sku if claim.order_line else None,
                "kind": claim.kind,
                "state": claim.state,
                "made_at": claim.made_at,
                "channel": claim.channel,
                "description": claim.description,
                "discovered_on": claim.discovered_on,
                "resolution": claim.resolution,
                "resolved_at": claim.resolved_at,
            }
            for claim in _claims(orders)
        ],
    }


def erase(orders: list[Order]) -> None:
    """Blank what the buyer wrote, and what staff answered, on these orders' returns and claims.

    The returns and claims stay, with their dates, states and amounts: they
    are part of the orders the house must keep. The caller holds the transaction.
    """
    _returns(orders).update(reason="")
    _claims(orders).update(description="", resolution="")
