from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from maison import clock
from maison.accounts.models import Address, Profile
from maison.terms.policy import POLICY

from .helpers import PASSWORD, confirm_by_email, member, registered, signed_in

User = get_user_model()
TOO_MANY = "Too many attempts. Please try again in a few minutes."


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(
        reverse("storefront:sign-in"), {"email": email, "password": password}, **extra
    )


def test_registering_keeps_title_names_email_phone_and_address(client, store):
    # proves: ACC-4
    response = client.post(
        reverse("storefront:register"),
        {
            "title": "mx",
            "first_name": "Sacha",
            "last_name": "Leroy",
            "email": "  Sacha.Leroy@Example.COM ",
            "password": "Tweed-jacket-7",
            "phone": "+33 6 11 22 33 44",
            "line1": "12 quai des Tanneurs",
            "postal_code": "67000",
            "city": "Strasbourg",
            "country": "FR",
        },
    )
    assert registered(response)
    assert confirm_by_email(client, "sacha.leroy@example.com").status_code == 302
    sacha = User.objects.get()
    assert sacha.email == "sacha.leroy@example.com"
    assert (sacha.first_name, sacha.last_name) == ("Sacha", "Leroy")
    assert Profile.objects.get(user=sacha).title == "mx"
    address = Address.objects.get(user=sacha)
    assert (address.line1, address.city, address.is_default) == (
        "12 quai des Tanneurs",
        "Strasbourg",
        True,
    )
    page = client.get(reverse("storefront:account")).content.decode()
    assert "Hello Sacha" in page and "12 quai des Tanneurs" in page


def test_the_address_is_optional_but_not_half_given(client, store):
    # proves: ACC-4
    data = {
        "first_name": "Sacha",
        "last_name": "Leroy",
        "email": "sacha@example.com",
        "password": "Tweed-jacket-7",
        "phone": "+33 6 11 22 33 44",
    }
    half = client.post(reverse("storefront:register"), {**data, "line1": "12 quai des Tanneurs"})
    assert "Please complete the address, or leave it all empty." in half.content.decode()
    assert not User.objects.exists()
    assert registered(client.post(reverse("storefront:register"), data))
    assert not Address.objects.exists()


def test_an_email_can_open_only_one_account(client, store):
    # proves: ACC-4
    member("camille@example.com")
    response = client.post(
        reverse("storefront:register"),
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "email": "CAMILLE@example.com",
            "password": "Tweed-jacket-7",
            "phone": "+33 6 11 22 33 44",
        },
    )
    assert registered(response)
    assert User.objects.count() == 1


def test_sign_in_by_email_in_any_case_and_sign_out(client, store):
    # proves: ACC-4, ACC-5
    member("camille@example.com")
    response = sign_in(client, "Camille@EXAMPLE.com")
    assert response.status_code == 302 and response.url == reverse("storefront:account")
    assert "Hello Camille" in client.get(response.url).content.decode()
    assert client.get(reverse("storefront:sign-out")).status_code == 405
    client.post(reverse("storefront:sign-out"))
    assert "Hello Camille" not in client.get(reverse("storefront:account")).content.decode()


def test_a_wrong_password_says_so_without_saying_which_part(client, store):
    # proves: ACC-7
    member()
    wrong = sign_in(client, "camille@example.com", "Linen-coat-43").content.decode()
    unknown = sign_in(client, "nobody@example.com").content.decode()
    message = "This email and password do not match. Please try again."
    assert message in wrong and message in unknown


def test_the_session_id_changes_on_sign_in(client, store):
    # proves: ACC-7
    camille = member()
    session = client.session  # the session a guest (or an attacker who planted it) holds
    session["before"] = "kept"
    session.save()
    before = session.session_key
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == before
    signed_in(client, camille)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert client.session["before"] == "kept"


@pytest.mark.usefixtures("one_attempts_window")
def test_sign_in_is_refused_after_too_many_failures_for_one_account(client, store):
    # proves: ACC-7
    member()
    for _ in range(POLICY.sign_in_failures_per_account):
        assert sign_in(client, "camille@example.com", "guess-1!").status_code == 200
    refused = sign_in(client, "camille@example.com")  # even the right password
    assert refused.status_code == 429
    assert TOO_MANY in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another IP address is refused too: the account itself is protected.
    assert sign_in(Client(REMOTE_ADDR="10.9.9.9"), "camille@example.com").status_code == 429
    with clock.travel_to(clock.now() + POLICY.attempts_window + timedelta(seconds=1)):
        assert sign_in(client, "camille@example.com").status_code == 302


@pytest.mark.usefixtures("one_attempts_window")
def test_sign_in_is_refused_after_too_many_failures_from_one_address(client, store):
    # proves: ACC-7
    member()
    for n in range(POLICY.sign_in_failures_per_ip):
        sign_in(client, f"guess{n}@example.com", "guess-1!")
    refused = sign_in(client, "camille@example.com")
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()
    assert sign_in(Client(REMOTE_ADDR="10.9.9.9"), "camille@example.com").status_code == 302


def test_pages_of_the_account_ask_to_sign_in_first(client, store):
    # proves: ACC-5, DATA-4
    for name in [
        "storefront:profile",
        "storefront:addresses",
        "storefront:account-orders",
        "storefront:change-password",
        "storefront:download-data",
        "storefront:delete-account",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("storefront:sign-in") + "?next=")


def test_signing_in_returns_to_the_page_asked_for_but_never_elsewhere(client, store):
    # proves: ACC-5
    member()
    wanted = reverse("storefront:addresses")
    response = client.post(
        reverse("storefront:sign-in"),
        {"email": "camille@example.com", "password": PASSWORD, "next": wanted},
    )
    assert response.url == wanted
    client.post(reverse("storefront:sign-out"))
    response = client.post(
        reverse("storefront:sign-in"),
        {"email": "camille@example.com", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse("storefront:account")


def test_the_email_is_the_only_identifier_for_customers_and_staff(client, db):
    # proves: ACC-4
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert User.USERNAME_FIELD == "email" and not hasattr(User, "username")
    User.objects.create_superuser("Head.Office@Orvane.example", "Atelier-pass-9")
    # One address, one account, whatever its case, even past the application's own checks.
    with transaction.atomic(), pytest.raises(IntegrityError):
        User.objects.bulk_create([User(email="HEAD.OFFICE@orvane.example")])
    signed = client.post(
        reverse("admin:login"),
        {"username": "head.office@orvane.EXAMPLE", "password": "Atelier-pass-9", "next": "/admin/"},
    )
    assert signed.status_code == 302 and signed["Location"] == "/admin/"
    assert "Email" in Client().get(reverse("admin:login")).content.decode()
