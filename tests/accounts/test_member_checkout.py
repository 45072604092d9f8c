"""A member checks out: basket merged at sign-in, address book, the order in the account."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse

from maison import clock
from maison.accounts import services as accounts
from maison.accounts.models import Address, Profile
from maison.basket.models import Basket
from maison.checkout import services
from maison.checkout.models import Checkout
from maison.orders.models import Order
from maison.terms.policy import POLICY
from tests import factories
from tests.accounts import helpers
from tests.storefront.helpers import add, checkout_to_review, place

PASSWORD = "Linen-weave-42"


@pytest.fixture
def member(store):
    """Léa, with a default address in Toulouse in her address book."""
    toulouse = accounts.AddressDetails(
        first_name="Léa",
        last_name="Moreau",
        line1="12 quai des Tanneurs",
        postal_code="31000",
        city="Toulouse",
        country="FR",
        phone="+33 6 11 11 11 11",
    )
    return helpers.member(
        "lea@example.com",
        password=PASSWORD,
        first_name="Léa",
        last_name="Moreau",
        phone=toulouse.phone,
        address=toulouse,
    )


def sign_in(client, email="lea@example.com", password=PASSWORD):
    return client.post(reverse("storefront:sign-in"), {"email": email, "password": password})


def test_the_guest_basket_joins_the_members_basket_at_sign_in(client, member):
    # proves: ORD-3, ACC-7
    scarf, shirt = factories.variant(stock=5), factories.variant(stock=5)
    kept = accounts_basket = Basket.objects.create(
        owner=member, created_at=clock.now(), updated_at=clock.now()
    )
    kept.lines.create(variant=shirt, quantity=1, added_at=clock.now())
    add(client, scarf, 2)
    add(client, shirt, 1)
    guest_session = client.session.session_key
    sign_in(client)
    assert client.session.session_key != guest_session
    lines = {
        line.variant.pk: line.quantity
        for line in client.get(reverse("storefront:basket")).context["basket"].lines
    }
    assert lines == {scarf.pk: 2, shirt.pk: 2}
    assert Basket.objects.filter(owner__isnull=True).count() == 0
    assert accounts_basket.pk == Basket.objects.get(owner=member).pk


def test_checkout_offers_sign_in_account_or_guest(client, store):
    # proves: ORD-3, ACC-4
    add(client, factories.variant())
    page = client.get(reverse("storefront:checkout")).content.decode()
    assert "Sign in" in page and "Create an account" in page and "continue as a guest" in page


def test_a_member_checks_out_with_the_address_book_and_finds_the_order_in_the_account(
    client, member, django_capture_on_commit_callbacks
):
    # proves: ORD-10, ACC-5
    shirt = factories.variant(stock=3)
    sign_in(client)
    add(client, shirt)
    page = client.get(reverse("storefront:checkout")).content.decode()
    assert "12 quai des Tanneurs" in page and "lea@example.com" in page
    with django_capture_on_commit_callbacks(execute=True):
        checkout_to_review(client, email="lea@example.com")
        place(client)
    order = Order.objects.get()
    assert order.customer == member
    history = client.get(reverse("storefront:account-orders")).content.decode()
    assert order.number in history and "Placed" in history
    assert client.get(reverse("storefront:account-order", args=[order.number])).status_code == 200


def test_another_member_cannot_see_the_order(client, member):
    # proves: DATA-4
    order = services.place_order(
        factories.ready_checkout([(factories.variant(), 1)]), accepted_terms=True
    )
    Order.objects.filter(pk=order.pk).update(customer=member)
    helpers.member(
        "other@example.com",
        password=PASSWORD,
        first_name="O",
        last_name="P",
        phone="+33 6 22 22 22 22",
    )
    sign_in(client, "other@example.com")
    assert client.get(reverse("storefront:account-order", args=[order.number])).status_code == 404


def claim_url_from(email_body: str) -> str:
    return re.search(r"https?://\S+/account/orders/claim/\S+/", email_body).group(0)


def test_a_guest_order_joins_the_account_only_through_the_emailed_link(
    client, member, django_capture_on_commit_callbacks
):
    # proves: ORD-10, DATA-4
    guest = services.place_order(
        factories.ready_checkout([(factories.variant(), 1)], email="LEA@example.com"),
        accepted_terms=True,
    )
    sign_in(client)
    assert guest.number not in client.get(reverse("storefront:account-orders")).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("storefront:ask-to-claim-orders"))
    [sent] = [m for m in mail.outbox if "guest orders" in m.subject]
    assert sent.to == ["lea@example.com"]
    path = claim_url_from(sent.body).split("8000", 1)[1]
    offer = client.get(path)
    assert guest.number in offer.content.decode()
    assert Order.objects.get(pk=guest.pk).customer is None  # nothing changes on a GET
    client.post(path)
    assert Order.objects.get(pk=guest.pk).customer == member
    assert guest.number in client.get(reverse("storefront:account-orders")).content.decode()
    assert Order.objects.get(pk=guest.pk).events.filter(kind="claimed").exists()


def test_nobody_else_can_use_a_claim_link_and_it_expires(client, member):
    # proves: DATA-4
    guest = services.place_order(
        factories.ready_checkout([(factories.variant(), 1)], email="lea@example.com"),
        accepted_terms=True,
    )
    token = accounts.claim_token(member)
    helpers.member(
        "mallory@example.com",
        password=PASSWORD,
        first_name="M",
        last_name="X",
        phone="+33 6 33 33 33 33",
    )
    sign_in(client, "mallory@example.com")
    assert client.post(reverse("storefront:claim-orders", args=[token])).status_code == 403
    forged = signing.dumps({"user": member.pk, "email": member.email, "at": 0}, salt="other")
    assert client.post(reverse("storefront:claim-orders", args=[forged])).status_code == 400
    assert Order.objects.get(pk=guest.pk).customer is None
    # Past its lifetime the link is refused even to its owner.
    client.post(reverse("storefront:sign-out"))
    sign_in(client)
    later = clock.now() + timedelta(hours=POLICY.claim_link_hours, minutes=1)
    with clock.travel_to(later):
        expired = client.post(reverse("storefront:claim-orders", args=[token]))
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    assert Order.objects.get(pk=guest.pk).customer is None


def test_the_chosen_country_is_kept_on_the_account(client, member):
    # proves: SITE-3
    factories.market("DE", vat="0.19")
    sign_in(client)
    client.post(reverse("storefront:country"), {"country": "DE"})
    assert Profile.objects.get(user=member).country == "DE"
    client.post(reverse("storefront:sign-out"))
    sign_in(client)
    assert client.get(reverse("storefront:home")).context["market"].country == "DE"


def test_erasing_the_account_removes_open_checkouts_and_the_basket(client, member):
    # proves: ACC-6
    sign_in(client)
    add(client, factories.variant())
    client.get(reverse("storefront:checkout"))
    assert Checkout.objects.filter(customer=member).exists()
    accounts.erase_account(member)
    assert not Checkout.objects.filter(customer=member).exists()
    assert not Basket.objects.filter(owner=member).exists()
    assert not Address.objects.filter(user=member).exists()


def test_erasure_reaches_emails_sent_to_another_address(
    client, member, django_capture_on_commit_callbacks
):
    # proves: ACC-6
    from maison.notifications.models import OutboxEmail

    sign_in(client)
    add(client, factories.variant())
    checkout_to_review(client, email="typed-at-checkout@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        place(client)
    order = helpers.delivered_long_ago(Order.objects.get())
    acknowledgment = OutboxEmail.objects.get(reference=order.number)
    assert acknowledgment.to == "typed-at-checkout@example.com"
    accounts.erase_account(member)
    acknowledgment.refresh_from_db()
    assert "Moreau" not in acknowledgment.text_body and "Camille" not in acknowledgment.text_body
    assert acknowledgment.to.endswith("@invalid")


def test_registration_attempts_are_limited_per_address(client, store):
    # proves: ACC-7
    from django.core.cache import cache

    cache.clear()
    for n in range(POLICY.registrations_per_ip):
        client.post(reverse("storefront:register"), {"email": f"probe{n}@example.com"})
    response = client.post(reverse("storefront:register"), {"email": "probe@example.com"})
    assert "Too many attempts" in response.content.decode()
