"""Gapless numbers and written-once documents, under real concurrency: PostgreSQL only."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from maison.invoicing import pdf
from maison.invoicing.models import Document
from maison.orders.models import Order, Shipment
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import ship

SHIPMENTS = 20


@pytest.mark.postgres
def test_twenty_concurrent_shipments_take_twenty_consecutive_numbers(postgresql_only, monkeypatch):
    # proves: DATA-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=SHIPMENTS + 1, price_minor=450_00)
    orders = [
        place([(coat, 1)], at=paris(2026, 3, 2, 10, 0), email=f"buyer{i}@example.com")
        for i in range(SHIPMENTS + 1)
    ]
    # One shipment fails in the middle, after it took its number: its PDF cannot be made.
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
                ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
            except OSError:
                failed.append(order.number)
        finally:
            connection.close()

    threads = [threading.Thread(target=warehouse, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failed == [failing]
    numbers = sorted(Document.objects.values_list("number", flat=True))
    assert numbers == [f"2026-{n:06d}" for n in range(1, SHIPMENTS + 1)]
    assert Document.objects.filter(order_number=failing).count() == 0
    # The failed one is still waiting for its record: shipping it again issues the next number.
    monkeypatch.setattr(pdf, "render", render)
    again = Order.objects.get(number=failing)
    assert again.shipments.get().state == Shipment.State.CAPTURING
    ship(again, {again.lines.get(): 1}, at=paris(2026, 3, 3, 10, 0))
    assert Document.objects.get(order_number=failing).number == f"2026-{SHIPMENTS + 1:06d}"


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
        "DELETE FROM invoicing_documentline",
        "DELETE FROM invoicing_document",
    ]
    for attempt in attempts + [lambda sql=sql: connection.cursor().execute(sql) for sql in raw]:
        with pytest.raises(DatabaseError, match="written once"), transaction.atomic():
            attempt()
    invoice.refresh_from_db()
    assert invoice.total_minor == order.total_minor
