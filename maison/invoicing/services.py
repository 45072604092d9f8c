"""Issuing invoices and credit notes: numbered and archived at once, the PDF after (DATA-1).

The number, the document, its lines and its archive entry are written in
the caller's transaction (the shipment's or the refund's): all of them are
committed together, or none. The year's counter row is locked until then, so
two shipments never take the same number and a rolled-back one takes none:
the sequence has no gap.

The PDF is not made under that lock: rendering takes a while and storing it
may be a network call (S3). Once the transaction commits, `make_pdf` renders
it from the committed rows, stores it, then records its name and SHA-256 on
the document and archives them ("document_pdf"): that record is what
`verify_archive` checks the stored PDF against. If that fails, the number
stays issued and the PDF is made later by the scheduler's `make-missing-pdfs`
job; until then a download says the document is being prepared.
"""

import hashlib
import logging
from collections import defaultdict
from contextlib import suppress
from datetime import timedelta
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from maison import clock
from maison.markets.money import round_minor
from maison.terms import policy

from . import archive, pdf
from .drafts import Draft, DraftLine
from .models import Counter, Document, DocumentLine, PdfAttempt
from .territories import is_export

logger = logging.getLogger(__name__)


def issue(draft: Draft) -> Document:
    """The document of `draft`; the one already issued for its source, if any.

    Its PDF is made once the caller's transaction commits (`make_pdf`).
    """
    with transaction.atomic():
        issued = Document.objects.filter(source=draft.source).first()
        if issued is not None:
            return issued
        issued_at = clock.now()
        year = timezone.localtime(issued_at, ZoneInfo(policy.POLICY.store_time_zone)).year
        sequence = _next_number(year)
        document = Document(
            kind=draft.kind,
            number=f"{year}-{sequence:06d}",
            year=year,
            sequence=sequence,
            issued_at=issued_at,
            source=draft.source,
            order_number=draft.order_number,
            corrects=_corrected(draft),
            seller=seller(),
            buyer={"email": draft.buyer_email, "address": draft.billing_address},
            buyer_email=draft.buyer_email,
            delivery_address=draft.delivery_address,
            country=draft.country,
            price_mode=draft.price_mode,
            currency=draft.currency,
            language=draft.language,
            # Recorded once the PDF is stored, after commit (`make_pdf`).
            pdf_name="",
            pdf_sha256="",
        )
        lines = [_priced(position, line) for position, line in enumerate(draft.lines, 1)]
        document.total_minor = sum(line.gross_minor for line in lines)
        document.vat_totals = vat_totals(lines)
        with override(draft.language):
            document.mentions = mentions(draft)
        document.save()
        for line in lines:
            line.document = document
        DocumentLine.objects.bulk_create(lines)
        archive.keep(document.kind, archive.document_payload(document, lines), at=issued_at)
        transaction.on_commit(partial(_make_pdf_after_commit, document))
    return document


def _make_pdf_after_commit(document: Document) -> None:
    """The request that issued the document makes its PDF; a failure is left to the job.

    The number and the document are committed by now: the shipment or the
    refund that issued them must not fail for want of a PDF. `make_pdf` reads
    the committed row itself.
    """
    try:
        make_pdf(document)
    except Exception as error:
        logger.exception("PDF of document %s not made: the scheduler will retry", document.pk)
        with suppress(Exception):  # the job finds it all the same, attempt recorded or not
            _record_attempt(document.pk, error)


def pdf_name(document: Document) -> str:
    """Where a document's PDF is stored: one fixed name per document (DATA-1)."""
    return f"invoices/{document.year}/{document.number}.pdf"


def make_pdf(document: Document) -> Document:
    """Render and store the PDF of an issued document that has none, then record it (DATA-1).

    Called with no transaction open, so no lock is held while the PDF is
    rendered and written to storage. The PDF has one name per document
    (`pdf_name`): a file a crash left there, stored but never recorded, is
    kept when it is the same PDF and replaced when it is not, so no orphan
    file accumulates. Two runs at once (the request and the job) render the
    same bytes; the first to record the name and hash wins, and the other
    deletes its file only if the storage gave it another name.
    """
    if document.pdf_sha256:
        return document
    document = Document.objects.select_related("corrects").get(pk=document.pk)
    if document.pdf_sha256:
        return document
    content = pdf.render(document, list(document.lines.all()))
    digest = hashlib.sha256(content).hexdigest()
    name = pdf_name(document)
    if archive.stored_digest(name) != digest:
        if default_storage.exists(name):
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(content))
    with transaction.atomic():
        recorded = Document.objects.filter(pk=document.pk, pdf_sha256="").update(
            pdf_name=name, pdf_sha256=digest
        )
        if recorded:
            archive.keep(
                "document_pdf",
                {"number": document.number, "pdf_name": name, "pdf_sha256": digest},
            )
            PdfAttempt.objects.filter(document=document).delete()
    document = Document.objects.get(pk=document.pk)
    if not recorded and name != document.pdf_name:
        default_storage.delete(name)
    return document


def make_missing_pdfs(limit: int = 100) -> int:
    """Make the PDFs that were not made after their document committed; how many were made.

    The least recently tried go first (never tried, oldest first): a PDF that
    keeps failing is tried again after the others, never ahead of them. Then
    Finance is alerted of each PDF still missing `POLICY.pdf_missing_alert_minutes`
    after its document was issued.
    """
    made = 0
    missing = Document.objects.filter(pdf_sha256="").order_by(
        F("pdf_attempt__last_attempt_at").asc(nulls_first=True), "id"
    )
    for document in missing[:limit]:
        try:
            make_pdf(document)
        except Exception as error:
            logger.exception("PDF of document %s still not made", document.number)
            _record_attempt(document.pk, error)
        else:
            made += 1
    alert_missing_pdfs()
    return made


