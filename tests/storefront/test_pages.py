from django.test import Client
from django.urls import reverse

from maison.catalog.models import Variant
from maison.markets.models import Market, PriceMode
from maison.orders.models import Order
from tests import factories
from tests.storefront.helpers import add, checkout_to_review, place


def test_the_header_offers_search_basket_account_and_customer_service(client, store):
    # proves: SITE-1
    page = client.get("/en/").content.decode()
    assert 'role="search"' in page
    assert reverse("storefront:basket") in page and "(0)" in page
    assert reverse("storefront:account") in page
    assert reverse("storefront:customer-service") in page


def test_the_banner_threshold_is_the_markets(client, store):
    # proves: SITE-2
    assert (
        "Free delivery and free returns on orders of €250.00 or more"
        in client.get("/en/").content.decode()
    )
    # As staff change it in the back office: the market is saved.
    france = Market.objects.get(country="FR")
    france.free_delivery_threshold_minor = 300_00
    france.save()
    assert "orders of €300.00 or more" in client.get("/en/").content.decode()


def test_free_standard_delivery_is_decided_at_checkout_by_the_threshold(store):
    # proves: SITE-2, DEL-2, PRC-4
    def review_and_place(price_minor, method="standard"):
        shopper = Client()
        add(shopper, factories.variant(price_minor=price_minor))
        checkout_to_review(shopper, method=method)
        page = shopper.get(reverse("storefront:checkout-review")).content.decode()
        place(shopper)
        return page, Order.objects.latest("id")

    def row(label, amount):
        return f'<th scope="row" colspan="3">{label}</th><td>{amount}</td>'

    # One cent under 250.00: standard delivery costs 6.90, total 256.89.
    page, order = review_and_place(249_99)
    assert row("Delivery: Standard delivery", "€6.90") in page
    assert row("Total", "€256.89") in page
    assert (order.delivery_minor, order.total_minor) == (6_90, 256_89)
    # At 250.00 exactly it is free, on the review and on the order.
    page, order = review_and_place(250_00)
    assert row("Delivery: Standard delivery", "free") in page
    assert row("Total", "€250.00") in page
    assert (order.delivery_minor, order.total_minor) == (0, 250_00)
    # Express is never free: 900.00 + 19.00.
    page, order = review_and_place(900_00, method="express")
    assert row("Delivery: Express delivery", "€19.00") in page
    assert (order.delivery_minor, order.total_minor) == (19_00, 919_00)


def test_the_product_page_shows_the_essential_characteristics(client, store):
    # proves: ORD-1
    coat = factories.product(price_minor=590_00, name="Double-breasted coat")
    factories.variant(of=coat, colour="Camel", size="M", stock=4)
    factories.variant(of=coat, colour="Camel", size="L", stock=0)
    factories.variant(of=coat, colour="Camel", size="XL", stock=2)
    page = client.get(coat.get_absolute_url()).content.decode()
    for fact in [
        "Double-breasted coat",
        "A straight shirt in poplin.",
        "100% cotton",
        "Wash at 30 °C",
        "€590.00",
        "VAT included",
        "Camel",
        "Size in Camel",
        'L<span class="visually-hidden">, sold out',
        'XL<span class="availability low"><span class="visually-hidden">, </span>only 2 left',
    ]:
        assert fact in page
    sold_out = Variant.objects.get(product=coat, size="L")
    assert f'id="size-{sold_out.pk}" value="{sold_out.pk}" disabled' in page


def test_categories_paginate_and_filter_by_size_colour_and_price(client, store):
    # proves: ORD-1
    knitwear = factories.category("Knitwear")
    for n in range(30):
        product = factories.product(in_category=knitwear, price_minor=(100 + n) * 100)
        factories.variant(
            of=product, colour="Navy" if n % 2 else "Ecru", size="M" if n < 10 else "L"
        )
    url = knitwear.get_absolute_url()
    first = client.get(url)
    assert len(first.context["page"]) == 24
    assert len(client.get(url + "?page=2").context["page"]) == 6
    assert client.get(url + "?page=99").status_code == 200
    assert client.get(url + "?size=M").context["page"].paginator.count == 10
    assert client.get(url + "?colour=Navy&size=M").context["page"].paginator.count == 5
    assert client.get(url + "?min_price=110&max_price=114").context["page"].paginator.count == 5
    assert client.get(url + "?min_price=abc&size=ZZ").status_code == 200


