"""The small things of checkout that a buyer notices: billing, edits, tracking, statuses."""

import re

from django.urls import reverse

from maison.checkout.models import Checkout
from maison.orders.models import Order
from tests import factories

from .helpers import add, buy, checkout_to_review, details


def test_the_billing_address_defaults_to_the_country_shopped_in(client, store):
    # proves: ORD-4
    factories.market("DE", vat="0.19")
    factories.delivery_methods(factories.market("DE", vat="0.19"))
    client.post(reverse("storefront:country"), {"country": "DE"})
    add(client, factories.variant())
    page = client.get(reverse("storefront:checkout")).content.decode()
    billing = re.search(r'<select name="bill-country".*?</select>', page, re.S).group(0)
    assert '<option value="DE" selected>Germany</option>' in billing
    # Hidden by the style sheet while "same as delivery" is ticked (no script involved).
    assert 'class="billing-address"' in page
    css = client.get("/static/storefront/site.css").getvalue().decode()
    assert "form:has(#id_billing_same:checked) .billing-address { display: none; }" in css


def test_editing_from_the_review_returns_to_it_without_asking_for_the_card(client, store):
    # proves: ORD-4
    add(client, factories.variant())
    checkout_to_review(client)
    review = client.get(reverse("storefront:checkout-review")).content.decode()
    edit = re.search(r'href="([^"]*)">Edit delivery address', review).group(1)
    saved = client.post(
        edit,
        {
            "email": "camille@example.com",
            "billing_same": "on",
            **{f"ship-{k}": v for k, v in factories.address_in("FR").items()},
            "ship-line1": "9 quai Saint-Vincent",
        },
    )
    assert saved.status_code == 302 and saved.url == reverse("storefront:checkout-review")
    again = client.get(saved.url).content.decode()
    assert "9 quai Saint-Vincent" in again and "•••• 4242" in again
    assert Checkout.objects.get().card_last4 == "4242"
    method = re.search(r'href="([^"]*)">Change delivery method', again).group(1)
    chosen = client.post(method, {"method": "express"})
    assert chosen.url == reverse("storefront:checkout-review")


def test_the_ordinary_path_still_goes_step_by_step(client, store):
    # proves: ORD-4
    add(client, factories.variant())
    assert details(client).url == reverse("storefront:checkout-delivery")


def test_the_tracking_form_keeps_what_was_typed_after_a_miss(client, store):
    # proves: ORD-10
    missed = client.post(
        reverse("storefront:track"), {"number": "MD0000099", "email": "lou@example.com"}
    )
    page = missed.content.decode()
    assert missed.status_code == 404
    assert 'name="number" value="MD0000099"' in page
    assert 'name="email" value="lou@example.com"' in page


def test_an_orders_status_reads_as_a_word_in_both_languages(client, store):
    # proves: ORD-10
    buy(client, factories.variant())
    order = Order.objects.get()
    assert "<dd>Placed</dd>" in client.get(order.get_absolute_url()).content.decode()
    french = client.get(order.get_absolute_url().replace("/en/", "/fr/", 1)).content.decode()
    assert "<dd>Enregistrée</dd>" in french
