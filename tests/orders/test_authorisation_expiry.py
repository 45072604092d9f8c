"""Card authorisations lapse after days: renewed before, or the order held (PAY-5)."""

import pytest

from maison import clock
from maison.alerts.models import StaffAlert
from maison.orders import authorisations, lifecycle, shipments
from maison.orders.models import Order
from maison.orders.tasks import reauthorise_expiring
from maison.payments.providers.base import ProviderResult
from maison.payments.providers.testing import TestProvider
from tests import factories

from .helpers import paris, place


@pytest.fixture
def waiting_order(store):
    """An order of 224.00 EUR placed on Monday 2 March 2026, processed, not shipped."""
    shirt = factories.variant(price_minor=120_00, stock=4)
    scarf = factories.variant(price_minor=85_00, stock=2)
    order = place([(shirt, 1), (scarf, 1)], at=paris(2026, 3, 2, 10, 0))
    with clock.travel_to(paris(2026, 3, 2, 11, 0)):
        lifecycle.process(order, actor="warehouse")
    return order


def _ship_all(order):
    return shipments.ship(
        order,
        {line.pk: line.quantity for line in order.lines.all()},
        carrier="colissimo",
        tracking_number="6A12345678901",
        actor="warehouse",
    )


def test_the_authorisation_expiry_is_recorded_and_nothing_ships_after_it(waiting_order):
    # proves: PAY-5, PAY-1
    order = waiting_order
    # Seven days after the authorisation of 2 March, 10:00.
    assert order.payment.authorisation_expires_at == paris(2026, 3, 9, 10, 0)
    with (
        clock.travel_to(paris(2026, 3, 9, 10, 1)),
        pytest.raises(lifecycle.OrderRefused) as refusal,
    ):
        _ship_all(order)
    assert refusal.value.code == "authorisation_expired"
    order.refresh_from_db()
    assert order.payment.captured_minor == 0
    assert not order.shipments.exists()


def test_an_expiring_authorisation_is_renewed_once_and_the_order_ships_on_it(waiting_order):
    # proves: PAY-5
    order = waiting_order
    first_reference = order.payment.reference
    # Day 5: not yet within two days of the end.
    with clock.travel_to(paris(2026, 3, 7, 9, 0)):
        assert reauthorise_expiring.call() == {"renewed": 0, "held": 0}
    with clock.travel_to(paris(2026, 3, 7, 11, 0)):
        assert reauthorise_expiring.call() == {"renewed": 1, "held": 0}
        assert reauthorise_expiring.call() == {"renewed": 0, "held": 0}
    order.refresh_from_db()
    assert order.payment.reference != first_reference
    assert order.payment.authorisation_expires_at == paris(2026, 3, 14, 11, 0)
    with clock.travel_to(paris(2026, 3, 12, 9, 0)):
        _ship_all(order)
    order.refresh_from_db()
    assert order.payment.captured_minor == 224_00
    assert order.status == Order.Status.SHIPPED
    assert order.events.filter(kind="reauthorised").count() == 1


def test_a_declined_reauthorisation_blocks_the_order_and_alerts_finance(waiting_order, monkeypatch):
    # proves: PAY-5, ORD-9
    order = waiting_order

    def card_cancelled_since(self, token, amount, key):
        return ProviderResult(False, "", "declined")

    monkeypatch.setattr(TestProvider, "authorize", card_cancelled_since)
    with clock.travel_to(paris(2026, 3, 8, 9, 0)):
        assert authorisations.reauthorise_expiring() == {"renewed": 0, "held": 1}
        authorisations.reauthorise_expiring()
    order.refresh_from_db()
    assert order.status == Order.Status.BLOCKED
    assert "could not be renewed" in order.blocked_reason
    alert = StaffAlert.objects.get()
    assert alert.role == "Finance"
    assert order.number in alert.subject


def test_a_back_office_in_french_reads_why_the_order_was_blocked_in_french(
    waiting_order, monkeypatch, settings
):
    # proves: PAY-5, SITE-6
    settings.LANGUAGE_CODE = "fr"
    order = waiting_order

    def card_cancelled_since(self, token, amount, key):
        return ProviderResult(False, "", "declined")

    monkeypatch.setattr(TestProvider, "authorize", card_cancelled_since)
    with clock.travel_to(paris(2026, 3, 8, 9, 0)):
        authorisations.reauthorise_expiring()
    order.refresh_from_db()
    assert order.blocked_reason == (
        "L'autorisation n'a pas pu être renouvelée : "
        "La carte a été refusée lors de la nouvelle demande d'autorisation. (declined)"
    )
    assert StaffAlert.objects.get().subject == (
        f"Commande {order.number} bloquée : l'autorisation de sa carte n'a pas pu être renouvelée"
    )
