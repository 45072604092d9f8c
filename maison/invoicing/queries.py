"""Reading issued documents: an order's, one for download, and the quarter's VAT return."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Sum

from maison.markets.money import exponent, round_minor
from maison.terms.policy import POLICY

from .models import Document, DocumentLine, ExchangeRate
from .territories import HOME_COUNTRY, is_export


def of_order(order_number: str) -> list[Document]:
    return list(Document.objects.filter(order_number=order_number).order_by("year", "sequence"))


def one_of_order(order_number: str, number: str) -> Document | None:
    """The document `number` if it belongs to the order, else None: a buyer sees only theirs."""
    return Document.objects.filter(order_number=order_number, number=number).first()


def invoices_of_order(order_number: str) -> list[Document]:
    """The order's invoices, the first issued first."""
    return [document for document in of_order(order_number) if not document.is_credit_note]


def uncredited_minor(invoice: Document) -> int:
    """What the credit notes issued so far leave of an invoice's total."""
    credited = invoice.credit_notes.aggregate(total=Sum("total_minor"))["total"] or 0
    return invoice.total_minor - credited


def quarter_bounds(year: int, quarter: int) -> tuple[datetime, datetime]:
    """The quarter's first instant and the next quarter's, in the store's time zone."""
    zone = ZoneInfo(POLICY.store_time_zone)
    first = date(year, 3 * quarter - 2, 1)
    after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return datetime.combine(first, time(), zone), datetime.combine(after, time(), zone)


class MissingExchangeRate(Exception):
    """A market priced in another currency sold this quarter and staff have recorded no rate."""

    def __init__(self, currencies: list[str]):
        self.currencies = currencies
        super().__init__(", ".join(currencies))


@dataclass
class ReturnRow:
    """One line of the VAT return: a country and a rate, in EUR minor units."""

    section: str  # "oss" (EU, not France), "france", "export" (exempt, art. 262 I)
    country: str
    rate: Decimal
    sales_net: int = 0
    sales_vat: int = 0
    refunds_net: int = 0
    refunds_vat: int = 0

    @property
    def net(self) -> int:
        return self.sales_net - self.refunds_net

    @property
    def vat(self) -> int:
        return self.sales_vat - self.refunds_vat


@dataclass
class VatReturn:
    year: int
    quarter: int
    rows: list[ReturnRow] = field(default_factory=list)

    def section(self, name: str) -> list[ReturnRow]:
        return [row for row in self.rows if row.section == name]


SECTIONS = ("oss", "france", "export")


def _section(country: str) -> str:
    if country == HOME_COUNTRY:
        return "france"
    return "export" if is_export(country) else "oss"


def vat_return(year: int, quarter: int) -> VatReturn:
    """Sales and refunds of the quarter per destination and VAT rate, in EUR (OSS).

    From the documents issued in the quarter: a refund counts in the quarter
    of its credit note. Amounts in another currency are converted at the rate
    staff recorded for the quarter, once per country, rate and currency.
    """
    since, until = quarter_bounds(year, quarter)
    sums = (
        DocumentLine.objects.filter(document__issued_at__gte=since, document__issued_at__lt=until)
        .values("document__kind", "document__country", "document__currency", "vat_rate")
        .annotate(net=Sum("net_minor"), vat=Sum("vat_minor"))
        .order_by()
    )
    rates = {
        rate.currency: rate.eur_per_unit
        for rate in ExchangeRate.objects.filter(year=year, quarter=quarter)
    }
    missing = sorted({s["document__currency"] for s in sums} - set(rates) - {"EUR"})
    if missing:
        raise MissingExchangeRate(missing)
    rows: dict[tuple, ReturnRow] = {}
    for found in sums:
        country, rate = found["document__country"], Decimal(found["vat_rate"])
        row = rows.setdefault((country, rate), ReturnRow(_section(country), country, rate))
        currency = found["document__currency"]
        net = _in_eur(found["net"], currency, rates)
        vat = _in_eur(found["vat"], currency, rates)
        if found["document__kind"] == Document.Kind.CREDIT_NOTE:
            row.refunds_net += net
            row.refunds_vat += vat
        else:
            row.sales_net += net
            row.sales_vat += vat
    ordered = sorted(rows.values(), key=lambda r: (SECTIONS.index(r.section), r.country, r.rate))
    return VatReturn(year, quarter, ordered)


def _in_eur(minor: int, currency: str, rates: dict) -> int:
    if currency == "EUR":
        return minor
    units = Decimal(minor).scaleb(-exponent(currency))
    return round_minor(units * rates[currency] * 100)
