"""What a shipment or a refund hands to invoicing: plain values, no order model (DATA-1).

`maison.orders.documents` builds these from the order's rows, with the
amounts of the one rule of `maison.orders.shares`; invoicing prices the VAT,
numbers, renders and archives them. So invoicing never imports `orders`.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DraftLine:
    kind: str  # goods, delivery, duties, import_vat, deduction (`DocumentLine.Kind`)
    description: str
    quantity: int
    # What the line charges, as the buyer paid it: VAT included at `vat_rate`
    # (zero when none is charged: an export, duties, import VAT); negative for a
    # deduction, what a credit note keeps back.
    gross_minor: int
    vat_rate: Decimal = Decimal(0)
    sku: str = ""


@dataclass(frozen=True)
class Draft:
    kind: str  # invoice or credit_note (`Document.Kind`)
    source: str  # "shipment:12", "refund:7": issuing twice for one source finds the first
    order_number: str
    buyer_email: str
    billing_address: dict
    delivery_address: dict
    country: str
    price_mode: str  # PRC-2: included, at_order, at_delivery
    currency: str
    language: str
    lines: tuple[DraftLine, ...]
    # The VAT rate the order recorded for its destination (PRC-2: that of the order day).
    order_vat_rate: Decimal = Decimal(0)
    # The source of the invoice a credit note corrects; else the order's last invoice.
    corrects: str = ""
    # Or its number, when staff named it (a credit by hand).
    corrects_number: str = ""
