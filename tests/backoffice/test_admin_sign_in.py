"""The back office's sign-in counts failures like the storefront's (ACC-7)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from maison.terms.policy import POLICY

pytestmark = pytest.mark.usefixtures("one_attempts_window")

STAFF_PASSWORD = "x-Strong-pass-1"
TOO_MANY = "Too many attempts. Please try again in a few minutes."
WRONG = "This email and password do not match. Please try again."
NOT_STAFF = "Please enter the correct email and password for a staff account."


def staff(email="staff@example.com"):
    return get_user_model().objects.create_user(email, STAFF_PASSWORD, is_staff=True)


def admin_sign_in(client, email, password, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": email, "password": password, "next": "/admin/"},
        **extra,
    )


def signed_in(client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_staff_sign_in_to_the_back_office(client, db):
    staff()
    response = admin_sign_in(client, "Staff@Example.com", STAFF_PASSWORD)
    assert response.status_code == 302 and response.url == "/admin/"
    assert signed_in(client)


def test_wrong_passwords_for_a_staff_account_stop_at_the_policys_count(client, db):
    # proves: ACC-7
    assert POLICY.sign_in_failures_per_account == 5
    staff()
    pages = [admin_sign_in(client, "staff@example.com", f"guess-{n}") for n in range(30)]
    said = [page.content.decode() for page in pages]
    assert [WRONG in page for page in said] == [True] * 5 + [False] * 25
    assert [TOO_MANY in page for page in said] == [False] * 5 + [True] * 25
    # Even the right password now waits for the window to end.
    refused = admin_sign_in(client, "staff@example.com", STAFF_PASSWORD)
    assert TOO_MANY in refused.content.decode()
    assert not signed_in(client)


def test_failures_on_the_storefront_and_the_back_office_are_counted_together(client, store):
    # proves: ACC-7
    staff()
    for n in range(3):
        client.post(
            reverse("storefront:sign-in"), {"email": "staff@example.com", "password": f"g-{n}"}
        )
    for n in range(2):
        assert WRONG in admin_sign_in(client, "staff@example.com", f"h-{n}").content.decode()
    refused = admin_sign_in(client, "staff@example.com", STAFF_PASSWORD)
    assert TOO_MANY in refused.content.decode()


def test_one_address_trying_many_staff_accounts_is_stopped(client, db):
    # proves: ACC-7
    limit = POLICY.sign_in_failures_per_ip
    for n in range(limit + 1):
        staff(f"staff{n}@example.com")
    for n in range(limit):
        page = admin_sign_in(client, f"staff{n}@example.com", "guess").content.decode()
        assert WRONG in page
    page = admin_sign_in(client, f"staff{limit}@example.com", STAFF_PASSWORD).content.decode()
    assert TOO_MANY in page
    assert not signed_in(client)


def test_a_shoppers_right_password_does_not_open_the_back_office(client, db):
    get_user_model().objects.create_user("camille@example.com", STAFF_PASSWORD)
    page = admin_sign_in(client, "camille@example.com", STAFF_PASSWORD).content.decode()
    assert NOT_STAFF in page
    assert not signed_in(client)
