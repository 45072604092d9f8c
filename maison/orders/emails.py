"""How order emails are filled when sent (see `maison.notifications.rendering`).

The order's own link carries its access key, which opens the order to whoever
holds it: it goes into the message sent to the buyer and nowhere else.
"""

from django.conf import settings

from maison.notifications.rendering import register
from maison.shipping import periods
from maison.terms.policy import POLICY

from .models import Order, Refund, Shipment


def _order(context: dict) -> dict:
    order = Order.objects.get(number=context["order"])
    return {"order": order, "lines": list(order.lines.all())}


def _order_link(variables: dict) -> dict[str, str]:
    # Reversed in the email's language (the active one), so the page opens in it.
    return {"order_url": settings.MAISON_BASE_URL + variables["order"].get_absolute_url()}


def _shipment(context: dict) -> dict:
    """A parcel: its lines, carrier and tracking link, and what it charged (ORD-8, DEL-3)."""
    variables = _order(context)
    shipment = Shipment.objects.select_related("order").get(
        pk=context["shipment"], order=variables["order"]
    )
    variables["shipment"] = shipment
    variables["shipped_lines"] = list(shipment.lines.select_related("order_line"))
    if shipment.delivered_on:
        # The same last day as the withdrawal form enforces, extended past holidays (RET-1).
        variables["withdraw_until"] = periods.buyer_period_end(
            shipment.delivered_on, days=POLICY.withdrawal_days
        )
    return variables


def _refund(context: dict) -> dict:
    variables = _order(context)
    refund = Refund.objects.get(pk=context["refund"], order=variables["order"])
    lines = {line.pk: line for line in variables["lines"]}
    variables["refund"] = refund
    variables["cancelled_lines"] = [
        (lines[int(line_id)], count) for line_id, count in refund.units.items()
    ]
    return variables


def _cancelled(context: dict) -> dict:
    variables = _order(context)
    variables["grounds"] = context.get("grounds", "other")
    return variables


register("order_acknowledgment", load=_order, secret_links=_order_link)
register("order_shipped", load=_shipment, secret_links=_order_link)
register("order_delivered", load=_shipment, secret_links=_order_link)
register("order_returned_to_sender", load=_shipment, secret_links=_order_link)
register("order_items_unavailable", load=_refund, secret_links=_order_link)
register("order_refunded", load=_refund, secret_links=_order_link)
register("order_cancelled", load=_cancelled, secret_links=_order_link)
