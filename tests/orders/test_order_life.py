"""An order's whole life on a clock the test holds: place, process, ship in two parts, deliver."""

from datetime import date

import pytest

from maison import clock
from maison.inventory.models import Stock
from maison.orders import lifecycle, shipments
from maison.orders.models import Order, Shipment
from maison.payments.models import PaymentTransaction
from maison.payments.providers.testing import TestProviderOperation
from tests import factories

from .helpers import capture_answer_lost_once, emails, paris, place, templates


@pytest.fixture
def two_lines(store):
    """A shirt at 120.00 EUR bought twice and a scarf at 85.00 EUR, sent express (19.00 EUR)."""
    shirt = factories.variant(price_minor=120_00, stock=5)
    scarf = factories.variant(price_minor=85_00, stock=3)
    order = place([(shirt, 2), (scarf, 1)], at=paris(2026, 3, 2, 10, 0))
    return order, shirt, scarf


def test_a_full_life_captures_the_order_total_to_the_cent_in_two_shipments(two_lines):
    # proves: PAY-2, PRC-6, DEL-3, ORD-8, DATA-2, DATA-3, PAY-3
    order, shirt, scarf = two_lines
    shirt_line, scarf_line = order.lines.order_by("id")
    # Products 2 × 120.00 + 85.00 = 325.00; express 19.00; total 344.00 EUR.
    assert order.total_minor == 344_00
    assert order.status == Order.Status.PLACED

    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse@orvane.example")
        order.refresh_from_db()
        assert order.status == Order.Status.PROCESSING
        # First parcel: one shirt, 120.00, and its share of the delivery, rounded
        # down: 19.00 × 120.00 / 325.00 = 7.0153... → 7.01. Charged 127.01.
        first = shipments.ship(
            order,
            {shirt_line.pk: 1},
            carrier="colissimo",
            tracking_number="6A 1234 5678 9012",
            actor="warehouse@orvane.example",
        )
    order.refresh_from_db()
    assert first.amount_minor == 127_01
    assert order.payment.captured_minor == 127_01
    assert order.status == Order.Status.PARTIALLY_SHIPPED
    assert order.contract_concluded_at == paris(2026, 3, 3, 9, 0)

    with clock.travel_to(paris(2026, 3, 5, 15, 0)):
        # The last parcel takes the rest: the second shirt and the scarf,
        # 205.00, and the delivery left, 19.00 - 7.01 = 11.99. Charged 216.99.
        second = shipments.ship(
            order,
            {shirt_line.pk: 1, scarf_line.pk: 1},
            carrier="chronopost",
            tracking_number="XY123456789FR",
            actor="warehouse@orvane.example",
        )
    order.refresh_from_db()
    assert second.amount_minor == 216_99
    # 127.01 + 216.99 = 344.00: the whole order, nothing left authorised.
    assert order.payment.captured_minor == 344_00
    assert order.payment.released_minor == 0
    assert order.status == Order.Status.SHIPPED
    # The contract was concluded with the first shipment email, and stays so.
    assert order.contract_concluded_at == paris(2026, 3, 3, 9, 0)
    captures = PaymentTransaction.objects.filter(kind="capture", succeeded=True)
    assert sorted(c.amount_minor for c in captures) == [127_01, 216_99]
    assert Stock.objects.get(variant=shirt).on_hand == 3
    assert Stock.objects.get(variant=shirt).allocated == 0

    with clock.travel_to(paris(2026, 3, 9, 11, 0)):
        shipments.mark_delivered(first, delivered_on=date(2026, 3, 6), actor="carrier feed")
        order.refresh_from_db()
        assert order.status == Order.Status.SHIPPED
        assert order.delivered_at is None
        shipments.mark_delivered(second, delivered_on=date(2026, 3, 9), actor="carrier feed")
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert order.delivered_at == paris(2026, 3, 9, 11, 0)

    assert templates(order) == [
        "order_acknowledgment",
        "order_shipped",
        "order_shipped",
        "order_delivered",
        "order_delivered",
    ]
    first_email, second_email = emails(order, "order_shipped")
    assert "Colissimo" in first_email
    assert "https://www.laposte.fr/outils/suivre-vos-envois?code=6A123456789012" in first_email
    assert "charged €127.01 for this parcel" in first_email
    assert "the contract of sale was concluded on March 3, 2026" in first_email
    assert "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLV=XY123456789FR" in (
        second_email
    )
    assert "charged €216.99" in second_email
    # The withdrawal period runs 14 days from the last delivery, 9 March.
    assert "withdraw from the purchase until March 23, 2026" in emails(order, "order_delivered")[-1]
    kinds = list(order.events.values_list("kind", "actor"))
    assert ("processed", "warehouse@orvane.example") in kinds
    assert kinds.count(("shipped", "warehouse@orvane.example")) == 2
    assert ("delivered", "carrier feed") in kinds


def test_the_shipment_email_reads_in_french_for_a_french_order(two_lines):
    # proves: ORD-8
    order, _, _ = two_lines
    order.language = "fr"
    order.save()
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse")
        shipments.ship(
            order,
            {line.pk: line.quantity for line in order.lines.all()},
            carrier="colissimo",
            tracking_number="6A12345678901",
            actor="warehouse",
        )
    (text,) = emails(order, "order_shipped")
    assert "contrat de vente a été conclu le 3 mars 2026" in text
    assert "344,00" in text


def test_a_capture_that_timed_out_after_charging_charges_once_when_retried(two_lines, monkeypatch):
    # proves: PAY-5, PAY-2, DEL-3
    order, _, _ = two_lines
    everything = {line.pk: line.quantity for line in order.lines.all()}
    capture_answer_lost_once(monkeypatch)
    ship = {"carrier": "ups", "tracking_number": "1Z999AA10123456784", "actor": "warehouse"}
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse")
        with pytest.raises(lifecycle.OrderRefused) as refusal:
            shipments.ship(order, everything, **ship)
    assert refusal.value.code == "capture_pending"
    order.refresh_from_db()
    # The provider charged, the store does not know yet: nothing recorded, nothing shipped.
    assert order.payment.captured_minor == 0
    pending = order.shipments.get()
    assert pending.state == Shipment.State.CAPTURING
    # A parcel not yet shipped cannot be delivered.
    with pytest.raises(lifecycle.OrderRefused) as early:
        shipments.mark_delivered(pending, delivered_on=date(2026, 3, 3), actor="carrier feed")
    assert early.value.code == "transition_not_allowed"

    with clock.travel_to(paris(2026, 3, 3, 9, 5)):
        shipped = shipments.ship(order, everything, **ship)
    order.refresh_from_db()
    assert shipped.state == Shipment.State.SHIPPED
    assert order.payment.captured_minor == 344_00
    assert TestProviderOperation.objects.filter(kind="capture", approved=True).count() == 1
    assert templates(order).count("order_shipped") == 1
