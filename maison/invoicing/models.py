"""Invoices, credit notes and the archive: rows written once, never changed (DATA-1, ORD-11).

A document is issued with its number and its lines in one transaction, then
refused every UPDATE and DELETE: by the model here, and on PostgreSQL by
triggers (migrations 0002, 0005) that raw SQL cannot get around either. The
one exception: its PDF, made after commit, is recorded once (`pdf_name`,
`pdf_sha256` set while empty; `services.make_pdf`). A correction is a credit
note, never an edit.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maison.markets.money import Money


class Immutable(Exception):
    """An issued document or an archived record cannot be changed or deleted."""


class WrittenOnce(models.Model):
    """Inserted once; every later save or delete is refused (SQLite has no trigger for it)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise Immutable(f"{self._meta.label} {self.pk} is issued: it cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Immutable(f"{self._meta.label} {self.pk} is issued: it cannot be deleted")


class Counter(models.Model):
    """The last number issued in a year; locked by the transaction that issues the next."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Document(WrittenOnce):
    """An invoice (one per shipment) or a credit note (one per refund), as issued (DATA-1)."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    sequence = models.PositiveIntegerField(verbose_name=_("sequence"))
    issued_at = models.DateTimeField(_("issued at"), db_index=True)
    # What it was issued for ("shipment:12", "refund:7"): issuing twice finds it.
    source = models.CharField(max_length=40, unique=True, verbose_name=_("source"))
    order_number = models.CharField(_("order"), max_length=20, db_index=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("corrects"),
    )
    seller = models.JSONField(verbose_name=_("seller"))
    buyer = models.JSONField(verbose_name=_("buyer"))
    buyer_email = models.EmailField(_("buyer"), db_index=True)
    delivery_address = models.JSONField(verbose_name=_("delivery address"))
    # Where the goods go: the VAT return's country (OSS) or an export.
    country = models.CharField(_("delivery country"), max_length=2)
    price_mode = models.CharField(max_length=12, verbose_name=_("price display mode"))
    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    language = models.CharField(max_length=8, verbose_name=_("language"))
    total_minor = models.BigIntegerField(_("total"))
    # [{"rate": "0.2000", "net_minor": ..., "vat_minor": ...}] by rate, from the lines.
    vat_totals = models.JSONField(default=list, verbose_name=_("VAT totals"))
    mentions = models.JSONField(default=list, verbose_name=_("legal mentions"))
    # Empty until the PDF is made, after the number is committed; then written once.
    pdf_name = models.CharField(max_length=200, verbose_name=_("PDF file"))
    pdf_sha256 = models.CharField(max_length=64, verbose_name=_("PDF fingerprint (SHA-256)"))

    class Meta:
        ordering = ["year", "sequence"]
        verbose_name = _("invoice or credit note")
        verbose_name_plural = _("invoices and credit notes")
        # The quarter's VAT return is Finance's work; reading documents does not open it.
        permissions = [("view_vat_return", _("Can see the VAT return"))]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="one_number_per_year"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def total(self) -> Money:
        return Money(self.total_minor, self.currency)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE


class DocumentLine(WrittenOnce):
    """A line as issued (goods, a charge, a deduction) with its VAT (PRC-4, PRC-7)."""

    class Kind(models.TextChoices):
        GOODS = "goods", _("Goods")
        DELIVERY = "delivery", _("Delivery")
        DUTIES = "duties", _("Import duties")
        IMPORT_VAT = "import_vat", _("Import VAT")
        # Kept back from a refund (a return's cost): negative, on a credit note only.
        DEDUCTION = "deduction", _("Deduction")

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="lines", verbose_name=_("document")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind"))
    description = models.CharField(max_length=200, verbose_name=_("description"))
    sku = models.CharField(max_length=40, blank=True, verbose_name=_("SKU"))
    quantity = models.PositiveSmallIntegerField(verbose_name=_("quantity"))
    # Without tax, per unit, to the hundredth of a minor unit: the line's net is exact.
    unit_net = models.DecimalField(
        max_digits=14, decimal_places=2, verbose_name=_("unit price excluding VAT")
    )
    net_minor = models.BigIntegerField(verbose_name=_("excluding VAT"))
    vat_rate = models.DecimalField(max_digits=5, decimal_places=4, verbose_name=_("VAT rate"))
    vat_minor = models.BigIntegerField(verbose_name=_("VAT"))
    gross_minor = models.BigIntegerField(verbose_name=_("including VAT"))

    class Meta:
        verbose_name = _("document line")
        verbose_name_plural = _("document lines")
        ordering = ["document", "position"]

    def __str__(self) -> str:
        return f"{self.document} {self.position}: {self.description}"


class PdfAttempt(models.Model):
    """A document whose PDF could not be made yet: how often it was tried, and when last.

    Kept beside the document, which is written once: the job that makes missing
    PDFs tries the least recently tried first, so PDFs that keep failing never
    hold back newer ones. Deleted once the PDF is made.
    """

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="pdf_attempt", primary_key=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.document}: {self.attempts}"


class ArchivePending(models.Model):
    """A fact waiting to be chained: written in the transaction that makes it true.

    The chaining worker takes these in the order they become visible, so the
    chain follows commit order and no writer waits for the chain's lock.
    """

    kind = models.CharField(max_length=40)
    at = models.DateTimeField()
    payload = models.JSONField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class ArchiveRecord(WrittenOnce):
    """One link of the tamper-evident chain (ORD-11).

    `hash` is the SHA-256 of the canonical JSON of (seq, kind, at, payload,
    prev_hash): editing, removing or reordering any record breaks the chain
    from there, and `verify_archive` names the first broken link.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    kind = models.CharField(max_length=40)
    at = models.DateTimeField(db_index=True)
    payload = models.JSONField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"{self.seq} {self.kind}"


class ExchangeRate(models.Model):
    """The EUR value of one unit of a currency for a quarter, as staff recorded it (OSS)."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, q) for q in (1, 2, 3, 4)])
    currency = models.CharField(_("currency"), max_length=3)
    # A rate of zero or below would turn the quarter's sales into no VAT at all (OSS).
    eur_per_unit = models.DecimalField(
        _("EUR for one unit"),
        max_digits=12,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "currency"], name="one_rate_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter} {self.currency} {self.eur_per_unit}"
