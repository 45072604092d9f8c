"""The archive of ORD-11: every fact chained, tampering named, exports checked alone."""

import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from maison.invoicing import archive
from maison.invoicing.models import ArchivePending, ArchiveRecord, Document
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import ship


def tamper(sql: str, params=()) -> None:
    """Change the archive behind the store's back, as an intruder with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE invoicing_archiverecord DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE invoicing_archiverecord ENABLE TRIGGER USER")


def verify() -> str:
    try:
        call_command("verify_archive", stdout=open("/dev/null", "w"))  # noqa: SIM115
    except CommandError as refusal:
        return str(refusal)
    return "intact"


@pytest.fixture
def shipped(store):
    """Two orders, each shipped: their events, payments and invoices chained."""
    coat = factories.variant(stock=5, price_minor=450_00)
    orders = [
        place([(coat, 1)], at=paris(2026, 3, 2, 10, i), email=f"buyer{i}@example.com")
        for i in range(2)
    ]
    for order in orders:
        ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    archive.chain()
    return orders


def seq_of_invoice(number: str) -> int:
    return next(
        r.seq for r in ArchiveRecord.objects.filter(kind="invoice") if r.payload["number"] == number
    )


def seq_of_pdf(number: str) -> int:
    """The record that archived the PDF of document `number`, once it was made."""
    return next(
        r.seq
        for r in ArchiveRecord.objects.filter(kind="document_pdf")
        if r.payload["number"] == number
    )


def test_orders_payments_shipments_and_invoices_are_chained_in_order(shipped):
    # proves: ORD-11, DATA-2
    assert not ArchivePending.objects.exists()
    records = list(ArchiveRecord.objects.order_by("seq"))
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    assert records[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(records, records[1:], strict=False))
    kinds = {r.kind for r in records}
    assert {"order_event", "payment", "invoice"} <= kinds
    first_order = [
        r.payload["event"]
        for r in records
        if r.kind == "order_event" and r.payload["order"] == shipped[0].number
    ]
    assert first_order[0] == "placed"
    assert {"processed", "shipment_decided", "shipped"} <= set(first_order)
    invoice = Document.objects.order_by("sequence").first()
    record = ArchiveRecord.objects.get(seq=seq_of_invoice(invoice.number))
    assert record.payload["total_minor"] == invoice.total_minor
    # Its PDF, made once the invoice's number was committed, is chained after it.
    pdf_record = ArchiveRecord.objects.get(seq=seq_of_pdf(invoice.number))
    assert pdf_record.seq > record.seq
    assert pdf_record.payload["pdf_sha256"] == invoice.pdf_sha256
    assert verify() == "intact"


def test_an_empty_archive_passes(db):
    # proves: ORD-11
    assert verify() == "intact"


def test_verify_names_the_record_that_was_edited(shipped):
    # proves: ORD-11
    tamper(
        "UPDATE invoicing_archiverecord SET payload = %s WHERE seq = 3",
        ['{"order": "forged"}'],
    )
    assert verify() == (
        "The archive is broken at record 3: altered (its hash does not match its content)."
    )


def test_verify_names_the_record_that_was_removed(shipped):
    # proves: ORD-11
    tamper("DELETE FROM invoicing_archiverecord WHERE seq = 4")
    assert "record 4: missing (the next record found is 5)" in verify()


def test_verify_names_the_first_record_of_a_reordering(shipped):
    # proves: ORD-11
    tamper("UPDATE invoicing_archiverecord SET seq = 999999 WHERE seq = 2")
    tamper("UPDATE invoicing_archiverecord SET seq = 2 WHERE seq = 3")
    tamper("UPDATE invoicing_archiverecord SET seq = 3 WHERE seq = 999999")
    assert "record 2: does not follow the record before it" in verify()


def test_verify_names_the_invoice_whose_pdf_was_swapped(shipped):
    # proves: ORD-11, DATA-1
    first, second = Document.objects.order_by("sequence")
    with default_storage.open(second.pdf_name, "rb") as other:
        forged = other.read()
    default_storage.delete(first.pdf_name)
    default_storage.save(first.pdf_name, ContentFile(forged))
    assert f"record {seq_of_pdf(first.number)}: its PDF {first.pdf_name} was changed" in verify()


def test_an_export_checks_alone_and_a_truncated_one_names_its_gap(shipped, tmp_path):
    # proves: ORD-11
    bundle = tmp_path / "march.zip"
    call_command("export_archive", "--from", "2026-03-01", "--to", "2026-03-31", str(bundle))
    call_command("verify_archive", "--bundle", str(bundle))
    with zipfile.ZipFile(bundle) as exported:
        rows = exported.read("records.jsonl").splitlines()
        assert len(rows) == ArchiveRecord.objects.count()
        pdfs = [n for n in exported.namelist() if n.startswith("pdf/")]
        assert len(pdfs) == Document.objects.count()
        truncated = tmp_path / "truncated.zip"
        with zipfile.ZipFile(truncated, "w") as out:
            out.writestr("records.jsonl", b"\n".join(rows[:5] + rows[6:]))
            out.writestr("head.json", exported.read("head.json"))
            for name in pdfs:
                out.writestr(name, exported.read(name))
    with pytest.raises(CommandError, match="record 6: missing"):
        call_command("verify_archive", "--bundle", str(truncated))
