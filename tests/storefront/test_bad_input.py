"""Bad input gets a clear answer, never a server error."""

import pytest
from django.urls import reverse

from maison.orders.models import Order
from tests import factories

from .helpers import add, checkout_to_review, details, place


def messages_on(client, url):
    return client.get(url).content.decode()


def test_unknown_product_and_category_are_404_pages(client, store):
    assert client.get("/en/p/no-such-coat/").status_code == 404
    assert client.get("/en/c/no-such-category/").status_code == 404
    assert client.get("/en/img/no-such-coat/ffffff.svg").status_code == 404


@pytest.mark.parametrize(
    "form",
    [
        {"variant": 999999, "quantity": 1},
        {"variant": "abc", "quantity": 1},
        {"variant": "", "quantity": 1},
        {"quantity": 1},
    ],
)
def test_adding_an_unknown_variant_says_so(client, store, form):
    response = client.post(reverse("storefront:basket-add"), form)
    assert response.status_code == 302
    assert "Please choose an available size" in messages_on(client, response.url)


@pytest.mark.parametrize("quantity", [-1, 0, 11, 10**12, "many", ""])
def test_absurd_quantities_are_refused_with_a_message(client, store, quantity):
    # proves: ORD-2
    shirt = factories.variant(stock=50)
    response = client.post(
        reverse("storefront:basket-add"), {"variant": shirt.pk, "quantity": quantity}
    )
    assert response.status_code == 302
    assert "quantity from 1 to 10" in messages_on(client, response.url)
    assert client.get(reverse("storefront:basket")).context["basket"].is_empty


def test_asking_for_more_than_the_stock_says_how_many_are_left(client, store):
    # proves: ORD-2, PRD-1
    scarf = factories.variant(stock=2)
    response = add(client, scarf, quantity=3)
    assert "Only 2 left" in messages_on(client, response.url)


def test_a_sold_out_variant_cannot_be_added(client, store):
    # proves: PRD-1
    sold_out = factories.variant(stock=0)
    response = add(client, sold_out)
    assert "sold out" in messages_on(client, response.url)


def test_a_tampered_price_in_the_form_is_ignored(client, store):
    # proves: PRC-1
    shirt = factories.variant(price_minor=200_00)
    client.post(
        reverse("storefront:basket-add"),
        {"variant": shirt.pk, "quantity": 1, "price": 1, "price_minor": 1},
    )
    checkout_to_review(client)
    client.post(
        reverse("storefront:checkout-place"),
        {"accept_terms": "on", "reviewed": "forged", "total": 1},
    )
    place(client)
    assert Order.objects.get().total_minor == 206_90


def test_missing_checkout_fields_are_named_on_the_form(client, store):
    add(client, factories.variant())
    response = client.post(
        reverse("storefront:checkout"), {"email": "not-an-email", "billing_same": "on"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid email address" in page
    assert "This field is required" in page


def test_a_different_billing_address_must_be_complete(client, store):
    # proves: ORD-4
    add(client, factories.variant())
    response = details(client, billing_same="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_bad_card_details_are_named_on_the_payment_step(client, store):
    add(client, factories.variant())
    details(client)
    client.post(reverse("storefront:checkout-delivery"), {"method": "standard"})
    for number, message in [
        ("1234 5678 9012 3456", "not valid"),
        ("4111 1111 1111 1111", "only its test cards"),
    ]:
        response = client.post(
            reverse("storefront:checkout-payment"),
            {"number": number, "expiry_month": 1, "expiry_year": 2099, "cvc": "123"},
        )
        assert message in response.content.decode()
    response = client.post(
        reverse("storefront:checkout-payment"),
        {"number": factories.APPROVED_CARD, "expiry_month": 1, "expiry_year": 2001, "cvc": "123"},
    )
    assert "expired" in response.content.decode()


def test_an_unknown_delivery_method_is_refused(client, store):
    add(client, factories.variant())
    details(client)
    response = client.post(reverse("storefront:checkout-delivery"), {"method": "teleport"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_skipping_steps_leads_back_to_the_first_missing_one(client, store):
    add(client, factories.variant())
    assert client.get(reverse("storefront:checkout-review")).url == reverse("storefront:checkout")
    assert client.get(reverse("storefront:checkout-payment")).url == reverse("storefront:checkout")


def test_placing_without_a_checkout_or_with_an_empty_basket(client, store):
    response = client.post(
        reverse("storefront:checkout-place"), {"accept_terms": "on", "reviewed": "x"}
    )
    assert response.url == reverse("storefront:basket")
    assert client.get(reverse("storefront:checkout")).url == reverse("storefront:basket")


def test_placing_without_ticking_the_terms_shows_the_review_again(client, store):
    # proves: ORD-4
    add(client, factories.variant())
    checkout_to_review(client)
    response = place(client, accept=False)
    assert response.status_code == 400
    assert "Please accept the terms of sale" in response.content.decode()
    assert Order.objects.count() == 0


def test_a_wrong_order_link_is_a_404(client, store):
    assert client.get("/en/orders/MD0000001/not-a-key/").status_code == 404
    assert (
        client.get("/en/orders/MD0000001/5b0f6c2e-3f6a-4d43-9a47-1b2c3d4e5f60/").status_code == 404
    )


def test_updating_someone_elses_basket_line_does_nothing(client, store):
    other = factories.variant()
    from maison.basket.services import add_to_basket, new_basket

    line = add_to_basket(new_basket(), other, 1)
    add(client, factories.variant())
    response = client.post(reverse("storefront:basket-update", args=[line.pk]), {"quantity": 3})
    assert "no longer in your basket" in messages_on(client, response.url)
    line.refresh_from_db()
    assert line.quantity == 1