def test_size_and_colour_together_find_products_made_in_that_exact_variant(client, store):
    # proves: ORD-1
    factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    knitwear = factories.category("Knitwear")
    split = factories.product(in_category=knitwear, name="Split crew-neck")
    factories.variant(of=split, colour="Navy", size="S")
    factories.variant(of=split, colour="White", size="M")
    exact = factories.product(in_category=knitwear, name="Exact crew-neck")
    factories.variant(of=exact, colour="Navy", size="M")
    factories.variant(of=exact, colour="Navy", size="L")
    factories.variant(of=exact, colour="White", size="M")
    euro_only = factories.product(in_category=knitwear, name="Euro-only crew-neck")
    factories.variant(of=euro_only, colour="Navy", size="M")
    factories.price(exact, 150_00, "chf")
    factories.price(split, 150_00, "chf")
    url = knitwear.get_absolute_url() + "?size=M&colour=Navy"
    response = client.get(url)
    names = [p.name for p in response.context["page"]]
    assert names == ["Exact crew-neck", "Euro-only crew-neck"]
    assert "2 products" in response.content.decode()
    # Two sizes and two colours: any variant in one of each.
    wider = client.get(knitwear.get_absolute_url() + "?size=M&size=S&colour=Navy")
    assert wider.context["page"].paginator.count == 3
    assert "3 products" in wider.content.decode()
    # In Switzerland the euro-only product is not sold: the same filter finds one.
    client.post(reverse("storefront:country"), {"country": "CH"})
    swiss = client.get(url)
    assert [p.name for p in swiss.context["page"]] == ["Exact crew-neck"]
    assert "1 product" in swiss.content.decode() and "1 products" not in swiss.content.decode()


def test_search_finds_names_and_descriptions(client, store):
    # proves: SITE-1
    factories.variant(
        of=factories.product(name="Merino crew-neck", description="Fine knit, ribbed cuffs.")
    )
    factories.variant(of=factories.product(name="Oxford shirt", description="Button-down collar."))
    assert [p.name for p in client.get("/en/search/?q=merino").context["page"]] == [
        "Merino crew-neck"
    ]
    assert [p.name for p in client.get("/en/search/?q=button-down").context["page"]] == [
        "Oxford shirt"
    ]
    assert client.get("/en/search/?q=" + "x" * 5000).status_code == 200
    assert client.get("/en/search/?q=<script>").content.decode().count("<script>") == 0


def test_the_terms_page_prints_the_policy_values(client, store):
    # proves: SITE-4, SITE-6
    page = client.get(reverse("storefront:terms")).content.decode()
    assert "within 14 days of delivery" in page
    assert "€250.00" in page
    assert "the French version prevails" in page


def test_french_filters_find_colours_shown_in_english_and_sort_accents_in_place(client, store):
    # proves: ORD-1, SITE-6
    knitwear = factories.category("Knitwear")
    navy = factories.variant(of=factories.product(in_category=knitwear, name="Navy jumper"))
    navy.colour_fr = "Marine"
    navy.save()
    # No French name yet: the French page shows the English one, and choosing it works.
    factories.variant(
        of=factories.product(in_category=knitwear, name="Sky jumper"), colour="Sky blue"
    )
    ecru = factories.variant(
        of=factories.product(in_category=knitwear, name="Ecru jumper"), colour="Ecru"
    )
    ecru.colour_fr = "Écru"
    ecru.save()
    green = factories.variant(
        of=factories.product(in_category=knitwear, name="Green jumper"), colour="Forest green"
    )
    green.colour_fr = "Vert forêt"
    green.save()
    french = knitwear.get_absolute_url().replace("/en/", "/fr/", 1)
    form = client.get(french).context["form"]
    assert [label for _value, label in form.fields["colour"].choices] == [
        "Écru",
        "Marine",
        "Sky blue",
        "Vert forêt",
    ]
    for colour, name in [("Sky blue", "Sky jumper"), ("Marine", "Navy jumper")]:
        found = client.get(french, {"colour": colour}).context["page"]
        assert [p.name for p in found] == [name], colour
