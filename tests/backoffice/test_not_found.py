"""A missing record or a mistyped address in the back office: its own 404, never a 500."""

import pytest
from django.contrib.auth import get_user_model

from maison.checkout import services
from tests import factories


@pytest.fixture
def staff(client, store):
    client.force_login(
        get_user_model().objects.create_superuser("boss@example.com", "x-Strong-pass-1")
    )
    return client


@pytest.mark.parametrize(
    "address",
    [
        "/admin/orders/order/999999/shipments/5/packing-slip/",
        "/admin/no-such-page/",
    ],
)
def test_a_missing_back_office_page_is_the_back_offices_own_404(staff, address):
    response = staff.get(address)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "the record may have been removed" in page
    assert 'href="/admin/"' in page
    # The back office's menu, not the shop's basket.
    assert "Log out" in page


def test_the_parcel_of_another_order_is_not_found_in_french(staff):
    # proves: SITE-6
    shirt = factories.variant()
    order = services.place_order(factories.ready_checkout([(shirt, 1)]), accepted_terms=True)
    response = staff.get(
        f"/admin/orders/order/{order.pk}/shipments/999/packing-slip/",
        headers={"accept-language": "fr"},
    )
    assert response.status_code == 404
    assert "Cette page du back-office n'existe pas" in response.content.decode()


def test_a_missing_shop_page_is_still_the_shops_404(client, store):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "This page does not exist, or no longer does." in response.content.decode()
