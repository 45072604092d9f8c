"""How order emails are filled when sent (see `maison.notifications.rendering`).

The order's own link carries its access key, which opens the order to whoever
holds it: it goes into the message sent to the buyer and nowhere else.
"""

from django.conf import settings

from maison.notifications.rendering import register

from .models import Order


def _order(context: dict) -> dict:
    order = Order.objects.get(number=context["order"])
    return {"order": order, "lines": list(order.lines.all())}


def _order_link(variables: dict) -> dict[str, str]:
    # Reversed in the email's language (the active one), so the page opens in it.
    return {"order_url": settings.MAISON_BASE_URL + variables["order"].get_absolute_url()}


register("order_acknowledgment", load=_order, secret_links=_order_link)
