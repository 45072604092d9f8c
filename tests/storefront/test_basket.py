from django.urls import reverse

from tests import factories

from .helpers import add


def test_the_buyer_sees_changes_and_deletes_basket_lines(client, store):
    # proves: ORD-2, SITE-1
    shirt = factories.variant(stock=5, price_minor=95_00)
    add(client, shirt)
    add(client, shirt)
    basket = client.get(reverse("storefront:basket"))
    line = basket.context["basket"].lines[0]
    assert line.quantity == 2
    assert "€190.00" in basket.content.decode()
    assert "(2)" in basket.content.decode()  # the header's basket count
    client.post(reverse("storefront:basket-update", args=[line.id]), {"quantity": 4})
    assert client.get(reverse("storefront:basket")).context["basket"].subtotal.minor == 380_00
    client.post(reverse("storefront:basket-remove", args=[line.id]))
    page = client.get(reverse("storefront:basket"))
    assert page.context["basket"].is_empty
    assert "Your basket is empty" in page.content.decode()


def test_setting_a_quantity_to_zero_removes_the_line(client, store):
    # proves: ORD-2
    shirt = factories.variant(stock=5)
    add(client, shirt)
    line = client.get(reverse("storefront:basket")).context["basket"].lines[0]
    client.post(reverse("storefront:basket-update", args=[line.id]), {"quantity": 0})
    assert client.get(reverse("storefront:basket")).context["basket"].is_empty


def test_raising_a_quantity_beyond_stock_keeps_the_old_one(client, store):
    # proves: ORD-2, PRD-1
    shirt = factories.variant(stock=2)
    add(client, shirt)
    line = client.get(reverse("storefront:basket")).context["basket"].lines[0]
    response = client.post(reverse("storefront:basket-update", args=[line.id]), {"quantity": 5})
    page = client.get(response.url)
    assert "Only 2 left" in page.content.decode()
    assert page.context["basket"].lines[0].quantity == 1
