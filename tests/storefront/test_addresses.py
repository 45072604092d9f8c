"""Addresses and phones as each country writes them, from checkout to the email."""

import pytest
from django.core import mail
from django.urls import reverse

from maison.orders.models import Order
from tests import factories

from .helpers import add, checkout_to_review, details, place


@pytest.fixture
def abroad(store):
    return factories.us_and_japan()


def shop_in(client, country, shirt):
    client.post(reverse("storefront:country"), {"country": country})
    add(client, shirt)


def test_a_us_buyer_must_give_a_state_and_a_real_zip_code(client, abroad):
    # proves: ORD-4
    shop_in(client, "US", abroad)
    form = client.get(reverse("storefront:checkout")).content.decode()
    assert '<label for="id_ship-area">State' in form and ">New York</option>" in form
    missing = details(client, **{"ship-area": "", "ship-postal_code": "1011"})
    page = missing.content.decode()
    assert missing.status_code == 200
    assert "Please give the state." in page
    assert "This postcode does not exist in United States (for example 95014)." in page
    done = details(client)
    assert done.status_code == 302 and done.url == reverse("storefront:checkout-delivery")


def test_a_japanese_buyer_must_give_a_prefecture_and_a_postcode_in_its_form(client, abroad):
    # proves: ORD-4
    shop_in(client, "JP", abroad)
    form = client.get(reverse("storefront:checkout")).content.decode()
    assert '<label for="id_ship-area">Prefecture' in form and ">Tokyo</option>" in form
    page = details(client, **{"ship-area": "", "ship-postal_code": "15000"}).content.decode()
    assert "Please give the prefecture." in page
    assert "This postcode does not exist in Japan (for example 154-0023)." in page
    assert details(client).status_code == 302


def test_addresses_print_the_country_name_in_the_countrys_layout(
    client, abroad, django_capture_on_commit_callbacks
):
    # proves: ORD-4, ORD-6
    shop_in(client, "US", abroad)
    checkout_to_review(client)
    review = client.get(reverse("storefront:checkout-review")).content.decode()
    # The US layout: city, state and ZIP code on one line, then the country's name.
    assert "350 Fifth Avenue<br>New York, NY 10118<br>United States<br>" in review
    assert "<br>US<br>" not in review
    with django_capture_on_commit_callbacks(execute=True):
        placed = place(client)
    confirmation = client.get(placed.url).content.decode()
    assert "New York, NY 10118<br>United States<br>" in confirmation
    email = mail.outbox[0]
    assert "350 Fifth Avenue\nNew York, NY 10118\nUnited States\n" in email.body
    assert "New York, NY 10118<br>United States<br>" in email.alternatives[0][0]


def test_a_french_page_names_the_country_in_french(client, abroad):
    # proves: ORD-4, SITE-6
    client.post(reverse("storefront:country"), {"country": "JP"})
    add(client, abroad)
    checkout_to_review(client)
    review = client.get("/fr/checkout/review/").content.decode()
    # Japan writes the city in the street lines, the prefecture after them, the postcode last.
    assert "1-2-3 Jingumae<br>Shibuya-ku, Tokyo<br>150-0001<br>Japon<br>" in review


def test_a_phone_must_be_one_a_carrier_can_call_and_is_kept_in_e164(
    client, store, django_capture_on_commit_callbacks
):
    # proves: ORD-4, ACC-4
    add(client, factories.variant())
    refused = details(client, **{"ship-phone": "123456"}).content.decode()
    assert "Please enter a phone number the carrier can call, e.g. +33 6 12 34 56 78." in refused
    assert details(client, **{"ship-phone": "06 12 34 56 78"}).status_code == 302
    checkout_to_review(client)
    with django_capture_on_commit_callbacks(execute=True):
        place(client, accept=True)
    order = Order.objects.get()
    assert order.shipping_address["phone"] == "+33600000000"
    # Shown in the national format of the address's country.
    assert "06 00 00 00 00" in client.get(order.get_absolute_url()).content.decode()


def test_countries_are_listed_in_the_readers_alphabetical_order(client, abroad):
    # proves: SITE-3, SITE-6
    factories.market("ES", vat="0.21")
    factories.market("DE", vat="0.19")
    add(client, abroad)
    page = client.get("/fr/checkout/").content.decode()
    billing = page[page.index('name="bill-country"') :]
    billing = billing[: billing.index("</select>")]
    names = [n for n in ("Allemagne", "Espagne", "États-Unis", "France", "Japon") if n in billing]
    assert names == ["Allemagne", "Espagne", "États-Unis", "France", "Japon"]
    assert [billing.index(n) for n in names] == sorted(billing.index(n) for n in names)


def test_a_field_too_long_says_so_once_without_a_second_error(client, store):
    # proves: ORD-4
    add(client, factories.variant())
    page = details(client, **{"ship-postal_code": "9" * 500}).content.decode()
    assert "Ensure this value has at most 12 characters (it has 500)." in page
    assert page.count("This field is required.") == 0
