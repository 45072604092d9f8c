"""What an invoice says beyond its amounts: exports, duties, its language (DATA-1, PRC-2)."""

from django.utils import translation

from maison import clock
from maison.markets.models import Market, PriceMode
from maison.orders import refunds, shipments
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import STAFF, documents, lines, pdf_text, ship

EXEMPT = "VAT exemption: export outside the European Union, article 262 I of the French tax code."


def test_an_order_to_japan_shows_its_duties_and_import_vat_and_the_export_exemption(store):
    # proves: DATA-1, PRC-2, PRC-4, PRC-7
    shirt = factories.us_and_japan()
    order = place([(shirt, 3)], at=paris(2026, 3, 2, 10, 0), country="JP", method="express")
    # 3 × 30,000 yen; express 1,900; duty 9 % = 8,100; import VAT 10 % of
    # (90,000 + 1,900 + 8,100) = 10,000. Total 110,000 yen.
    assert order.total_minor == 110_000
    (line,) = order.lines.all()
    ship(order, {line: 1}, at=paris(2026, 3, 3, 9, 0))
    ship(order, {line: 2}, at=paris(2026, 3, 4, 9, 0), tracking="6A12345678902")
    first, second = documents(order)
    # One shirt of three: 30,000; its shares, rounded down: delivery 1,900/3 = 633,
    # duties 8,100/3 = 2,700, import VAT 10,000/3 = 3,333. No French VAT: an export.
    assert lines(first) == [
        ("goods", 1, 30_000, "0.0000", 0, 30_000),
        ("delivery", 1, 633, "0.0000", 0, 633),
        ("duties", 1, 2_700, "0.0000", 0, 2_700),
        ("import_vat", 1, 3_333, "0.0000", 0, 3_333),
    ]
    assert first.total_minor + second.total_minor == 110_000
    assert second.total_minor == 60_000 + 1_267 + 5_400 + 6_667
    text = pdf_text(first)
    assert EXEMPT in text
    assert "Import duties and import VAT (10%) are collected at order" in text
    assert "¥30,000" in text and "¥36,666" in text
    assert "Currency: JPY" in text

    # The second parcel comes back to sender and is refunded: its credit note mirrors it,
    # and the order's documents add up to what was captured less what was refunded.
    last = order.shipments.order_by("id").last()
    with clock.travel_to(paris(2026, 3, 9, 9, 0)):
        shipments.mark_returned_to_sender(last, actor=STAFF, reason="Refused")
        refunds.pay(shipments.refund_returned(last, actor=STAFF), actor="finance@orvane.example")
    credit = documents(order)[-1]
    assert credit.is_credit_note and credit.corrects == second
    assert lines(credit) == lines(second)
    order.refresh_from_db()
    payment = order.payment
    assert (
        first.total_minor + second.total_minor - credit.total_minor
        == (payment.captured_minor - payment.refunded_minor)
        == 36_666
    )


def test_an_order_to_the_united_states_says_duties_are_paid_on_delivery(store):
    # proves: DATA-1, PRC-2
    shirt = factories.us_and_japan()
    order = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0), country="US", method="express")
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    (invoice,) = documents(order)
    assert [line.kind for line in invoice.lines.all()] == ["goods", "delivery"]
    assert invoice.total_minor == order.total_minor
    text = pdf_text(invoice)
    assert EXEMPT in text
    assert "Duties and taxes payable by the buyer on delivery." in text


def test_an_order_to_the_united_kingdom_is_an_export_with_its_vat_included(store):
    # proves: DATA-1, PRC-2
    factories.market("GB", vat="0.20", currency="GBP", mode=PriceMode.TAXES_INCLUDED)
    factories.delivery_methods(Market.objects.get(country="GB"))
    coat = factories.variant(price_minor=300_00)
    factories.price(coat.product, 240_00, "gbp")
    order = place([(coat, 1)], at=paris(2026, 3, 2, 10, 0), country="GB")
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    (invoice,) = documents(order)
    # £240.00, the destination's VAT inside: 240 / 1.2 = 200.00 and 40.00; express
    # delivery £19.00: 19 / 1.2 = 15.833 → 15.83 and 3.17.
    assert lines(invoice) == [
        ("goods", 1, 200_00, "0.2000", 40_00, 240_00),
        ("delivery", 1, 15_83, "0.2000", 3_17, 19_00),
    ]
    assert EXEMPT in pdf_text(invoice)


def test_a_french_order_has_a_french_invoice_with_french_typography(store):
    # proves: DATA-1
    coat = factories.variant(price_minor=450_00)
    with translation.override("fr"):
        order = place([(coat, 1)], at=paris(2026, 3, 2, 10, 0))
    assert order.language == "fr"
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    (invoice,) = documents(order)
    text = pdf_text(invoice)
    assert f"Facture {invoice.number}" in text
    assert "Date : 3 mars 2026" in text
    assert f"Commande : {order.number}" in text
    assert "Numéro de TVA : FR00900000001" in text
    assert "450,00 €" in text
    assert "20 %" in text
    assert "Invoice" not in text
    # Column headings begin with a capital, as the others do ("taux de TVA" is the field's name).
    assert "Taux de TVA" in text and "taux de TVA" not in text
