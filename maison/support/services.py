"""Customer service tickets: received from the contact form, answered by staff (SITE-4)."""

from django.db import transaction
from django.utils.translation import gettext as _

from maison import clock
from maison.accounts.throttle import Limit
from maison.aftersales import claims
from maison.notifications.services import queue_email
from maison.orders import queries as order_queries
from maison.refusals import Refused
from maison.terms.policy import POLICY

from .models import Ticket

# Contact messages per IP address within the policy's window: a flood is refused.
CONTACT_PER_IP = Limit("contact-ip", POLICY.contact_messages_per_ip, POLICY.attempts_window)


class TicketRefused(Refused):
    code = "ticket_refused"


@transaction.atomic
def open_ticket(
    *,
    name: str,
    email: str,
    topic: str,
    message: str,
    order_number: str = "",
    ip: str,
    language: str = "en",
) -> Ticket:
    """Record a message to customer service and acknowledge it by email.

    The order is attached only if its number and email match; either way the
    answer is the same, so the form cannot be used to probe order numbers. A
    complaint about a product not as it should be, on a delivered order within
    14 days, is also recorded as a non-conformity claim (RET-5).
    """
    if not CONTACT_PER_IP.take(ip):
        raise TicketRefused(
            _("Too many messages. Please try again in a few minutes."), code="too_many_attempts"
        )
    order_number = order_number.strip().upper()
    order = order_queries.track(order_number, email) if order_number else None
    received_at = clock.now()
    claim = None
    if order is not None and topic == Ticket.Topic.DEFECT:
        claim = claims.complaint_from_contact(order, message, made_at=received_at)
    ticket = Ticket.objects.create(
        name=name,
        email=email,
        topic=topic,
        message=message,
        order_number=order_number,
        order=order,
        claim=claim,
        language=language,
        received_at=received_at,
    )
    queue_email(
        email,
        "ticket_received",
        {"name": name, "number": ticket.pk, "message": message},
        reference=ticket.reference,
        language=language,
    )
    return ticket


@transaction.atomic
def answer(ticket: Ticket, text: str, *, by) -> Ticket:
    """Staff answer a ticket; the answer goes to the customer by email, in their language."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    text = text.strip()
    if not text:
        raise TicketRefused(_("Please write an answer."), code="answer_empty", field="answer")
    ticket.answer = text
    ticket.answered_at = clock.now()
    ticket.answered_by = by
    ticket.state = Ticket.State.ANSWERED
    ticket.save(update_fields=["answer", "answered_at", "answered_by", "state"])
    queue_email(
        ticket.email,
        "ticket_answer",
        {"name": ticket.name, "number": ticket.pk, "message": ticket.message, "answer": text},
        reference=ticket.reference,
        language=ticket.language,
    )
    return ticket
