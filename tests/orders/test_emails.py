"""Every email of an order's life reads filled in, in English and in French."""

import re
from datetime import date

import pytest

from maison import clock
from maison.orders import lifecycle, shipments
from maison.orders.refunds import pay
from tests import factories

from .helpers import emails, paris, place

TEMPLATES = {
    "order_items_unavailable": ("no longer available", "ne sont plus disponibles"),
    "order_shipped": ("is on its way", "est en route"),
    "order_returned_to_sender": ("brought it back to us", "nous l'a rapporté"),
    "order_refunded": ("We have refunded", "Nous avons remboursé"),
    "order_delivered": ("was delivered on", "a été livré le"),
    "order_cancelled": ("is cancelled", "est annulée"),
}


@pytest.fixture
def every_email(store):
    """An order meeting every step: an item unavailable, a parcel back, a refund, a delivery."""
    shirt = factories.variant(price_minor=120_00, stock=4)
    scarf = factories.variant(price_minor=85_00, stock=2)
    belt = factories.variant(price_minor=60_00, stock=2)
    order = place([(shirt, 1), (scarf, 1), (belt, 1)], at=paris(2026, 3, 2, 10, 0))
    shirt_line, scarf_line, belt_line = order.lines.order_by("id")
    ship = {"carrier": "colissimo", "actor": "warehouse"}
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse", unavailable={belt_line.pk: 1})
        back = shipments.ship(order, {shirt_line.pk: 1}, tracking_number="6A11111111111", **ship)
        kept = shipments.ship(order, {scarf_line.pk: 1}, tracking_number="6A22222222222", **ship)
    with clock.travel_to(paris(2026, 3, 6, 9, 0)):
        shipments.mark_returned_to_sender(back, actor="warehouse", reason="unknown address")
        pay(shipments.refund_returned(back, actor="warehouse"), actor="finance")
        shipments.mark_delivered(kept, delivered_on=date(2026, 3, 5), actor="carrier feed")
    cancelled = place([(shirt, 1)], at=paris(2026, 3, 2, 11, 0))
    lifecycle.cancel(cancelled, actor="cs", grounds="price_error")
    return order, cancelled


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_email_of_the_order_life_reads_filled_in(every_email, language):
    # proves: DATA-3, ORD-8
    order, cancelled = every_email
    for template, (english, french) in TEMPLATES.items():
        about = cancelled if template == "order_cancelled" else order
        texts = emails(about, template, language)
        assert texts, template
        for text in texts:
            assert (english if language == "en" else french) in text, template
            assert "%(" not in text and "{{" not in text, template


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Order number: ", "Products:\n", "× 1: €120.00", "Total: "]),
        ("fr", ["Numéro de commande : ", "Produits :\n", "× 1 : 120,00", "Total : "]),
    ],
)
def test_the_acknowledgment_writes_its_colons_as_each_language_does(
    every_email, language, expected
):
    # proves: SITE-6
    # French puts a space before a colon ("Numéro de commande : …"); English does not.
    order, _ = every_email
    (text,) = emails(order, "order_acknowledgment", language)
    for part in expected:
        assert part in text


def test_the_shipping_email_in_french_puts_a_space_before_each_colon(every_email):
    # proves: SITE-6
    order, _ = every_email
    text = emails(order, "order_shipped", "fr")[0]
    assert "Dans ce colis :\n" in text
    assert "Transporteur : Colissimo" in text
    assert "Numéro de suivi : 6A11111111111" in text
    assert "Suivre votre commande : " in text
    assert not re.search(r"\w:\s", text.replace("https:", ""))


def test_the_acknowledgment_in_french_writes_the_time_after_a(every_email):
    # proves: SITE-6
    # French writes "2 mars 2026 à 10:00", not "2 mars 2026 10:00".
    order, _ = every_email
    (french,) = emails(order, "order_acknowledgment", "fr")
    (english,) = emails(order, "order_acknowledgment", "en")
    assert "Date de commande : 2 mars 2026 à 10:00" in french
    assert "Order date: March 2, 2026, 10 a.m." in english
