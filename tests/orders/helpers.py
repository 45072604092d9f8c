"""Orders placed through the real checkout, on a clock the test holds, and their emails."""

from datetime import datetime
from zoneinfo import ZoneInfo

from maison import clock
from maison.checkout import services as checkout
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
from tests import factories

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def place(lines, *, at: datetime, method="express", email="camille@example.com", **kwargs):
    """Place an order of [(variant, quantity)] at a given instant, as a shopper would."""
    with clock.travel_to(at):
        ready = factories.ready_checkout(lines, method=method, email=email, **kwargs)
        return checkout.place_order(ready, accepted_terms=True)


def emails(order, template: str, language: str | None = None) -> list[str]:
    """The text of each `template` email queued for the order, as the buyer receives it."""
    queued = OutboxEmail.objects.filter(reference=order.number, template=template).order_by("id")
    return [render(q.template, q.context, language or q.language).to_send.text for q in queued]


def templates(order) -> list[str]:
    return list(
        OutboxEmail.objects.filter(reference=order.number)
        .order_by("id")
        .values_list("template", flat=True)
    )
