"""Registering and changing one's email never tell whether an address has an account."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from maison import clock
from maison.notifications import services as notifications
from maison.notifications.models import OutboxEmail

from .helpers import PASSWORD, confirm_by_email, link_in, member, registered, signed_in

User = get_user_model()

NOT_VALID = "This link is not valid, or it has already been used."
EXPIRED = "This link has expired. Please ask for a new one."
WRONG = "This email and password do not match. Please try again."


def page_text(response) -> str:
    """The page without the CSRF token, which differs on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def register(client, email, password="Tweed-jacket-7", language="en"):  # noqa: S107
    return client.post(
        f"/{language}/account/register/",
        {
            "first_name": "Sacha",
            "last_name": "Leroy",
            "email": email,
            "password": password,
            "phone": "+33 6 11 22 33 44",
        },
    )


def body_sent_to(address: str) -> str:
    """The one email the outbox holds for this address, as its owner reads it."""
    email = OutboxEmail.objects.get(to=address)
    notifications.send(email.pk)
    [sent] = [m for m in mail.outbox if m.extra_headers["Message-ID"] == email.message_id]
    return sent.body


def received(address: str) -> list[str]:
    return list(OutboxEmail.objects.filter(to=address).values_list("template", flat=True))


def test_a_known_and_an_unknown_email_get_the_same_page_and_only_the_email_differs(client, store):
    # proves: ACC-4, ACC-7
    camille = member("camille@example.com")
    known = register(client, "Camille@Example.com", password="Other-pass-99")
    unknown = register(Client(), "sacha@example.com")
    assert known.status_code == unknown.status_code == 200
    assert page_text(known) == page_text(unknown)
    assert "Check your inbox" in page_text(known)
    # Camille's account is untouched; she is told someone tried, with both ways in.
    camille.refresh_from_db()
    assert (
        camille.check_password(PASSWORD) and User.objects.filter(email=camille.email).count() == 1
    )
    assert received("camille@example.com") == ["registration_attempt"]
    body = body_sent_to("camille@example.com")
    assert "Someone tried to open an account with this email" in body
    assert "/en/account/sign-in/\n" in body and "/en/account/forgot-password/\n" in body
    # Sacha's account exists but is closed until the link is opened.
    assert received("sacha@example.com") == ["confirm_account"]
    assert not User.objects.get(email="sacha@example.com").is_active


def test_the_emailed_link_confirms_the_account_and_signs_in(client, store):
    # proves: ACC-4, ACC-7
    assert registered(register(client, "sacha@example.com"))
    refused = Client().post(
        reverse("storefront:sign-in"), {"email": "sacha@example.com", "password": "Tweed-jacket-7"}
    )
    assert WRONG in refused.content.decode()  # as for any unknown email
    opened = confirm_by_email(client, "sacha@example.com")
    assert opened.status_code == 302 and opened.url == reverse("storefront:account")
    page = client.get(opened.url).content.decode()
    assert "Your email is confirmed. Welcome! Your account is open." in page
    assert "Hello Sacha" in page
    signed_in(Client(), User.objects.get(email="sacha@example.com"), password="Tweed-jacket-7")
    again = confirm_by_email(Client(), "sacha@example.com")
    assert again.status_code == 400 and NOT_VALID in again.content.decode()


def test_the_confirmation_email_is_in_the_language_of_the_page(client, store):
    # proves: ACC-4
    answer = register(client, "sacha@example.com", language="fr")
    assert "Consultez votre boîte de réception" in answer.content.decode()
    sent = OutboxEmail.objects.get(to="sacha@example.com")
    assert sent.language == "fr"
    assert "/fr/account/confirm/" in link_in(sent, "account/confirm/")


def test_a_link_past_its_hours_is_refused_with_a_message(client, store):
    # proves: ACC-7
    asked = clock.now()
    with clock.travel_to(asked):  # the worker sends the email at once
        register(client, "sacha@example.com")
        link = link_in(OutboxEmail.objects.get(), "account/confirm/")
    # 48 hours, the policy's validity, and one second more.
    with clock.travel_to(asked + timedelta(hours=48, seconds=1)):
        late = Client().get(link)
    assert late.status_code == 400 and EXPIRED in late.content.decode()
    assert not User.objects.get(email="sacha@example.com").is_active
    with clock.travel_to(asked + timedelta(hours=47, minutes=59)):
        assert Client().get(link).status_code == 302
    assert User.objects.get(email="sacha@example.com").is_active


def test_an_altered_link_is_refused_with_a_message(client, store):
    # proves: ACC-7
    register(client, "sacha@example.com")
    link = link_in(OutboxEmail.objects.get(), "account/confirm/")
    last = link[-2]
    tampered = link[:-2] + ("A" if last != "A" else "B") + "/"
    refused = client.get(tampered)
    assert refused.status_code == 400 and NOT_VALID in refused.content.decode()
    garbage = client.get("/en/account/confirm/not-a-token/")
    assert garbage.status_code == 400 and NOT_VALID in garbage.content.decode()
    assert not User.objects.get(email="sacha@example.com").is_active


def test_registering_again_before_confirming_sends_a_new_link(client, store):
    # proves: ACC-4
    register(client, "sacha@example.com")
    assert registered(register(Client(), "sacha@example.com"))
    assert received("sacha@example.com") == ["confirm_account", "confirm_account"]
    assert User.objects.filter(email="sacha@example.com").count() == 1


