"""The quarter's VAT return, from orders placed, shipped and refunded through the store (OSS)."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from maison import clock
from maison.invoicing import queries
from maison.invoicing.models import Document, ExchangeRate
from maison.markets.models import Market, PriceMode
from maison.orders import refunds, shipments
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import STAFF, ship


def parcel_back_and_refunded(shipment, *, at):
    with clock.travel_to(at):
        shipments.mark_returned_to_sender(shipment, actor=STAFF, reason="Refused by the buyer")
        refund = shipments.refund_returned(shipment, actor=STAFF)
        refunds.pay(refund, actor="finance@orvane.example")


@pytest.fixture
def quarter(store):
    """Germany (19 %), Italy (22 %) and France (20 %), all in euros, with VAT included."""
    for country, vat in (("DE", "0.19"), ("IT", "0.22")):
        factories.delivery_methods(factories.market(country, vat=vat))
    coat = factories.variant(price_minor=450_00, stock=5)
    scarf = factories.variant(price_minor=85_01, stock=5)
    shirt = factories.variant(price_minor=33_33, stock=5)

    # Germany: a coat and a scarf, express (19.00), in two parcels; the scarf's comes back.
    german = place([(coat, 1), (scarf, 1)], at=paris(2026, 1, 5, 10), country="DE")
    coats, scarves = german.lines.order_by("id")
    ship(german, {coats: 1}, at=paris(2026, 1, 10, 9))
    second = ship(german, {scarves: 1}, at=paris(2026, 1, 12, 9), tracking="6A12345678902")
    parcel_back_and_refunded(second, at=paris(2026, 2, 2, 9))
    # Italy: three shirts, standard delivery (6.90 below the 250.00 threshold), one parcel.
    italian = place([(shirt, 3)], at=paris(2026, 2, 18, 10), country="IT", method="standard")
    ship(italian, {italian.lines.get(): 3}, at=paris(2026, 2, 20, 9))
    # Italy again: a scarf shipped on 31 March, refunded on 3 April: the next quarter's.
    late = place([(scarf, 1)], at=paris(2026, 3, 30, 10), country="IT", method="standard")
    back = ship(late, {late.lines.get(): 1}, at=paris(2026, 3, 31, 9))
    parcel_back_and_refunded(back, at=paris(2026, 4, 3, 9))
    # France: a coat, free standard delivery above 250.00.
    french = place([(coat, 1)], at=paris(2026, 3, 2, 10), method="standard")
    ship(french, {french.lines.get(): 1}, at=paris(2026, 3, 3, 9))


def rows(found):
    return {
        (r.section, r.country, str(r.rate)): (
            r.sales_net,
            r.sales_vat,
            r.refunds_net,
            r.refunds_vat,
        )
        for r in found.rows
    }


def test_the_vat_return_adds_sales_and_refunds_per_country_and_rate(quarter):
    # proves: DATA-1, PRC-7
    # Germany, 19 %. Coat parcel: 450.00 → net 378.15, VAT 71.85; delivery share
    # 19.00 × 450.00 / 535.01 = 15.98 → net 13.43, VAT 2.55. Scarf parcel: 85.01 → net
    # 71.44, VAT 13.57; delivery 19.00 - 15.98 = 3.02 → net 2.54, VAT 0.48; refunded whole.
    # Italy, 22 %. Shirts 99.99 → net 81.96, VAT 18.03; delivery 6.90 → net 5.66, VAT 1.24;
    # the late scarf 85.01 → net 69.68, VAT 15.33, delivery 6.90 → 5.66 and 1.24.
    # France, 20 %: the coat 450.00 → net 375.00, VAT 75.00.
    assert rows(queries.vat_return(2026, 1)) == {
        ("oss", "DE", "0.1900"): (
            378_15 + 13_43 + 71_44 + 2_54,
            71_85 + 2_55 + 13_57 + 48,
            71_44 + 2_54,
            13_57 + 48,
        ),
        ("oss", "IT", "0.2200"): (81_96 + 5_66 + 69_68 + 5_66, 18_03 + 1_24 + 15_33 + 1_24, 0, 0),
        ("france", "FR", "0.2000"): (375_00, 75_00, 0, 0),
    }
    # The Italian scarf's refund belongs to the quarter of its credit note.
    assert rows(queries.vat_return(2026, 2)) == {
        ("oss", "IT", "0.2200"): (0, 0, 69_68 + 5_66, 15_33 + 1_24),
    }


def test_the_vat_return_reconciles_with_the_documents_of_the_quarter(quarter):
    # proves: PRC-7
    found = queries.vat_return(2026, 1)
    since, until = queries.quarter_bounds(2026, 1)
    documents = Document.objects.filter(issued_at__gte=since, issued_at__lt=until)
    signed = sum(-d.total_minor if d.is_credit_note else d.total_minor for d in documents)
    assert sum(r.net + r.vat for r in found.rows) == signed


def test_an_export_is_listed_as_exempt_and_another_currency_needs_a_recorded_rate(store):
    # proves: PRC-2
    factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    factories.delivery_methods(Market.objects.get(country="CH"))
    coat = factories.variant(price_minor=450_00)
    factories.price(coat.product, 400_00, "chf")
    order = place([(coat, 1)], at=paris(2026, 1, 5, 10), country="CH", method="standard")
    ship(order, {order.lines.get(): 1}, at=paris(2026, 1, 6, 9))
    with pytest.raises(queries.MissingExchangeRate):
        queries.vat_return(2026, 1)
    ExchangeRate.objects.create(year=2026, quarter=1, currency="CHF", eur_per_unit=Decimal("1.05"))
    (row,) = queries.vat_return(2026, 1).rows
    assert (row.section, row.country, row.rate) == ("export", "CH", Decimal(0))
    # CHF 400.00 + free delivery + import VAT 8.1 % of 400.00 = 32.40 (no duty rate recorded):
    # CHF 432.40, no French VAT, at 1.05 → EUR 454.02.
    assert (row.sales_net, row.sales_vat) == (454_02, 0)


def test_finance_downloads_the_vat_return_as_csv(quarter, client):
    # proves: DATA-1
    finance = get_user_model().objects.create_user(
        "finance@orvane.example", "x-Strong-pass-1", is_staff=True
    )
    finance.groups.add(Group.objects.get(name="Finance"))
    client.force_login(finance)
    response = client.get(
        reverse("admin:invoicing_vat_return"), {"year": 2026, "quarter": 1, "format": "csv"}
    )
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0][:4] == ["section", "country", "vat_rate_percent", "sales_taxable_base_eur"]
    assert table[1] == [
        "oss",
        "DE",
        "19.00",
        "465.56",
        "88.45",
        "73.98",
        "14.05",
        "391.58",
        "74.40",
    ]
    assert table[3] == [
        "france",
        "FR",
        "20.00",
        "375.00",
        "75.00",
        "0.00",
        "0.00",
        "375.00",
        "75.00",
    ]
    page = client.get(reverse("admin:invoicing_vat_return"), {"year": 2026, "quarter": 1})
    assert "465.56" in page.content.decode()
    assert client.get(reverse("admin:invoicing_vat_return"), {"quarter": "five"}).status_code == 400
