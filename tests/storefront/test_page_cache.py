"""Category and product pages come from the cache, yet are never stale and never someone else's.

Every shopper below looks at the pages first, so that what they see next comes
from the cache unless a change has made it stale (issue 12).
"""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from maison.markets.models import Price, PriceMode
from tests import factories

from .helpers import add, buy

LANGUAGES = ("en", "fr")
COUNTRIES = ("FR", "CH")


@pytest.fixture
def shirts(store):
    """France (EUR) and Switzerland (CHF), and a shirt sold in both: 120 EUR, 130 CHF.

    Size M has one unit left, size L five.
    """
    factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    category = factories.category("Shirts")
    shirt = factories.product(name="Oxford shirt", in_category=category, price_minor=120_00)
    factories.price(shirt, 130_00, "chf")
    last_one = factories.variant(of=shirt, size="M", stock=1)
    factories.variant(of=shirt, size="L", stock=5)
    return category, shirt, last_one


def shopper_in(country: str) -> Client:
    shopper = Client()
    shopper.post(reverse("storefront:country"), {"country": country})
    return shopper


def pages(language: str, category, product) -> list[str]:
    return [f"/{language}/c/{category.slug}/", f"/{language}/p/{product.slug}/"]


def seen(shopper: Client, url: str) -> str:
    response = shopper.get(url)
    assert response.status_code == 200
    return response.content.decode()


def look_everywhere(shoppers, category, product) -> None:
    """Every shopper sees every page in both languages, twice: the cache is warm."""
    for shopper in shoppers.values():
        for language in LANGUAGES:
            for url in pages(language, category, product):
                seen(shopper, url)
                seen(shopper, url)


def test_a_price_change_shows_on_the_next_request_in_every_market_and_language(shirts):
    # proves: PRC-1, PRC-2
    category, shirt, _ = shirts
    shoppers = {country: shopper_in(country) for country in COUNTRIES}
    look_everywhere(shoppers, category, shirt)
    # Staff lower the shirt in both price lists, as the back office saves a price.
    for code, amount in (("eur", 99_00), ("chf", 110_00)):
        price = Price.objects.get(product=shirt, price_list__code=code, variant=None)
        price.amount_minor = amount
        price.save()
    now_and_before = {
        ("FR", "en"): ("€99.00", "€120.00"),
        ("FR", "fr"): ("99,00\xa0€", "120,00\xa0€"),
        ("CH", "en"): ("CHF\xa0110.00", "CHF\xa0130.00"),
        ("CH", "fr"): ("110,00\xa0CHF", "130,00\xa0CHF"),
    }
    for (country, language), (now, before) in now_and_before.items():
        for url in pages(language, category, shirt):
            page = seen(shoppers[country], url)
            assert now in page, (country, url)
            assert before not in page, (country, url)


def test_a_new_product_shows_on_the_next_request_in_every_market_and_language(shirts):
    # proves: PRD-5
    category, shirt, _ = shirts
    shoppers = {country: shopper_in(country) for country in COUNTRIES}
    look_everywhere(shoppers, category, shirt)
    with translation.override("en"):  # staff write the English text; French falls back to it
        linen = factories.product(name="Linen shirt", in_category=category, price_minor=150_00)
        factories.price(linen, 160_00, "chf")
        factories.variant(of=linen, size="M")
    for country, shopper in shoppers.items():
        for language in LANGUAGES:
            page = seen(shopper, f"/{language}/c/{category.slug}/")
            assert "Linen shirt" in page, (country, language)
            assert linen.get_absolute_url() in page or f"/{language}/p/{linen.slug}/" in page


def choosable(page: str, variant) -> bool:
    """Whether the size's own control on the product page can be chosen."""
    control = re.search(rf'<input[^>]*name="size-\d+"[^>]*value="{variant.pk}"[^>]*>', page)
    assert control, f"no control for variant {variant.pk}"
    return "disabled" not in control.group(0)


def test_the_last_unit_of_a_size_selling_out_shows_on_the_next_request_everywhere(shirts):
    # proves: PRD-1
    category, shirt, last_one = shirts
    shoppers = {country: shopper_in(country) for country in COUNTRIES}
    look_everywhere(shoppers, category, shirt)
    for shopper in shoppers.values():
        for language in LANGUAGES:
            assert choosable(seen(shopper, f"/{language}/p/{shirt.slug}/"), last_one)
    # Someone else buys the last M.
    assert buy(Client(), last_one).status_code == 302
    sold_out = {"en": "sold out", "fr": "épuisé"}
    for country, shopper in shoppers.items():
        for language in LANGUAGES:
            page = seen(shopper, f"/{language}/p/{shirt.slug}/")
            assert not choosable(page, last_one), (country, language)
            assert sold_out[language] in page, (country, language)


