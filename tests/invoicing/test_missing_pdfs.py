"""A PDF that cannot be made is noticed, never starves the others, never leaves a stray file.

The number is committed first and the PDF made after (DATA-1): these are the
ways that second step can go wrong, and what the store does about each.
"""

import hashlib
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from maison import clock
from maison.alerts.models import Role, StaffAlert
from maison.invoicing import pdf, services
from maison.invoicing.models import Document, PdfAttempt
from maison.notifications.models import OutboxEmail
from maison.orders import lifecycle, shipments
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import STAFF
from .test_credit_by_hand import staff_in


@pytest.fixture
def three_shirts(store, settings, tmp_path):
    """Three shirts at 50.00 EUR, express (19.00), in a media storage of their own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    shirt = factories.variant(price_minor=50_00, stock=5)
    order = place([(shirt, 3)], at=paris(2026, 3, 2, 10, 0), method="express")
    return order


def ship_one(order, *, at, tracking):
    """One shirt leaves; no PDF job runs (inside the test's transaction nothing commits)."""
    order.refresh_from_db()
    with clock.travel_to(at):
        if order.status == order.Status.PLACED:
            lifecycle.process(order, actor=STAFF)
            order.refresh_from_db()
        shipments.ship(
            order,
            {order.lines.get().pk: 1},
            carrier="colissimo",
            tracking_number=tracking,
            actor=STAFF,
        )


def failing_for(monkeypatch, numbers: set[str]):
    """Rendering fails for the documents named (a broken template, storage down)."""
    render = pdf.render

    def broken(document, lines):
        if document.number in numbers:
            raise RuntimeError("renderer down")
        return render(document, lines)

    monkeypatch.setattr(pdf, "render", broken)


def warnings_of_verify_archive() -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_archive", stdout=out, stderr=err)
    return err.getvalue()


def test_a_pdf_still_missing_after_thirty_minutes_alerts_finance_once(three_shirts, monkeypatch):
    # proves: DATA-1
    order = three_shirts
    staff_in("Finance", "finance@orvane.example")
    failing_for(monkeypatch, {"2026-000001"})
    ship_one(order, at=paris(2026, 3, 3, 9, 0), tracking="6A12345678901")

    # 29 minutes after issue: the job keeps trying, nobody is bothered yet.
    with clock.travel_to(paris(2026, 3, 3, 9, 29)):
        assert services.make_missing_pdfs() == 0
        assert warnings_of_verify_archive() == ""
    assert not StaffAlert.objects.exists()

    # 30 minutes (the policy's pdf_missing_alert_minutes): Finance is told, once.
    with clock.travel_to(paris(2026, 3, 3, 9, 30)):
        services.make_missing_pdfs()
        # verify_archive reports it as a warning, and does not fail: nothing was tampered with.
        warned = warnings_of_verify_archive()
    assert "2026-000001" in warned and "has no PDF 30 minutes after its issue" in warned
    (alert,) = StaffAlert.objects.all()
    assert (alert.role, alert.code, alert.key) == (
        Role.FINANCE,
        "pdf_missing",
        "pdf-missing:2026-000001",
    )
    assert alert.subject == "The PDF of 2026-000001 is still not made"
    assert (
        f"Invoice 2026-000001 of order {order.number} was issued at 2026-03-03 09:00" in alert.body
    )
    assert (
        OutboxEmail.objects.filter(to="finance@orvane.example", template="staff_alert").count() == 1
    )

    # The job runs every minute: still one alert, still one email.
    for minute in (31, 32):
        with clock.travel_to(paris(2026, 3, 3, 9, minute)):
            services.make_missing_pdfs()
    assert StaffAlert.objects.count() == 1
    assert OutboxEmail.objects.filter(template="staff_alert").count() == 1

    # Rendering works again: the PDF is made, the warning gone, the attempts forgotten.
    monkeypatch.undo()
    with clock.travel_to(paris(2026, 3, 3, 9, 33)):
        assert services.make_missing_pdfs() == 1
        assert warnings_of_verify_archive() == ""
    assert not PdfAttempt.objects.exists()


def test_pdfs_that_keep_failing_do_not_hold_back_a_newer_one(three_shirts, monkeypatch):
    # proves: DATA-1
    order = three_shirts
    for day, tracking in ((3, "6A12345678901"), (4, "6A12345678902"), (5, "6A12345678903")):
        ship_one(order, at=paris(2026, 3, day, 9, 0), tracking=tracking)
    assert [d.number for d in Document.objects.all()] == [
        "2026-000001",
        "2026-000002",
        "2026-000003",
    ]
    failing_for(monkeypatch, {"2026-000001", "2026-000002"})

    # Two a run (the job's 100, made small): the two oldest are tried, and fail.
    with clock.travel_to(paris(2026, 3, 5, 10, 0)):
        assert services.make_missing_pdfs(limit=2) == 0
    # A minute later the one never tried goes first, then the least recently tried.
    with clock.travel_to(paris(2026, 3, 5, 10, 1)):
        assert services.make_missing_pdfs(limit=2) == 1
    assert Document.objects.get(number="2026-000003").pdf_sha256
    tried = {a.document.number: a.attempts for a in PdfAttempt.objects.select_related("document")}
    assert tried == {"2026-000001": 2, "2026-000002": 1}
    # And the next minute, the second one's turn comes before the first's third try.
    with clock.travel_to(paris(2026, 3, 5, 10, 2)):
        services.make_missing_pdfs(limit=1)
    tried = {a.document.number: a.attempts for a in PdfAttempt.objects.select_related("document")}
    assert tried == {"2026-000001": 2, "2026-000002": 2}


def test_a_pdf_stored_but_not_recorded_leaves_no_stray_file(three_shirts, monkeypatch):
    # proves: DATA-1
    order = three_shirts
    ship_one(order, at=paris(2026, 3, 3, 9, 0), tracking="6A12345678901")
    ship_one(order, at=paris(2026, 3, 4, 9, 0), tracking="6A12345678902")
    first, second = Document.objects.all()

    # The worker dies between storing the first PDF and recording it.
    def crash(*args, **kwargs):
        raise RuntimeError("worker killed")

    with monkeypatch.context() as patched:
        patched.setattr(services.archive, "keep", crash)
        with pytest.raises(RuntimeError):
            services.make_pdf(first)
    assert Document.objects.get(pk=first.pk).pdf_sha256 == ""
    assert default_storage.listdir("invoices/2026")[1] == ["2026-000001.pdf"]
    # The second's was cut off half-written by a storage failure.
    default_storage.save("invoices/2026/2026-000002.pdf", ContentFile(b"%PDF-1.7 cut o"))

    with clock.travel_to(paris(2026, 3, 4, 9, 1)):
        assert services.make_missing_pdfs() == 2
    # One file per document, under its own name: the stray one reused, the broken one replaced.
    assert sorted(default_storage.listdir("invoices/2026")[1]) == [
        "2026-000001.pdf",
        "2026-000002.pdf",
    ]
    for document in (first, second):
        document.refresh_from_db()
        assert document.pdf_name == f"invoices/2026/{document.number}.pdf"
        with default_storage.open(document.pdf_name, "rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == document.pdf_sha256
    assert os.path.getsize(default_storage.path(second.pdf_name)) > 1000
