"""SITE-3, SITE-6: the country drives currency, prices, taxes, delivery and language."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from maison.markets.demo import load_markets
from maison.markets.models import DutyRate, Market, PriceMode
from tests import factories

from .helpers import add

PROMPT_EN = (
    "To continue shopping in {currency} and get shipping options in {country}, "
    "please click continue"
)


@pytest.fixture
def swiss(store):
    made = factories.market(
        "CH",
        vat="0.081",
        currency="CHF",
        mode=PriceMode.DUTIES_AT_ORDER,
        language="fr",
    )
    DutyRate.objects.create(country="CH", customs_category="apparel", rate=Decimal("0.04"))
    factories.delivery_methods(made)
    return made


# Every demo market, its currency and its name in English and French, written out here.
DEMO_PROMPTS = [
    ("FR", "EUR", "France", "France"),
    ("DE", "EUR", "Germany", "Allemagne"),
    ("IT", "EUR", "Italy", "Italie"),
    ("ES", "EUR", "Spain", "Espagne"),
    ("BE", "EUR", "Belgium", "Belgique"),
    ("NL", "EUR", "Netherlands", "Pays-Bas"),
    ("GB", "GBP", "United Kingdom", "Royaume-Uni"),
    ("CH", "CHF", "Switzerland", "Suisse"),
    ("JP", "JPY", "Japan", "Japon"),
    ("US", "USD", "United States", "États-Unis"),
]
PROMPT_FR = (
    "Pour continuer vos achats en {currency} et obtenir les options de livraison pour la "
    "destination {country}, cliquez sur Continuer"
)


@pytest.fixture
def demo_markets(db):
    load_markets(dict.fromkeys(["markets", "delivery_methods"], 0))


def test_the_demo_markets_match_the_prompts_written_here(demo_markets):
    assert sorted(Market.objects.values_list("country", flat=True)) == sorted(
        country for country, *_ in DEMO_PROMPTS
    )


@pytest.mark.parametrize(("country", "currency", "english", "french"), DEMO_PROMPTS)
def test_the_country_prompt_names_the_country_in_the_page_language(
    client, demo_markets, country, currency, english, french
):
    # proves: SITE-3, SITE-6
    shopper = client.session
    shopper["country"] = country
    shopper.save()
    english_page = client.get("/en/").content.decode()
    assert PROMPT_EN.format(currency=currency, country=english) in english_page
    french_page = client.get("/fr/").content.decode()
    assert PROMPT_FR.format(currency=currency, country=french) in french_page


def test_a_first_visit_asks_to_confirm_the_country_with_both_values_filled(client, store):
    # proves: SITE-3
    page = client.get(reverse("storefront:home")).content.decode()
    assert PROMPT_EN.format(currency="EUR", country="France") in page


def test_confirming_the_country_keeps_the_language_being_read(client, swiss):
    # proves: SITE-6, SITE-3
    Market.objects.filter(country="FR").update(language="fr")
    # An English reader with a French browser confirms France: English it stays.
    response = client.post(
        reverse("storefront:country"),
        {"country": "FR", "next": "/en/c/shirts/"},
        HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9",
    )
    assert response.url == "/en/c/shirts/"
    # Then chooses Switzerland, whose language is French: still English.
    response = client.post(
        reverse("storefront:country"), {"country": "CH", "next": "/en/c/shirts/"}
    )
    assert response.url == "/en/c/shirts/"
    # A French reader choosing an English-speaking country keeps French too.
    with override("fr"):
        response = client.post(reverse("storefront:country"), {"country": "FR", "next": "/fr/"})
    assert response.url == "/fr/"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-CH,fr;q=0.9,en;q=0.8", "/fr/"),
        ("en-GB,en;q=0.9,fr;q=0.5", "/en/"),
        ("de-DE,de;q=0.9,fr;q=0.3", "/fr/"),
        ("de-DE,en;q=0.7", "/en/"),
    ],
)
def test_a_first_visit_follows_the_browser_when_it_names_english_or_french(
    client, store, accept_language, expected
):
    # proves: SITE-6
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response.url == expected


@pytest.mark.parametrize(("default", "expected"), [("fr", "/fr/"), ("en", "/en/")])
def test_a_browser_naming_neither_language_gets_the_country_default(
    client, store, default, expected
):
    # proves: SITE-6, SITE-3
    Market.objects.filter(country="FR").update(language=default)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert response.url == expected


def test_the_swiss_default_applies_when_the_browser_names_no_language(client, swiss):
    # proves: SITE-6, SITE-3
    shopper = client.session
    shopper["country"] = "CH"
    shopper.save()
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="it-CH").url == "/fr/"


@pytest.mark.parametrize(
    ("browser", "page", "chosen", "expected"),
    [
        ("fr-FR,fr;q=0.9", "/en/c/shirts/", "fr", "/fr/c/shirts/"),
        ("en-GB,en;q=0.9", "/fr/c/shirts/", "en", "/en/c/shirts/"),
        ("fr-FR,fr;q=0.9", "/fr/c/shirts/?page=2", "en", "/en/c/shirts/?page=2"),
        ("en-GB,en;q=0.9", "/en/", "fr", "/fr/"),
    ],
)
def test_the_language_switch_leads_to_the_same_page_whatever_the_browser_prefers(
    client, store, browser, page, chosen, expected
):
    # proves: SITE-6
    response = client.post(
        reverse("set_language"),
        {"language": chosen, "next": page},
        HTTP_ACCEPT_LANGUAGE=browser,
    )
    assert response.url == expected
    # The choice is kept: a later visit without a language in the address follows it.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=browser).url == f"/{chosen}/"


def test_choosing_switzerland_reprices_the_basket_and_says_so(client, swiss):
    # proves: SITE-3, PRC-2
    shirt = factories.variant(price_minor=240_00)
    factories.price(shirt.product, 190_00, "chf")
    add(client, shirt)
    assert client.get(reverse("storefront:basket")).context["basket"].subtotal.minor == 240_00
    response = client.post(reverse("storefront:country"), {"country": "CH", "next": "/en/basket/"})
    # Switzerland's default language is French, but the shopper reads English: it stays.
    assert response.url == "/en/basket/"
    page = client.get(response.url)
    assert page.context["basket"].subtotal.minor == 190_00
    assert page.context["basket"].subtotal.currency == "CHF"
    assert "CHF" in page.content.decode()


def test_an_explicit_language_choice_is_kept_when_the_country_changes(client, swiss):
    # proves: SITE-6, SITE-3
    client.post(reverse("set_language"), {"language": "en", "next": "/en/"})
    response = client.post(reverse("storefront:country"), {"country": "CH", "next": "/en/"})
    assert response.url == "/en/"


def test_an_unknown_country_is_refused_with_a_message(client, store):
    response = client.post(reverse("storefront:country"), {"country": "ZZ"})
    assert response.status_code == 400
    assert "Please choose a country from the list" in response.content.decode()


def test_the_next_address_cannot_lead_off_the_site(client, swiss):
    response = client.post(
        reverse("storefront:country"), {"country": "FR", "next": "https://evil.example/"}
    )
    assert "evil.example" not in response.url


def test_the_delivery_address_must_be_in_the_country_shopped_in(client, swiss):
    # proves: SITE-3, DEL-1
    client.post(reverse("storefront:country"), {"country": "CH"})
    scarf = factories.variant()
    factories.price(scarf.product, 90_00, "chf")
    add(client, scarf)
    page = client.get(reverse("storefront:checkout")).content.decode()
    assert '<option value="CH" selected>' in page
    assert '<option value="FR"' not in page.split('name="ship-country"')[1].split("</select>")[0]
