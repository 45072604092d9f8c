"""One invoice per shipment, one credit note per refund, adding up to the cent (DATA-1, PRC-7)."""

import pytest

from maison import clock
from maison.invoicing.models import Document, Immutable
from maison.orders import refunds, shipments
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import STAFF, documents, lines, pdf_text, ship


@pytest.fixture
def odd_order(store):
    """Three shirts at 33.33 EUR and a scarf at 85.01 EUR, express (19.00): 204.00 EUR in all."""
    shirt = factories.variant(price_minor=33_33, stock=5)
    scarf = factories.variant(price_minor=85_01, stock=3)
    order = place([(shirt, 3), (scarf, 1)], at=paris(2026, 3, 2, 10, 0), method="express")
    shirts, scarves = order.lines.order_by("id")
    return order, shirts, scarves


def test_two_shipments_give_two_invoices_that_add_up_to_what_was_captured(odd_order):
    # proves: DATA-1, PRC-4, PRC-7
    order, shirts, scarves = odd_order
    assert order.total_minor == 204_00
    ship(order, {shirts: 1}, at=paris(2026, 3, 3, 9, 0))
    ship(order, {shirts: 2, scarves: 1}, at=paris(2026, 3, 5, 9, 0), tracking="6A12345678902")

    first, second = documents(order)
    assert (first.number, second.number) == ("2026-000001", "2026-000002")
    # One shirt: 99.99 × 1 / 3 = 33.33, VAT inside at 20 %: net 33.33 / 1.2 = 27.775 → 27.78,
    # VAT 5.55. Its share of delivery: 19.00 × 33.33 / 185.00 = 3.423 → 3.42; net 2.85, VAT 0.57.
    assert lines(first) == [
        ("goods", 1, 27_78, "0.2000", 5_55, 33_33),
        ("delivery", 1, 2_85, "0.2000", 57, 3_42),
    ]
    assert first.total_minor == 36_75
    assert first.vat_totals == [{"rate": "0.2000", "net_minor": 30_63, "vat_minor": 6_12}]
    # The last parcel takes what is left: shirts 99.99 - 33.33 = 66.66 (net 55.55, VAT 11.11),
    # the scarf 85.01 (net 70.84, VAT 14.17), delivery 19.00 - 3.42 = 15.58 (net 12.98, VAT 2.60).
    assert lines(second) == [
        ("goods", 2, 55_55, "0.2000", 11_11, 66_66),
        ("goods", 1, 70_84, "0.2000", 14_17, 85_01),
        ("delivery", 1, 12_98, "0.2000", 2_60, 15_58),
    ]
    assert second.total_minor == 167_25
    order.refresh_from_db()
    assert first.total_minor + second.total_minor == order.payment.captured_minor == 204_00
    for document in (first, second):
        assert sum(line.gross_minor for line in document.lines.all()) == document.total_minor


def test_a_refunded_parcel_gets_a_credit_note_naming_its_invoice(odd_order):
    # proves: DATA-1, PRC-7
    order, shirts, scarves = odd_order
    first = ship(order, {shirts: 1}, at=paris(2026, 3, 3, 9, 0))
    ship(order, {shirts: 2, scarves: 1}, at=paris(2026, 3, 5, 9, 0), tracking="6A12345678902")
    with clock.travel_to(paris(2026, 3, 9, 9, 0)):
        shipments.mark_returned_to_sender(first, actor=STAFF, reason="Unknown at this address")
        refund = shipments.refund_returned(first, actor=STAFF)
        refunds.pay(refund, actor="finance@orvane.example")

    invoice, _, credit = documents(order)
    assert credit.kind == Document.Kind.CREDIT_NOTE
    assert credit.number == "2026-000003"
    assert credit.corrects == invoice
    assert lines(credit) == lines(invoice)
    order.refresh_from_db()
    invoiced = sum(d.total_minor for d in documents(order) if not d.is_credit_note)
    assert invoiced - credit.total_minor == order.payment.captured_minor - refund.amount_minor
    assert "Corrects invoice: 2026-000001" in pdf_text(credit)


def test_issuing_twice_for_a_shipment_returns_the_same_invoice(odd_order):
    # proves: DATA-1
    from maison.orders import documents as hooks

    order, shirts, _ = odd_order
    shipment = ship(order, {shirts: 1}, at=paris(2026, 3, 3, 9, 0))
    again = hooks.invoice_shipment(shipment)
    assert again.number == "2026-000001"
    assert Document.objects.count() == 1


def test_an_issued_invoice_is_never_changed_nor_deleted(odd_order):
    # proves: DATA-1
    order, shirts, _ = odd_order
    ship(order, {shirts: 1}, at=paris(2026, 3, 3, 9, 0))
    (invoice,) = documents(order)
    invoice.total_minor = 1
    with pytest.raises(Immutable):
        invoice.save()
    with pytest.raises(Immutable):
        invoice.delete()
    with pytest.raises(Immutable):
        invoice.lines.first().delete()


