"""A member's messages to customer service: in their download, deleted with their account.

A member's tickets are those written with the account's email, or about one
of the member's orders. Nothing in them is kept by law: erasing the account
deletes them (GDPR article 17); a claim one of them became stays, with its
order, blanked by `aftersales.personal_data`.
"""

from django.db.models import Q

from maison.orders.models import Order

from .models import Ticket


def tickets_of(email: str, orders: list[Order]):
    return Ticket.objects.filter(Q(email__iexact=email) | Q(order__in=orders))


def references(email: str, orders: list[Order]) -> list[str]:
    """What the emails about these tickets (acknowledgment, answer) are filed under."""
    return [ticket.reference for ticket in tickets_of(email, orders)]


def export(email: str, orders: list[Order]) -> list[dict]:
    return [
        {
            "number": ticket.pk,
            "received_at": ticket.received_at,
            "name": ticket.name,
            "email": ticket.email,
            "topic": ticket.topic,
            "order_number": ticket.order_number,
            "message": ticket.message,
            "answer": ticket.answer,
            "answered_at": ticket.answered_at,
        }
        for ticket in tickets_of(email, orders).order_by("received_at")
    ]


def erase(email: str, orders: list[Order]) -> None:
    """Delete the member's tickets; the caller holds the transaction."""
    tickets_of(email, orders).delete()
