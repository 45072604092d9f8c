"""Pages run a fixed number of queries however many products they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maison.markets.models import PriceMode
from tests import factories


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def fill(category, count, variants_each=3):
    for _ in range(count):
        product = factories.product(in_category=category)
        factories.price(product, 100_00, "chf")
        for size in ["S", "M", "L"][:variants_each]:
            factories.variant(of=product, size=size)


@pytest.mark.parametrize("country", ["FR", "CH"])
def test_the_category_page_costs_the_same_queries_for_2_or_24_products(client, store, country):
    # proves: ORD-1, PRC-2
    factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    few, many = factories.category("Knitwear"), factories.category("Coats")
    fill(few, 2)
    fill(many, 24)
    client.post(reverse("storefront:country"), {"country": country})
    client.get("/en/")  # the markets and the menu, read once for every page
    # Both pages rendered for the first time, then from the cache.
    small = queries_for(client, few.get_absolute_url())
    large = queries_for(client, many.get_absolute_url())
    page = client.get(many.get_absolute_url()).content.decode()
    assert sum(p.get_absolute_url() in page for p in many.products.all()) == 24
    assert small == large
    assert large <= 9


def test_the_product_page_costs_the_same_queries_for_1_or_12_variants(client, store):
    # proves: ORD-1
    plain = factories.product()
    factories.variant(of=plain)
    rich = factories.product()
    for colour in ["Navy", "Ecru", "Black"]:
        for size in ["XS", "S", "M", "L"]:
            factories.variant(of=rich, colour=colour, size=size)
    client.get("/en/")
    assert queries_for(client, plain.get_absolute_url()) == queries_for(
        client, rich.get_absolute_url()
    )


def test_search_and_home_are_bounded_too(client, store):
    factories.price_list("chf", "CHF", includes_tax=False)
    shirts = factories.category("Shirts")
    fill(shirts, 3)
    client.get("/en/")
    before = queries_for(client, reverse("storefront:search") + "?q=shirt")
    fill(shirts, 10)
    client.get("/en/")  # the catalogue changed: the menu and markets are read again once
    assert queries_for(client, reverse("storefront:search") + "?q=shirt") == before
