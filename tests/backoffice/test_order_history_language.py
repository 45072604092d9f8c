"""The order's history reads in the back office's language, whoever recorded it and how."""

import re

from maison import clock
from maison.orders.models import OrderEvent
from tests.orders.helpers import paris

from .desk import (
    FINANCE,
    SERVICE,
    WAREHOUSE,
    act,
    goodwill_refund_on_6_march,
    page_of,
    ship,
    staff,
    unescaped,
)


def timeline(page: str) -> list[str]:
    """The history as read: "who: what", one line per event, without its time."""
    lines = re.findall(r"<li><time [^>]+>[^<]+</time> — ([^<]+)</li>", page)
    return [unescaped(line) for line in lines]


def placed_blocked_released_shipped_delivered_refunded(order):
    """Every step taken by staff reading the back office in French, as they type their reasons."""
    service = staff(SERVICE, language="fr")
    warehouse = staff(WAREHOUSE, language="fr")
    finance = staff(FINANCE, language="fr")
    with clock.travel_to(paris(2026, 3, 2, 11, 0)):
        act(service, order, "block", reason="Paiement à vérifier")
        act(service, order, "release", reason="La banque a confirmé")
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        act(warehouse, order, "process")
        ship(warehouse, order, "6A12345678901", {line: line.quantity for line in order.lines.all()})
    parcel = order.shipments.get()
    with clock.travel_to(paris(2026, 3, 4, 16, 0)):
        act(warehouse, order, "mark_delivered", shipment=parcel.pk, delivered_on="2026-03-04")
    refund = goodwill_refund_on_6_march(order)  # 50.00, due on 20 March
    with clock.travel_to(paris(2026, 3, 7, 10, 0)):
        act(finance, order, "pay_refund", refund=refund.pk)
    return parcel


def test_the_history_reads_in_french_on_a_french_back_office_and_in_english_on_an_english_one(
    two_lines,
):
    # proves: SITE-6, DATA-2
    order, _shirt, _scarf = two_lines
    parcel = placed_blocked_released_shipped_delivered_refunded(order)
    service, warehouse = "customer@orvane.example", "warehouse@orvane.example"
    finance = "finance@orvane.example"

    # 2 × 120.00 + 85.00 + 19.00 of express delivery: 344.00, in one parcel.
    assert timeline(page_of(staff(SERVICE, language="fr"), order)) == [
        "acheteur : Commande passée ; paiement autorisé.",
        f"{service} : Bloquée : Paiement à vérifier",
        f"{service} : Débloquée. La banque a confirmé",
        f"{warehouse} : Disponibilité vérifiée ; en préparation.",
        f"{warehouse} : Colis {parcel.pk} emballé ; débit de 344,00\u00a0€.",
        f"{warehouse} : Expédié par Colissimo, 6A12345678901 ; 344,00\u00a0€ débités.",
        f"{warehouse} : Colis {parcel.pk} livré le 2026-03-04.",
        "système : Remboursement de 50,00\u00a0€ dû au plus tard le 2026-03-20.",
        f"{finance} : Remboursement de 50,00\u00a0€ effectué (Autre).",
    ]
    english = [
        "shopper: Order placed; payment authorised.",
        f"{service}: Blocked: Paiement à vérifier",
        f"{service}: Released. La banque a confirmé",
        f"{warehouse}: Availability checked; preparing.",
        f"{warehouse}: Shipment {parcel.pk} packed; charging €344.00.",
        f"{warehouse}: Shipped with Colissimo, 6A12345678901; charged €344.00.",
        f"{warehouse}: Shipment {parcel.pk} delivered on 2026-03-04.",
        "system: Refund of €50.00 due by 2026-03-20.",
        f"{finance}: Refunded €50.00 (Other).",
    ]
    assert timeline(page_of(staff(WAREHOUSE, language="en"), order)) == english
    # What is kept, and chained in the archive, is the English sentence, whatever
    # language the staff member who acted was reading.
    assert [f"{event.actor}: {event.message}" for event in order.events.all()] == english


def test_an_event_recorded_before_the_history_was_translated_shows_its_stored_text(two_lines):
    # proves: SITE-6
    order, _shirt, _scarf = two_lines
    OrderEvent.objects.create(
        order=order,
        at=clock.now(),
        actor="system",
        kind="blocked",
        message="Blocked: an old note",
        data={"reason": "an old note"},
    )
    assert "système : Blocked: an old note" in timeline(
        page_of(staff(SERVICE, language="fr"), order)
    )
