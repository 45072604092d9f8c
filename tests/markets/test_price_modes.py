"""PRC-2, PRC-3, PRC-7: three ways of showing prices and paying taxes, per market."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maison.checkout import services
from maison.markets.models import DutyRate, PriceMode
from tests import factories
from tests.storefront.helpers import add, checkout_to_review


@pytest.fixture
def world(store):
    swiss = factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    DutyRate.objects.create(country="CH", customs_category="apparel", rate=Decimal("0.04"))
    DutyRate.objects.create(country="CH", customs_category="footwear", rate=Decimal("0.03"))
    factories.delivery_methods(swiss)
    japan = factories.market(
        "JP",
        vat="0.10",
        currency="JPY",
        mode=PriceMode.DUTIES_AT_ORDER,
        threshold_minor=40000,
    )
    DutyRate.objects.create(country="JP", customs_category="apparel", rate=Decimal("0.09"))
    factories.delivery_methods(japan)
    usa = factories.market(
        "US",
        vat=None,
        currency="USD",
        mode=PriceMode.DUTIES_AT_DELIVERY,
        threshold_minor=300_00,
    )
    factories.delivery_methods(usa)
    return swiss, japan, usa


def priced_variant(eur=240_00, chf=190_00, jpy=26_100, usd=195_00, stock=5):
    made = factories.variant(price_minor=eur, stock=stock)
    factories.price(made.product, chf, "chf")
    factories.price(made.product, jpy, "jpy")
    factories.price(made.product, usd, "usd")
    return made


def test_duties_and_import_vat_are_charged_at_order_in_switzerland(world):
    # proves: PRC-2, PRC-7
    shirt = priced_variant(chf=190_00)
    order = services.place_order(
        factories.ready_checkout([(shirt, 2)], country="CH"), accepted_terms=True
    )
    # 380.00 goods, free delivery above 250.00, 4 % duty = 15.20,
    # import VAT 8.1 % of (380.00 + 0 + 15.20) = 32.01 (32.0112 rounded).
    assert (order.currency, order.subtotal_minor, order.delivery_minor) == ("CHF", 380_00, 0)
    assert order.duties_minor == 15_20
    assert order.import_vat_minor == 32_01
    assert order.total_minor == 380_00 + 15_20 + 32_01
    assert order.lines.get().duty_minor == 15_20
    assert order.payment.authorised_minor == order.total_minor


def test_import_vat_counts_the_delivery_too(world):
    # proves: PRC-2, PRC-4
    shirt = priced_variant(chf=100_00)
    order = services.place_order(
        factories.ready_checkout([(shirt, 1)], country="CH"), accepted_terms=True
    )
    # 100.00 + 6.90 delivery + 4.00 duty = 110.90; 8.1 % of it = 8.98 (8.9829).
    assert (order.delivery_minor, order.duties_minor, order.import_vat_minor) == (690, 4_00, 8_98)
    assert order.total_minor == 100_00 + 690 + 4_00 + 8_98


def test_japanese_orders_are_whole_yen(world):
    # proves: PRC-7
    shirt = priced_variant(jpy=26_111)
    order = services.place_order(
        factories.ready_checkout([(shirt, 3)], country="JP"), accepted_terms=True
    )
    # 78,333 yen, free delivery above 40,000; duty 9 % = 7,049.97 -> 7,050;
    # import VAT 10 % of 85,383 = 8,538.3 -> 8,538.
    assert (order.subtotal_minor, order.duties_minor, order.import_vat_minor) == (
        78_333,
        7_050,
        8_538,
    )
    assert order.total.format("en") == "¥93,921"


def test_in_the_united_states_nothing_is_added_and_the_buyer_is_told(client, world):
    # proves: PRC-2, PRC-3
    shirt = priced_variant(usd=195_00)
    client.post(reverse("storefront:country"), {"country": "US"})
    add(client, shirt)
    checkout_to_review(client)
    review = client.get(reverse("storefront:checkout-review"))
    page = review.content.decode()
    assert review.context["review"].total.minor == 195_00 + 690
    assert (
        "Prices exclude taxes" in page
        and "the carrier will collect them from you on delivery" in page
    )
    assert ">Import duties</th>" not in page


def test_the_review_page_states_the_mode_and_shows_the_duty_lines(client, world):
    # proves: PRC-3, ORD-4
    shirt = priced_variant(chf=190_00)
    client.post(reverse("storefront:country"), {"country": "CH"})
    add(client, shirt)
    checkout_to_review(client)
    page = client.get(reverse("storefront:checkout-review")).content.decode()
    assert "calculated now and paid with your order" in page
    assert "Import duties" in page and "CHF" in page and "Import VAT" in page


def test_france_states_taxes_included(client, world):
    # proves: PRC-3
    add(client, priced_variant())
    checkout_to_review(client)
    page = client.get(reverse("storefront:checkout-review")).content.decode()
    assert "All prices include VAT at the rate in force in" in page
    assert "of which VAT" in page


def test_a_product_without_a_price_in_a_market_is_not_sold_there(client, world):
    # proves: PRC-2, SITE-3
    only_in_euros = factories.variant(price_minor=99_00)
    client.post(reverse("storefront:country"), {"country": "CH"})
    page = client.get(only_in_euros.product.get_absolute_url()).content.decode()
    assert "This product is not sold in" in page
    response = add(client, only_in_euros)
    assert "is not sold in" in client.get(response.url).content.decode()
    category_page = client.get(only_in_euros.product.category.get_absolute_url())
    assert list(category_page.context["page"]) == []


def test_a_variant_may_have_its_own_price_in_a_market(client, world):
    # proves: PRC-2, PRC-1
    shirt = priced_variant(chf=190_00)
    large = factories.variant(of=shirt.product, size="XXL")
    factories.price(shirt.product, 210_00, "chf", variant=large)
    client.post(reverse("storefront:country"), {"country": "CH"})
    page = client.get(shirt.product.get_absolute_url()).content.decode()
    assert "from CHF\xa0190.00" in page
    xxl = '>XXL<span class="availability"><span class="visually-hidden">, </span>CHF\xa0210.00'
    assert xxl in page
    add(client, large)
    assert client.get(reverse("storefront:basket")).context["basket"].subtotal.minor == 210_00
