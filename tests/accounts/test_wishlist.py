import re

from django.urls import reverse

from maison.accounts.models import WishlistItem
from tests import factories

from .helpers import member, signed_in


def heart(client, product, back=None):
    return client.post(
        reverse("storefront:wishlist-toggle"),
        {"product": product.pk, "back": back or product.get_absolute_url()},
    )


def header_count(page: str) -> int:
    return int(re.search(r'class="wishlist-link".*?\((\d+)', page, re.S).group(1))


def test_the_heart_adds_and_removes_a_product_and_the_header_counts_it(client, store):
    # proves: SITE-1, ACC-5
    coat = factories.variant(of=factories.product(name="Wrap coat")).product
    page = client.get(coat.get_absolute_url()).content.decode()
    assert header_count(page) == 0
    assert re.search(r'<button type="submit" class="heart">.*?Add to wishlist', page, re.S)
    response = heart(client, coat)
    assert response.status_code == 302 and response.url == coat.get_absolute_url()
    page = client.get(coat.get_absolute_url()).content.decode()
    assert header_count(page) == 1 and "Remove from wishlist" in page
    assert "Wrap coat" in client.get(reverse("storefront:wishlist")).content.decode()
    heart(client, coat)
    assert header_count(client.get(coat.get_absolute_url()).content.decode()) == 0


def test_product_cards_carry_a_heart_named_for_their_product(client, store):
    # proves: SITE-1
    coat = factories.variant(of=factories.product(name="Wrap coat")).product
    page = client.get(coat.category.get_absolute_url()).content.decode()
    named = "Add to wishlist: Wrap coat"
    assert re.search(rf'name="product" value="{coat.pk}".*?{named}', page, re.S)


def test_a_guests_wishlist_joins_the_members_on_sign_in(client, store):
    # proves: ACC-5, SITE-1
    coat, scarf = (factories.variant().product for _ in range(2))
    camille = member()
    WishlistItem.objects.create(user=camille, product=scarf, added_at=camille.date_joined)
    heart(client, coat)
    heart(client, scarf)
    signed_in(client, camille)
    assert set(WishlistItem.objects.filter(user=camille).values_list("product", flat=True)) == {
        coat.pk,
        scarf.pk,
    }
    assert "wishlist" not in client.session
    assert header_count(client.get(reverse("storefront:wishlist")).content.decode()) == 2


def test_a_members_heart_is_kept_in_the_account(client, store):
    # proves: ACC-5
    coat = factories.variant().product
    camille = member()
    signed_in(client, camille)
    heart(client, coat)
    assert WishlistItem.objects.filter(user=camille, product=coat).exists()
    heart(client, coat)
    assert not WishlistItem.objects.filter(user=camille).exists()


def test_the_heart_refuses_unknown_products_and_foreign_return_addresses(client, store):
    coat = factories.variant().product
    assert client.post(reverse("storefront:wishlist-toggle"), {"product": "x"}).status_code == 404
    assert (
        client.post(reverse("storefront:wishlist-toggle"), {"product": 999999}).status_code == 404
    )
    response = heart(client, coat, back="https://evil.example/")
    assert response.url == coat.get_absolute_url()


def test_a_french_card_names_its_heart_with_a_french_colon(client, store):
    # proves: SITE-6
    # French puts a space before a colon: "Ajouter à la liste d'envies : …".
    coat = factories.variant(of=factories.product(name="Wrap coat")).product
    page = client.get(f"/fr/c/{coat.category.slug}/").content.decode()
    assert "Ajouter à la liste d'envies : Wrap coat" in page
    assert "envies: " not in page
