"""Issuing invoices and credit notes: numbered, rendered, stored and archived at once (DATA-1).

The number, the document, its lines, its PDF and its archive entry are
written in the caller's transaction (the shipment's or the refund's): all of
them are committed together, or none. The year's counter row is locked until
then, so two shipments never take the same number and a rolled-back one
takes none: the sequence has no gap.
"""

import hashlib
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from maison import clock
from maison.markets.money import round_minor
from maison.terms import policy

from . import archive, pdf
from .drafts import Draft, DraftLine
from .models import Counter, Document, DocumentLine
from .territories import is_export


def issue(draft: Draft) -> Document:
    """The document of `draft`; the one already issued for its source, if any."""
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
        )
        lines = [_priced(position, line) for position, line in enumerate(draft.lines, 1)]
        document.total_minor = sum(line.gross_minor for line in lines)
        document.vat_totals = vat_totals(lines)
        with override(draft.language):
            document.mentions = mentions(draft)
        content = pdf.render(document, lines)
        document.pdf_sha256 = hashlib.sha256(content).hexdigest()
        document.pdf_name = default_storage.save(
            f"invoices/{year}/{document.number}.pdf", ContentFile(content)
        )
        document.save()
        for line in lines:
            line.document = document
        DocumentLine.objects.bulk_create(lines)
        archive.keep(document.kind, archive.document_payload(document, lines), at=issued_at)
    return document


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


def open_pdf(document: Document):
    """The PDF as issued, from the store's file storage."""
    return default_storage.open(document.pdf_name, "rb")
