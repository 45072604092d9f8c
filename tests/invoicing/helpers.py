"""Orders placed, processed and shipped through the real services; their documents read back."""

import io
import re

from pypdf import PdfReader

from maison import clock
from maison.invoicing import tasks
from maison.invoicing.models import Document
from maison.invoicing.services import open_pdf
from maison.orders import lifecycle, shipments

STAFF = "warehouse@orvane.example"


def ship(order, units: dict, *, at, tracking="6A12345678901"):
    """Ship {order line: units} at an instant, as the warehouse does."""
    order.refresh_from_db()
    with clock.travel_to(at):
        if order.status == order.Status.PLACED:
            lifecycle.process(order, actor=STAFF)
            order.refresh_from_db()
        shipment = shipments.ship(
            order,
            {line.pk: count for line, count in units.items()},
            carrier="colissimo",
            tracking_number=tracking,
            actor=STAFF,
        )
        pdfs_made()
    return shipment


def pdfs_made() -> int:
    """Make the PDFs of the documents issued so far, as the scheduler's job does.

    A PDF is made once its document's transaction commits (DATA-1). Inside a
    test's transaction nothing commits, so the job, the store's other way to
    make it, makes it here; `test_pdf_after_commit` proves the after-commit path.
    """
    return tasks.make_missing_pdfs.call()


def documents(order) -> list[Document]:
    return list(Document.objects.filter(order_number=order.number).order_by("year", "sequence"))


def lines(document) -> list[tuple]:
    """(kind, quantity, net, rate, VAT, gross) of each line, as issued."""
    return [
        (line.kind, line.quantity, line.net_minor, str(line.vat_rate), line.vat_minor, gross)
        for line in document.lines.all()
        for gross in [line.gross_minor]
    ]


def pdf_text(document) -> str:
    """The PDF's text as a reader sees it, spaces made plain and runs collapsed."""
    pdfs_made()
    document = Document.objects.get(pk=document.pk)
    with open_pdf(document) as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \u00a0\u202f]+", " ", text)
