"""The PDF of an invoice or credit note: WeasyPrint, from a Django template, as PDF/A-3u.

Rendered once, at issue, and stored: a later change of this template or of
the store's details never alters a document already issued (DATA-1).
"""

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import override

from maison.markets.addresses import printed_lines
from maison.markets.money import Money, exponent


def render(document, lines) -> bytes:
    """The PDF bytes of `document` (not saved yet) and its priced lines."""
    with override(document.language):
        html = render_to_string("invoicing/document.html", context(document, lines))
    from weasyprint import HTML  # loaded on first use: it is heavy, and only issuing needs it

    # PDF/A-3u: the archival profile, fonts embedded, text extractable as Unicode.
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-3u")


def context(document, lines) -> dict:
    language = document.language

    def money(minor: int) -> str:
        return Money(minor, document.currency).format(language)

    def unit(value: Decimal) -> str:
        places = exponent(document.currency)
        return Money.from_decimal(value.scaleb(-places), document.currency).format(language)

    def percent(rate) -> str:
        number = formats.number_format((Decimal(rate) * 100).normalize(), use_l10n=True)
        # French typography: a (narrow) no-break space before the sign.
        return f"{number}\u202f%" if language == "fr" else f"{number}%"

    seller = document.seller
    return {
        "document": document,
        "language": language,
        "issued_on": formats.date_format(timezone.localtime(document.issued_at), "DATE_FORMAT"),
        "seller": seller,
        "share_capital": money_eur(seller["share_capital_minor"], language),
        "buyer_lines": printed_lines(document.buyer["address"], language),
        "delivery_lines": printed_lines(document.delivery_address, language),
        "lines": [
            {
                "description": line.description,
                "sku": line.sku,
                "quantity": line.quantity,
                "unit_net": unit(line.unit_net),
                "net": money(line.net_minor),
                "rate": percent(line.vat_rate),
                "vat": money(line.vat_minor),
                "gross": money(line.gross_minor),
            }
            for line in lines
        ],
        "vat_totals": [
            {
                "rate": percent(row["rate"]),
                "net": money(row["net_minor"]),
                "vat": money(row["vat_minor"]),
            }
            for row in document.vat_totals
        ],
        "total": money(document.total_minor),
        "corrects": document.corrects.number if document.corrects_id else "",
    }


def money_eur(minor: int, language: str) -> str:
    return Money(minor, "EUR").format(language)
