"""What of an order has reached its buyer: the start of every after-sales period (DEL-3).

The order's `delivered_at` is set by `orders.shipments.mark_delivered` when its
last parcel arrives: the withdrawal period runs from the delivery of the last
shipment (Consumer Rights Directive, art. 9(2)(b)). Units of a parcel already
delivered may be withdrawn before that: the period has begun for nothing yet,
so it cannot have ended.
"""

from datetime import datetime

from maison.orders.models import Order, OrderLine


def last_delivery(order: Order) -> datetime | None:
    """When the last parcel of the order was delivered; None while any is on its way."""
    return order.delivered_at


def delivered_quantity(line: OrderLine) -> int:
    return line.quantity_delivered
