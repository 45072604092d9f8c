"""How after-sales emails are filled when sent (see `maison.notifications.rendering`).

Each email links the order page, whose address carries the order's access
key: built at send time into the message sent, never kept.
"""

from django.conf import settings

from maison.notifications.rendering import register
from maison.orders.models import Refund
from maison.terms import policy

from .amounts import refund_for
from .models import Claim, Return


def _return(context: dict) -> dict:
    ret = Return.objects.select_related("order").get(pk=context["return"])
    return {
        "ret": ret,
        "order": ret.order,
        "lines": list(ret.lines.select_related("order_line", "exchange_for")),
        "returns_address": policy.POLICY.returns_address,
        "refund": refund_for(ret),
    }


def _exchange_refund(context: dict) -> dict:
    refund = Refund.objects.get(pk=context["refund"])
    return {**_return(context), "refund_amount": refund.amount, "refund_due_on": refund.due_on}


def _claim(context: dict) -> dict:
    claim = Claim.objects.select_related("order", "order_line").get(pk=context["claim"])
    return {"claim": claim, "order": claim.order}


def _order_link(variables: dict) -> dict[str, str]:
    return {"order_url": settings.MAISON_BASE_URL + variables["order"].get_absolute_url()}


for template in [
    "return_instructions",
    "return_sent",
    "return_received",
    "return_inspected",
    "return_refused_late",
    "return_closed",
    "return_refunded",
    "exchange_shipped",
    "exchange_delivered",
]:
    register(template, load=_return, secret_links=_order_link)
register("exchange_unavailable", load=_exchange_refund, secret_links=_order_link)
for template in ["claim_recorded", "claim_updated"]:
    register(template, load=_claim, secret_links=_order_link)
