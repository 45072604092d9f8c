"""What an order page shows of its returns and claims, for a member or a guest (ACC-5)."""

from django.urls import reverse

from maison import clock
from maison.aftersales import queries, services
from maison.aftersales.delivered import delivered_quantity


def urls(order, member: bool) -> dict:
    """Where this order's pages are, for a member or through the guest link."""
    if member:
        args = [order.number]
        names = ("account-order", "account-withdraw", "account-claim")
    else:
        args = [order.number, order.access_key]
        names = ("order", "withdraw", "claim")
    order_url, withdraw_url, claim_url = (reverse(f"storefront:{n}", args=args) for n in names)
    return {
        "order_url": order_url,
        "withdraw_url": withdraw_url,
        "claim_url": claim_url,
        "return_url": lambda ret: reverse(
            "storefront:account-return" if member else "storefront:return",
            args=[*args, ret.pk],
        ),
    }


def after_sales(order, member: bool) -> dict:
    """What an order page shows of its returns and claims, and which forms it offers."""
    where = urls(order, member)
    returns = queries.returns_of(order)
    return {
        "returns": [(ret, where["return_url"](ret)) for ret in returns],
        "claims": queries.claims_of(order),
        "can_withdraw": services.can_withdraw(order, clock.now()),
        "withdrawal_last_day": services.window_closed_on(order),
        "can_claim": any(delivered_quantity(line) for line in order.lines.all()),
        "withdraw_url": where["withdraw_url"],
        "claim_url": where["claim_url"],
    }
