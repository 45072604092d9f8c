"""Gapless numbers and written-once documents, under real concurrency: PostgreSQL only."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from maison import clock
from maison.invoicing import pdf, tasks
from maison.invoicing.models import Document
from maison.orders import lifecycle, shipments
from maison.orders.models import Order, Shipment
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import STAFF, ship

SHIPMENTS = 20


@pytest.mark.postgres
def test_concurrent_shipments_take_consecutive_numbers_even_when_a_pdf_fails(
    postgresql_only, monkeypatch
):
    # proves: DATA-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=SHIPMENTS + 1, price_minor=450_00)
    orders = [
        place([(coat, 1)], at=paris(2026, 3, 2, 10, 0), email=f"buyer{i}@example.com")
        for i in range(SHIPMENTS + 1)
    ]
    # One shipment's PDF cannot be made, in the middle: its number is kept all the same.
    failing = orders[SHIPMENTS // 2].number
    render = pdf.render

    def render_or_fail(document, lines):
        if document.order_number == failing:
            raise OSError("disk full")
        return render(document, lines)

    monkeypatch.setattr(pdf, "render", render_or_fail)
    start = threading.Barrier(len(orders))
    failed: list[str] = []

    def warehouse(order):
        try:
            start.wait()
            try:
                with clock.travel_to(paris(2026, 3, 3, 9, 0)):
                    shipments.ship(
                        order,
                        {order.lines.get().pk: 1},
                        carrier="colissimo",
                        tracking_number="6A12345678901",
                        actor=STAFF,
                    )
            except Exception as error:  # noqa: BLE001 - any failure is the test's finding
                failed.append(f"{order.number}: {error!r}")
        finally:
            connection.close()

    for order in orders:
        with clock.travel_to(paris(2026, 3, 3, 8, 0)):
            lifecycle.process(order, actor=STAFF)
    threads = [threading.Thread(target=warehouse, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Every shipment went through, and the 21 invoices took 21 consecutive numbers.
    assert failed == []
    numbers = sorted(Document.objects.values_list("number", flat=True))
    assert numbers == [f"2026-{n:06d}" for n in range(1, SHIPMENTS + 2)]
    # Each PDF was made after its number was committed, except the one that failed.
    assert list(Document.objects.filter(pdf_sha256="").values_list("order_number", flat=True)) == [
        failing
    ]
    # The scheduler's job makes it once rendering works again.
    monkeypatch.setattr(pdf, "render", render)
    assert tasks.make_missing_pdfs.call() == 1
    assert not Document.objects.filter(pdf_sha256="").exists()
    assert Order.objects.get(number=failing).shipments.get().state == Shipment.State.SHIPPED


@pytest.mark.postgres
def test_an_issued_invoice_refuses_updates_through_the_orm_and_raw_sql(postgresql_only):
    # proves: DATA-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=2, price_minor=450_00)
    order = place([(coat, 1)], at=paris(2026, 3, 2, 10, 0))
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    invoice = Document.objects.get()
    attempts = [
        lambda: Document.objects.filter(pk=invoice.pk).update(total_minor=1),
        lambda: invoice.lines.all().delete(),
        lambda: invoice.lines.all().update(gross_minor=1),
    ]
    raw = [
        "UPDATE invoicing_document SET total_minor = 1",
        # Its PDF was recorded once: never replaced.
        "UPDATE invoicing_document SET pdf_sha256 = 'forged', pdf_name = 'other.pdf'",
        "DELETE FROM invoicing_documentline",
        "DELETE FROM invoicing_document",
    ]
    for attempt in attempts + [lambda sql=sql: connection.cursor().execute(sql) for sql in raw]:
        with pytest.raises(DatabaseError, match="written once"), transaction.atomic():
            attempt()
    invoice.refresh_from_db()
    assert invoice.total_minor == order.total_minor