def _record_attempt(document_id: int, error: Exception) -> None:
    """One more failed try at a document's PDF: the job tries it after the others."""
    attempt, _created = PdfAttempt.objects.get_or_create(
        document_id=document_id, defaults={"last_attempt_at": clock.now()}
    )
    attempt.attempts += 1
    attempt.last_attempt_at = clock.now()
    attempt.last_error = f"{type(error).__name__}: {error}"[:300]
    attempt.save()


def missing_pdfs() -> QuerySet[Document]:
    """Documents whose PDF is still not made `POLICY.pdf_missing_alert_minutes` after issue."""
    since = clock.now() - timedelta(minutes=policy.POLICY.pdf_missing_alert_minutes)
    return Document.objects.filter(pdf_sha256="", issued_at__lte=since).order_by("id")


def alert_missing_pdfs() -> int:
    """Alert Finance once of each document whose PDF is missing too long; count the new alerts."""
    from maison.alerts.models import Role, StaffAlert
    from maison.alerts.services import raise_alert

    raised = 0
    late = list(missing_pdfs())
    keys = {document.pk: f"pdf-missing:{document.number}" for document in late}
    alerted = set(StaffAlert.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    for document in late:
        if keys[document.pk] in alerted:
            continue
        _alert, new = raise_alert(
            Role.FINANCE,
            "pdf_missing",
            keys[document.pk],
            gettext_lazy("The PDF of %(number)s is still not made"),
            gettext_lazy(
                "%(kind)s %(number)s of order %(order)s was issued at %(issued)s and its "
                "PDF could not be made since: the buyer cannot download it. The store "
                "keeps trying every minute; check the file storage and the logs."
            ),
            params={
                "number": document.number,
                "kind": Document.Kind(document.kind).label,
                "order": document.order_number,
                "issued": _local(document.issued_at),
            },
            link=reverse("admin:invoicing_document_change", args=[document.pk]),
        )
        raised += new
    return raised


def _local(at) -> str:
    zone = ZoneInfo(policy.POLICY.store_time_zone)
    return timezone.localtime(at, zone).strftime("%Y-%m-%d %H:%M")


def _next_number(year: int) -> int:
    """Take the year's next number; its counter row stays locked until the caller commits."""
    Counter.objects.bulk_create([Counter(year=year)], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _corrected(draft: Draft) -> Document | None:
    if draft.kind != Document.Kind.CREDIT_NOTE:
        return None
    invoices = Document.objects.filter(
        order_number=draft.order_number, kind=Document.Kind.INVOICE
    ).order_by("-sequence", "-year")
    if draft.corrects_number:
        named = invoices.filter(number=draft.corrects_number).first()
        if named is not None:
            return named
    if draft.corrects:
        named = invoices.filter(source=draft.corrects).first()
        if named is not None:
            return named
    return invoices.order_by("-issued_at", "-id").first()


def _priced(position: int, line: DraftLine) -> DocumentLine:
    """The line's VAT, derived from what it charges and rounded once (PRC-7)."""
    rate = Decimal(line.vat_rate)
    net = round_minor(Decimal(line.gross_minor) / (1 + rate))
    return DocumentLine(
        position=position,
        kind=line.kind,
        description=line.description[:200],
        sku=line.sku,
        quantity=line.quantity,
        unit_net=(Decimal(net) / line.quantity).quantize(Decimal("0.01")),
        net_minor=net,
        vat_rate=rate,
        vat_minor=line.gross_minor - net,
        gross_minor=line.gross_minor,
    )


def vat_totals(lines: list[DocumentLine]) -> list[dict]:
    """Net and VAT per rate, the rates in increasing order."""
    by_rate: dict[Decimal, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        by_rate[Decimal(line.vat_rate)][0] += line.net_minor
        by_rate[Decimal(line.vat_rate)][1] += line.vat_minor
    return [
        {"rate": f"{rate:.4f}", "net_minor": net, "vat_minor": vat}
        for rate, (net, vat) in sorted(by_rate.items())
    ]


def seller() -> dict:
    """The seller's identity, from the policy: the same the terms of sale print (SITE-4)."""
    store, current = settings.MAISON_STORE, policy.POLICY
    return {
        "name": store["name"],
        "legal_form": current.seller_legal_form,
        "share_capital_minor": current.seller_share_capital_minor,
        "address": store["address"],
        "registration": current.seller_registration,
        "vat_number": current.seller_vat_number,
    }


def mentions(draft: Draft) -> list[str]:
    """The legal mentions of the document, in its language (DATA-1, PRC-2)."""
    said = []
    if draft.kind == Document.Kind.CREDIT_NOTE:
        said.append(_("Credit note: the amounts below are refunded to the buyer."))
    if is_export(draft.country):
        said.append(
            _(
                "VAT exemption: export outside the European Union, "
                "article 262 I of the French tax code."
            )
        )
    if draft.price_mode == "at_order":
        said.append(
            _(
                "Import duties and import VAT (%(rate)s%%) are collected at order, "
                "on the buyer's behalf."
            )
            % {"rate": _percent(draft.order_vat_rate)}
        )
    elif draft.price_mode == "at_delivery":
        said.append(_("Duties and taxes payable by the buyer on delivery."))
    return said


def _percent(rate) -> str:
    return f"{Decimal(rate) * 100:.4f}".rstrip("0").rstrip(".")


class PdfNotReady(Exception):
    """The document is issued, its PDF not made yet: it will be within minutes."""


def open_pdf(document: Document):
    """The PDF as issued, from the store's file storage; PdfNotReady while it is being made."""
    if not document.pdf_sha256:
        raise PdfNotReady(document.number)
    return default_storage.open(document.pdf_name, "rb")
