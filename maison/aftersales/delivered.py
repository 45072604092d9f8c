"""What of an order has reached its buyer: the start of every after-sales period (DEL-3).

Kept in one place so that the order's shipments, when it has several, change
only this module: the withdrawal period runs from the delivery of the last
shipment (Consumer Rights Directive, art. 9(2)(b)).
"""

from datetime import datetime

from maison.orders.models import Order, OrderLine


def last_delivery(order: Order) -> datetime | None:
    """When the last parcel of the order was delivered; None while any is on its way."""
    return order.delivered_at


def delivered_quantity(line: OrderLine) -> int:
    return line.quantity if line.order.delivered_at is not None else 0