def test_changing_to_a_free_or_a_taken_email_answers_the_same(client, store):
    # proves: ACC-6, ACC-7
    camille = member("camille@example.com")
    lou = member("lou@example.com", first_name="Lou")
    signed_in(client, camille)
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "phone": "+33 6 00 00 00 00",
        "password": PASSWORD,
    }
    answers = []
    for email in ("free@example.com", "lou@example.com"):
        answer = client.post(reverse("storefront:profile"), {**data, "email": email})
        assert answer.status_code == 302 and answer.url == reverse("storefront:profile")
        answers.append(page_text(client.get(answer.url)).replace(email, "EMAIL"))
    assert answers[0] == answers[1]
    assert "We have sent a link to EMAIL: your email changes when you open it." in answers[0]
    assert received("free@example.com") == ["confirm_new_email"]
    assert received("lou@example.com") == ["email_change_attempt"]
    camille.refresh_from_db()
    lou.refresh_from_db()
    assert (camille.email, lou.email) == ("camille@example.com", "lou@example.com")
    body = body_sent_to("lou@example.com")
    assert "Someone tried to use this email for another account." in body
    assert "camille" not in body.lower()


def test_a_new_email_taken_after_the_link_was_sent_is_refused(client, store):
    # proves: ACC-6
    camille = member("camille@example.com")
    signed_in(client, camille)
    client.post(
        reverse("storefront:profile"),
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "phone": "+33 6 00 00 00 00",
            "password": PASSWORD,
            "email": "free@example.com",
        },
    )
    link = link_in(OutboxEmail.objects.get(to="free@example.com"), "account/email/")
    member("free@example.com")
    refused = client.get(link)
    assert refused.status_code == 400
    assert "Another account has used this email since the link was sent." in (
        refused.content.decode()
    )
    camille.refresh_from_db()
    assert camille.email == "camille@example.com"


def test_registering_never_reopens_an_account_the_house_closed(client, store):
    # proves: ACC-4, ACC-7
    camille = member("camille@example.com")
    User.objects.filter(pk=camille.pk).update(is_active=False)
    assert registered(register(client, "camille@example.com"))
    assert received("camille@example.com") == []
    assert not User.objects.get(pk=camille.pk).is_active


def test_the_link_opened_in_the_same_browser_goes_back_to_the_page_asked_for(client, store):
    # proves: ACC-4
    client.post(
        "/en/account/register/",
        {
            "first_name": "Sacha",
            "last_name": "Leroy",
            "email": "sacha@example.com",
            "password": "Tweed-jacket-7",
            "phone": "+33 6 11 22 33 44",
            "next": "/en/basket/",
        },
    )
    opened = confirm_by_email(client, "sacha@example.com")
    assert opened.status_code == 302 and opened.url == "/en/basket/"


def test_whoever_registered_first_with_my_email_cannot_choose_my_password(client, store):
    # proves: ACC-4, ACC-7
    # Mallory registers with Sacha's address before Sacha does; the link goes to Sacha.
    register(Client(), "sacha@example.com", password="Mallory-pass-1")
    first = OutboxEmail.objects.get(to="sacha@example.com")
    assert registered(register(client, "sacha@example.com", password="Sacha-pass-2"))
    # The email sent for Mallory's registration no longer opens anything...
    notifications.send(first.pk)
    first.refresh_from_db()
    assert first.status == OutboxEmail.Status.CANCELLED
    # ...and the one sent for Sacha's opens the account with Sacha's password only.
    assert confirm_by_email(client, "sacha@example.com").status_code == 302
    sacha = User.objects.get(email="sacha@example.com")
    assert sacha.check_password("Sacha-pass-2") and not sacha.check_password("Mallory-pass-1")


def test_a_link_sent_before_registering_again_no_longer_works(client, store):
    # proves: ACC-7
    register(Client(), "sacha@example.com", password="Mallory-pass-1")
    early = link_in(OutboxEmail.objects.get(to="sacha@example.com"), "account/confirm/")
    register(client, "sacha@example.com", password="Sacha-pass-2")
    refused = Client().get(early)
    assert refused.status_code == 400 and NOT_VALID in refused.content.decode()
    assert not User.objects.get(email="sacha@example.com").is_active


def test_an_account_never_confirmed_is_forgotten_once_its_link_has_expired(client, store):
    # proves: ACC-6
    from maison.accounts.services.confirmation import forget_unconfirmed

    signed_up = clock.now()
    with clock.travel_to(signed_up):
        register(client, "sacha@example.com")
    member("camille@example.com")  # confirmed: never touched
    # 48 hours is the link's life: an hour before it ends the account waits.
    with clock.travel_to(signed_up + timedelta(hours=47)):
        assert forget_unconfirmed() == 0
    with clock.travel_to(signed_up + timedelta(hours=48, minutes=1)):
        assert forget_unconfirmed() == 1
    assert not User.objects.filter(email="sacha@example.com").exists()
    assert User.objects.filter(email="camille@example.com").exists()


def test_registering_again_gives_the_account_a_link_lifetime_anew(client, store):
    # proves: ACC-6
    from maison.accounts.services.confirmation import forget_unconfirmed

    first = clock.now()
    with clock.travel_to(first):
        register(client, "sacha@example.com")
    with clock.travel_to(first + timedelta(hours=40)):
        register(Client(), "sacha@example.com", password="Linen-shirt-8")
    with clock.travel_to(first + timedelta(hours=49)):
        assert forget_unconfirmed() == 0
        assert User.objects.filter(email="sacha@example.com").exists()
