"""PRC-2, PRC-7: VAT is rounded half up, once per line, in every market.

Every amount below is worked out by hand in the comments. The prices are chosen
where the wrong roundings give another cent: an exact half (half-even would go
down to the even cent) and multi-unit lines (rounding each unit, then
multiplying, drifts from rounding the line).
"""

from decimal import Decimal

from django.urls import reverse

from maison.markets.models import DutyRate, PriceMode
from maison.orders.models import Order
from tests import factories
from tests.storefront.helpers import add, checkout_to_review, place


def buy(client, country, lines):
    """Basket, checkout, review page, place: the review's text and the placed order."""
    client.post(reverse("storefront:country"), {"country": country})
    for variant, quantity in lines:
        add(client, variant, quantity)
    checkout_to_review(client)
    page = client.get(reverse("storefront:checkout-review")).content.decode()
    place(client)
    return page, Order.objects.get()


def row(label, amount):
    return f'<th scope="row" colspan="3">{label}</th><td>{amount}</td>'


def test_french_vat_is_rounded_half_up_on_each_line_as_a_whole(client, store):
    # proves: PRC-7, PRC-2
    one = factories.variant(price_minor=120_03)
    pair = factories.variant(price_minor=120_03)
    page, order = buy(client, "FR", [(one, 1), (pair, 2)])
    # Line 1: 120.03 / 1.20 = 100.025, an exact half: net 100.03 (half up), VAT 20.00.
    #   (Half-even would keep 100.02 and say 20.01.)
    # Line 2: 240.06 / 1.20 = 200.05 exactly: VAT 40.01.
    #   (Per unit, 20.00 x 2 would say 40.00.)
    # Goods 360.09, above 250.00: delivery free. VAT 20.00 + 40.01 = 60.01.
    assert row("Products", "€360.09") in page
    assert row("of which VAT", "€60.01") in page
    assert row("Total", "€360.09") in page
    assert [line.tax_minor for line in order.lines.all()] == [20_00, 40_01]
    assert (order.tax_minor, order.total_minor) == (60_01, 360_09)


def test_french_vat_on_five_cents(client, store):
    # proves: PRC-7
    # 0.05 / 1.20 = 0.041..., net 0.04, VAT 0.01 a unit; but three units are one line:
    # 0.15 / 1.20 = 0.125, an exact half: net 0.13 (half up), VAT 0.02.
    # Delivery 6.90 / 1.20 = 5.75: VAT 1.15. Total VAT 1.17, total 7.05.
    button = factories.variant(price_minor=5, stock=10)
    page, order = buy(client, "FR", [(button, 3)])
    assert row("of which VAT", "€1.17") in page
    assert order.lines.get().tax_minor == 2
    assert (order.tax_minor, order.total_minor) == (1_17, 7_05)


def test_german_vat_at_19_percent_is_rounded_on_the_line(client, store):
    # proves: PRC-7, PRC-2
    germany = factories.market("DE", vat="0.19")
    factories.delivery_methods(germany)
    scarf = factories.variant(price_minor=99_99)
    page, order = buy(client, "DE", [(scarf, 3)])
    # 3 x 99.99 = 299.97; / 1.19 = 252.075...: net 252.08, VAT 47.89.
    # (Per unit: 99.99 / 1.19 = 84.025...: net 84.03, VAT 15.96; x 3 = 47.88.)
    # Above 250.00: delivery free.
    assert row("of which VAT", "€47.89") in page
    assert order.lines.get().tax_minor == 47_89
    assert (order.tax_minor, order.total_minor, order.market_country) == (47_89, 299_97, "DE")


def test_swiss_import_vat_rounds_an_exact_half_up(client, store):
    # proves: PRC-7, PRC-2
    swiss = factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    DutyRate.objects.create(country="CH", customs_category="apparel", rate=Decimal("0.04"))
    factories.delivery_methods(swiss)
    shirt = factories.variant(price_minor=120_00)
    factories.price(shirt.product, 95_24, "chf")
    page, order = buy(client, "CH", [(shirt, 2)])
    # Goods 2 x 95.24 = 190.48, below 250.00: delivery 6.90.
    # Duty 4 % of 190.48 = 7.6192: 7.62.
    # Import VAT 8.1 % of (190.48 + 6.90 + 7.62 = 205.00) = 16.605, an exact half: 16.61.
    #   (Half-even would say 16.60.)
    # Total 190.48 + 6.90 + 7.62 + 16.61 = 221.61.
    assert row("Import duties", "CHF\xa07.62") in page
    assert row("Import VAT", "CHF\xa016.61") in page
    assert row("Total", "CHF\xa0221.61") in page
    assert (order.duties_minor, order.import_vat_minor, order.tax_minor) == (7_62, 16_61, 16_61)
    assert order.total_minor == 221_61
