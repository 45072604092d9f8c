from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from maison.accounts.models import Address, Profile
from maison.notifications.models import OutboxEmail

from .helpers import PASSWORD, an_order, link_in, member, signed_in

User = get_user_model()

NEW_ADDRESS = {
    "first_name": "Camille",
    "last_name": "Martin",
    "line1": "1 place Bellecour",
    "line2": "",
    "postal_code": "69002",
    "city": "Lyon",
    "country": "FR",
    "phone": "+33 6 00 00 00 00",
}


def test_the_member_corrects_their_profile(client, store):
    # proves: ACC-5, ACC-6
    camille = member()
    signed_in(client, camille)
    response = client.post(
        reverse("storefront:profile"),
        {
            "title": "ms",
            "first_name": "Camille",
            "last_name": "Martin-Roche",
            "email": camille.email,
            "phone": "+33 7 98 76 54 32",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("storefront:profile")).content.decode()
    assert "Your details are saved." in page and "Martin-Roche" in page
    # Stored in E.164, as a carrier takes it (ACC-4).
    assert Profile.objects.get(user=camille).phone == "+33798765432"


def test_changing_the_email_needs_the_password_and_moves_the_sign_in_once_confirmed(client, store):
    # proves: ACC-6
    camille = member()
    signed_in(client, camille)
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "camille.martin@example.org",
        "phone": "+33 6 00 00 00 00",
    }
    refused = client.post(reverse("storefront:profile"), data)
    assert "Please enter your current password to change email." in refused.content.decode()
    asked = client.post(reverse("storefront:profile"), {**data, "password": PASSWORD})
    assert asked.status_code == 302
    camille.refresh_from_db()
    assert camille.email == "camille@example.com"  # not before the link is opened
    sent = OutboxEmail.objects.get(to="camille.martin@example.org")
    confirmed = client.get(link_in(sent, "account/email/"))
    assert confirmed.status_code == 302 and confirmed.url == reverse("storefront:profile")
    assert "Your email is confirmed: it is now camille.martin@example.org." in (
        client.get(confirmed.url).content.decode()
    )
    camille.refresh_from_db()
    assert camille.email == "camille.martin@example.org"
    response = Client().post(
        reverse("storefront:sign-in"),
        {"email": "camille.martin@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302


def test_the_address_book_adds_edits_and_deletes(client, store):
    # proves: ACC-5
    camille = member()
    signed_in(client, camille)
    first = Address.objects.get(user=camille)
    response = client.post(reverse("storefront:address-add"), {**NEW_ADDRESS, "is_default": "on"})
    assert response.status_code == 302
    added = Address.objects.get(user=camille, line1="1 place Bellecour")
    first.refresh_from_db()
    assert added.is_default and not first.is_default
    client.post(
        reverse("storefront:address-edit", args=[added.pk]),
        {**NEW_ADDRESS, "line2": "Bâtiment B", "is_default": "on"},
    )
    added.refresh_from_db()
    assert added.line2 == "Bâtiment B"
    assert "Bâtiment B" in client.get(reverse("storefront:addresses")).content.decode()
    client.post(reverse("storefront:address-delete", args=[added.pk]))
    assert list(Address.objects.filter(user=camille)) == [first]
    first.refresh_from_db()
    assert first.is_default


def test_another_members_address_answers_404(client, store):
    # proves: DATA-4
    camille, lou = member("camille@example.com"), member("lou@example.com")
    theirs = Address.objects.get(user=lou)
    signed_in(client, camille)
    assert client.get(reverse("storefront:address-edit", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("storefront:address-edit", args=[theirs.pk]), NEW_ADDRESS)
    assert response.status_code == 404
    assert client.post(reverse("storefront:address-delete", args=[theirs.pk])).status_code == 404
    assert Address.objects.filter(pk=theirs.pk, line1="3 rue des Essais").exists()
    assert "3 rue des Essais" in client.get(reverse("storefront:addresses")).content.decode()
    assert client.get(reverse("storefront:address-edit", args=[999999])).status_code == 404


def test_the_order_history_shows_the_members_orders_with_their_status(client, store):
    # proves: ORD-10, ACC-5
    camille = member()
    order = an_order(customer=camille)
    signed_in(client, camille)
    page = client.get(reverse("storefront:account-orders")).content.decode()
    assert order.number in page and '<td data-label="Status">Placed</td>' in page
    detail = client.get(reverse("storefront:account-order", args=[order.number]))
    assert detail.status_code == 200
    assert "Poplin shirt" in detail.content.decode()
    assert order.number in client.get(reverse("storefront:account")).content.decode()


def test_a_guest_order_with_the_same_email_is_not_shown(client, store):
    # proves: ORD-10, DATA-4
    guest_order = an_order(email="camille@example.com", customer=None)
    camille = member("camille@example.com")
    signed_in(client, camille)
    assert (
        guest_order.number not in client.get(reverse("storefront:account-orders")).content.decode()
    )
    url = reverse("storefront:account-order", args=[guest_order.number])
    assert client.get(url).status_code == 404


def test_another_members_order_answers_404(client, store):
    # proves: DATA-4, ORD-10
    camille, lou = member("camille@example.com"), member("lou@example.com")
    theirs = an_order(email="lou@example.com", customer=lou)
    signed_in(client, camille)
    assert client.get(reverse("storefront:account-order", args=[theirs.number])).status_code == 404
    assert theirs.number not in client.get(reverse("storefront:account-orders")).content.decode()


def test_probing_emails_from_the_profile_is_limited_as_registering_is(client, store):
    # proves: ACC-7
    # Each request to change one's email writes to the new address: past 10
    # from one IP address in the window, every one is refused, as registering is.
    from django.core.cache import cache

    cache.clear()
    camille = member()
    signed_in(client, camille)
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "phone": "+33 6 00 00 00 00",
        "password": PASSWORD,
    }
    for n in range(10):
        probe = client.post(reverse("storefront:profile"), {**data, "email": f"p{n}@example.com"})
        assert probe.status_code == 302
    refused = client.post(reverse("storefront:profile"), {**data, "email": "p10@example.com"})
    assert refused.status_code == 429
    assert "Too many attempts. Please try again in a few minutes." in refused.content.decode()
    assert not OutboxEmail.objects.filter(to="p10@example.com").exists()
    # Saving the name alone, with the email unchanged, is not an attempt.
    kept = client.post(reverse("storefront:profile"), {**data, "email": camille.email})
    assert kept.status_code == 302
