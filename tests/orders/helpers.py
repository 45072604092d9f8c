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


def capture_answer_lost_once(monkeypatch) -> None:
    """The provider charges the first capture but its answer never comes back."""
    from maison.payments.providers.base import ProviderUnavailable
    from maison.payments.providers.testing import TestProvider

    charge, lost = TestProvider.capture, []

    def charges_then_times_out(self, reference, amount, key):
        answer = charge(self, reference, amount, key)
        if not lost:
            lost.append(answer)
            raise ProviderUnavailable("the answer was lost on the way back")
        return answer

    monkeypatch.setattr(TestProvider, "capture", charges_then_times_out)