def test_two_visitors_never_see_each_others_basket_count_or_hearts(shirts):
    # proves: SITE-1
    category, shirt, last_one = shirts
    camille, dominique = shopper_in("FR"), shopper_in("FR")
    add(camille, last_one)
    camille.post(reverse("storefront:wishlist-toggle"), {"product": shirt.pk})
    for url in pages("en", category, shirt) * 2:
        hers, his = seen(camille, url), seen(dominique, url)
        assert "(1)" in hers and "(0)" not in hers.split("Basket", 1)[1][:80], url
        assert "heart saved" in hers, url
        assert "(0)" in his.split("Basket", 1)[1][:80], url
        assert "heart saved" not in his, url


def test_each_visitor_gets_a_token_of_their_own_from_a_cached_page(shirts):
    # proves: SITE-1
    category, shirt, _ = shirts
    seen(Client(), shirt.get_absolute_url())  # the page is now in the cache
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = seen(visitor, shirt.get_absolute_url())
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        hearted = visitor.post(
            reverse("storefront:wishlist-toggle"),
            {"product": shirt.pk, "csrfmiddlewaretoken": token},
        )
        assert hearted.status_code == 302
        assert "heart saved" in seen(visitor, shirt.get_absolute_url())


def test_a_cached_page_carries_each_visitors_own_address_escaped(shirts):
    category, shirt, _ = shirts
    url = category.get_absolute_url()
    seen(Client(), url)
    page = seen(Client(), url + '?from="><b>x</b>&q=<i>linen</i>')
    assert "<b>x</b>" not in page and "<i>linen</i>" not in page
    assert "from=%22%3E%3Cb%3Ex%3C/b%3E" in page  # the address, in the country link
    assert 'value="&lt;i&gt;linen&lt;/i&gt;"' in page  # the search box
    assert "maison0" not in seen(Client(), url)  # no hole is ever left unfilled


def test_warm_category_and_product_pages_cost_no_query_for_a_new_visitor(
    shirts, django_assert_num_queries
):
    # proves: ORD-1
    category, shirt, _ = shirts
    for language in LANGUAGES:
        for url in pages(language, category, shirt):
            seen(Client(), url)
            with django_assert_num_queries(0):
                seen(Client(), url)


def test_warm_pages_cost_a_fixed_few_queries_for_a_shopper_with_a_basket(
    shirts, django_assert_num_queries
):
    # proves: ORD-1
    category, shirt, last_one = shirts
    shopper = shopper_in("CH")
    add(shopper, last_one)
    # The basket's count, and the session itself when it is kept in the database.
    expected = 1 + (settings.SESSION_ENGINE == "django.contrib.sessions.backends.db")
    for url in pages("fr", category, shirt):
        seen(shopper, url)  # shows "added to your basket", for this shopper only
        seen(shopper, url)
        with django_assert_num_queries(expected):
            seen(shopper, url)


def test_browsing_writes_nothing_and_reads_no_session_for_a_visitor_without_one(shirts):
    category, shirt, _ = shirts
    urls = [
        *pages("en", category, shirt),
        *pages("fr", category, shirt),
        "/en/",
        "/en/search/?q=ox",
    ]
    visitor = Client()
    with CaptureQueriesContext(connection) as captured:
        for url in urls * 2:
            seen(visitor, url)
    statements = [q["sql"].lstrip().split()[0].upper() for q in captured.captured_queries]
    assert set(statements) <= {"SELECT"}
    assert not any("django_session" in q["sql"] for q in captured.captured_queries)
    assert settings.SESSION_COOKIE_NAME not in visitor.cookies


def test_browsing_with_a_basket_writes_nothing(shirts):
    category, shirt, last_one = shirts
    shopper = shopper_in("FR")
    add(shopper, last_one)
    with CaptureQueriesContext(connection) as captured:
        for url in pages("en", category, shirt) * 2:
            seen(shopper, url)
    written = [
        q["sql"] for q in captured.captured_queries if not q["sql"].lstrip().startswith("SELECT")
    ]
    assert written == []
