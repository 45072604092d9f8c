import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from maison.accounts.models import Address
from tests import factories

from .helpers import PASSWORD, an_order, member

User = get_user_model()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("storefront:sign-in", {"email": "camille@example.com", "password": PASSWORD}),
        ("storefront:register", {"email": "new@example.com", "password": "Tweed-jacket-7"}),
        ("storefront:forgot-password", {"email": "camille@example.com"}),
        ("storefront:wishlist-toggle", {"product": 1}),
    ],
)
def test_the_public_account_forms_refuse_a_post_without_the_csrf_token(store, name, data):
    # proves: ACC-7
    member()
    response = Client(enforce_csrf_checks=True).post(reverse(name), data)
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_the_members_forms_refuse_a_post_without_the_csrf_token(store):
    # proves: ACC-7, ACC-6
    camille = member()
    address = Address.objects.get(user=camille)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(camille)
    posts = {
        "storefront:sign-out": {},
        "storefront:profile": {"first_name": "Mallory"},
        "storefront:change-password": {"old_password": PASSWORD},
        "storefront:address-add": {"line1": "1 rue Piège"},
        "storefront:delete-account": {"password": PASSWORD},
    }
    for name, data in posts.items():
        assert strict.post(reverse(name), data).status_code == 403, name
    for name in ["storefront:address-edit", "storefront:address-delete"]:
        assert strict.post(reverse(name, args=[address.pk]), {}).status_code == 403, name
    camille.refresh_from_db()
    assert camille.is_active and camille.first_name == "Camille"
    assert Address.objects.filter(pk=address.pk).exists()


def staff(role: str) -> Client:
    person = User.objects.create_user(
        f"{role.lower().replace(' ', '-')}@orvane.example", is_staff=True
    )
    person.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(person)
    return client


def test_staff_roles_see_what_their_work_needs_and_nothing_more(store):
    # proves: DATA-4, ACC-7
    order = an_order(customer=member())
    stock = factories.variant().stock
    order_page = reverse("admin:orders_order_change", args=[order.pk])
    stock_page = reverse("admin:inventory_stock_change", args=[stock.pk])
    customers = reverse("admin:accounts_user_changelist")
    payments = reverse("admin:payments_payment_changelist")

    service = staff("Customer service")
    assert service.get(order_page).status_code == 200
    assert service.get(customers).status_code == 200
    assert service.get(stock_page).status_code == 200  # to answer "is it in stock?"
    assert service.post(stock_page, {"on_hand": 99}).status_code == 403

    warehouse = staff("Warehouse")
    assert warehouse.get(order_page).status_code == 200
    assert warehouse.get(customers).status_code == 403
    assert warehouse.get(payments).status_code == 403

    finance = staff("Finance")
    assert finance.get(payments).status_code == 200
    assert finance.get(customers).status_code == 403
    assert finance.get(stock_page).status_code == 403