def test_the_pdf_reads_back_with_the_number_the_seller_and_the_amounts(odd_order):
    # proves: DATA-1, PRC-4
    order, shirts, _ = odd_order
    ship(order, {shirts: 1}, at=paris(2026, 3, 3, 9, 0))
    (invoice,) = documents(order)
    text = pdf_text(invoice)
    assert "Invoice 2026-000001" in text
    assert f"Order: {order.number}" in text
    assert "Date: 3 March 2026" in text or "Date: March 3, 2026" in text
    assert "Maison Orvane, SAS" in text
    assert "RCS Paris 900 000 001" in text
    assert "VAT number: FR00900000001" in text
    assert "Delivery: Express delivery" in text
    assert "€33.33" in text and "€3.42" in text and "€36.75" in text
    assert "20%" in text


def test_a_pdf_that_cannot_be_made_keeps_its_number_and_is_made_later(
    odd_order, monkeypatch, client
):
    # proves: DATA-1
    from django.urls import reverse

    from maison.invoicing import archive, pdf, tasks

    order, shirts, scarves = odd_order
    render = pdf.render
    monkeypatch.setattr(pdf, "render", lambda document, lines: 1 / 0)
    ship(order, {shirts: 1}, at=paris(2026, 3, 3, 9, 0))
    # The parcel is shipped and charged; its invoice has its number, its PDF is to come.
    (invoice,) = documents(order)
    assert (invoice.number, invoice.pdf_sha256) == ("2026-000001", "")
    order.refresh_from_db()
    assert order.payment.captured_minor == invoice.total_minor == 36_75
    link = reverse(
        "storefront:order-document", args=[order.number, order.access_key, invoice.number]
    )
    waiting = client.get(link)
    assert waiting.status_code == 503 and waiting["Retry-After"] == "60"
    assert (
        "2026-000001 is being prepared. Please try again in a minute." in waiting.content.decode()
    )
    # The next parcel takes the next number: no gap, no number taken twice.
    ship(order, {shirts: 2, scarves: 1}, at=paris(2026, 3, 5, 9, 0), tracking="6A12345678902")
    assert [d.number for d in documents(order)] == ["2026-000001", "2026-000002"]
    # Once rendering works again, the scheduler's job makes both PDFs.
    monkeypatch.setattr(pdf, "render", render)
    with clock.travel_to(paris(2026, 3, 5, 9, 1)):
        assert tasks.make_missing_pdfs.call() == 2
    assert client.get(link).status_code == 200
    assert "Invoice 2026-000001" in pdf_text(invoice)
    archive.chain()
    assert archive.verify() is None


def test_a_blocked_order_cancelled_after_two_parcels_is_credited_line_by_line(odd_order):
    # proves: DATA-1, ORD-9, PRC-4, PRC-7
    from maison.orders import lifecycle

    order, shirts, scarves = odd_order
    ship(order, {shirts: 1}, at=paris(2026, 3, 3, 9, 0))
    ship(order, {scarves: 1}, at=paris(2026, 3, 3, 10, 0), tracking="6A12345678902")
    with clock.travel_to(paris(2026, 3, 4, 9, 0)):
        lifecycle.block(order, actor="cs", reason="card reported stolen")
        lifecycle.cancel(order, actor="cs", grounds="account", reason="not resolved")

    first, second, credit = documents(order)
    assert credit.kind == Document.Kind.CREDIT_NOTE
    # The two parcels, line by line as their invoices listed them: a shirt 33.33
    # (net 27.78, VAT 5.55) and the scarf 85.01 (net 70.84, VAT 14.17). Delivery as the
    # parcels charged it: 19.00 × 33.33 / 185.00 = 3.42, then 15.58 × 85.01 / 151.67
    # = 8.73, 12.15 in all (net 12.15 / 1.2 = 10.125 → 10.13, VAT 2.02). The two shirts
    # never shipped were never charged: nothing of theirs is credited.
    assert lines(credit) == [
        ("goods", 1, 27_78, "0.2000", 5_55, 33_33),
        ("goods", 1, 70_84, "0.2000", 14_17, 85_01),
        ("delivery", 1, 10_13, "0.2000", 2_02, 12_15),
    ]
    described = [(line.description, line.sku) for line in credit.lines.all()][:2]
    assert described == [
        (f"{shirts.product_name}, {shirts.colour}, {shirts.size}", shirts.sku),
        (f"{scarves.product_name}, {scarves.colour}, {scarves.size}", scarves.sku),
    ]
    assert credit.total_minor == 130_49
    order.refresh_from_db()
    assert first.total_minor + second.total_minor == order.payment.captured_minor == 130_49
    assert order.payment.refunded_minor == 130_49
