"""SITE-3, SITE-6: the country drives currency, prices, taxes, delivery and language."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maison.markets.models import DutyRate, PriceMode
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


def test_a_first_visit_asks_to_confirm_the_country_with_both_values_filled(client, store):
    # proves: SITE-3
    page = client.get(reverse("storefront:home")).content.decode()
    assert PROMPT_EN.format(currency="EUR", country="France") in page


def test_choosing_switzerland_reprices_the_basket_and_says_so(client, swiss):
    # proves: SITE-3, PRC-2
    shirt = factories.variant(price_minor=240_00)
    factories.price(shirt.product, 190_00, "chf")
    add(client, shirt)
    assert client.get(reverse("storefront:basket")).context["basket"].subtotal.minor == 240_00
    response = client.post(reverse("storefront:country"), {"country": "CH", "next": "/en/basket/"})
    # Switzerland's default language is French: the page follows, at its French address.
    assert response.url == "/fr/panier/" or response.url == "/fr/basket/"
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
