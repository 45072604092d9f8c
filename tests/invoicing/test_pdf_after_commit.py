"""The PDF is made after the number is committed: no lock held while it is written (DATA-1)."""

from django.core.files.storage import FileSystemStorage
from django.db import connection

from maison import clock
from maison.invoicing import archive
from maison.invoicing.models import Counter, Document
from maison.orders import lifecycle, refunds, shipments
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import STAFF, pdf_text


def test_the_pdf_is_written_with_no_transaction_open_once_the_number_is_committed(
    transactional_db, monkeypatch
):
    # proves: DATA-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=2, price_minor=450_00)
    order = place([(coat, 1)], at=paris(2026, 3, 2, 10, 0))
    seen = []
    real = FileSystemStorage._save

    def watching(self, name, content):
        # Another connection would see what this one sees: with no transaction
        # open, the number and the document are committed, the counter unlocked.
        seen.append(
            {
                "in_transaction": connection.in_atomic_block,
                "issued": list(Document.objects.values_list("number", "pdf_sha256")),
                "counter": Counter.objects.get(year=2026).last,
            }
        )
        return real(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", watching)
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor=STAFF)
        shipments.ship(
            order,
            {order.lines.get().pk: 1},
            carrier="colissimo",
            tracking_number="6A12345678901",
            actor=STAFF,
        )
    assert seen == [{"in_transaction": False, "issued": [("2026-000001", "")], "counter": 1}]
    # The same request made it: it is there as soon as the warehouse's call returns.
    invoice = Document.objects.get()
    assert (
        invoice.pdf_name.startswith("invoices/2026/2026-000001") and len(invoice.pdf_sha256) == 64
    )
    assert "Invoice 2026-000001" in pdf_text(invoice)

    # A refund's credit note too: the provider is paid, then the PDF written, no lock held.
    seen.clear()
    with clock.travel_to(paris(2026, 3, 9, 9, 0)):
        refunds.credit_by_hand(order, 50_00, reason="Late", actor="finance@orvane.example")
    assert [(s["in_transaction"], s["counter"]) for s in seen] == [(False, 2)]
    archive.chain()
    assert archive.verify() is None
