import json
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from maison import clock
from maison.accounts import services
from maison.accounts.models import Address, Profile, WishlistItem
from maison.aftersales import claims, refunding
from maison.aftersales import services as aftersales
from maison.aftersales.models import Claim
from maison.notifications.models import OutboxEmail
from maison.notifications.services import queue_email, send
from maison.orders.models import Order, OrderEvent
from maison.support import services as support
from maison.support.models import Ticket
from tests import factories
from tests.aftersales.helpers import delivered_order, french_holidays, paris

from .helpers import PASSWORD, an_order, ask_for_reset, delivered_long_ago, member, signed_in

User = get_user_model()


def download(client) -> tuple[dict, object]:
    response = client.get(reverse("storefront:download-data"))
    assert response.status_code == 200
    return json.loads(response.content), response


def test_the_member_downloads_all_their_data_as_a_json_file(
    client, store, django_capture_on_commit_callbacks
):
    # proves: ACC-6
    camille = member()
    order = delivered_long_ago(an_order(customer=camille))
    services.add_to_wishlist(camille, factories.product(name="Merino crew-neck"))
    with django_capture_on_commit_callbacks(execute=True):  # the worker sends it
        ask_for_reset(client, camille.email)
    signed_in(client, camille)
    data, response = download(client)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert data["account"]["email"] == "camille@example.com"
    assert data["profile"]["phone"] == "+33 6 00 00 00 00"
    assert [a["line1"] for a in data["addresses"]] == ["3 rue des Essais"]
    assert [o["number"] for o in data["orders"]] == [order.number]
    assert data["orders"][0]["lines"][0]["product"] == "Poplin shirt"
    assert [w["product"] for w in data["wishlist"]] == ["Merino crew-neck"]
    assert [e["subject"] for e in data["emails"]] == ["Choose a new password"]


def test_the_download_holds_nothing_of_anyone_else(
    client, store, django_capture_on_commit_callbacks
):
    # proves: DATA-4, ACC-6
    camille, lou = member("camille@example.com"), member("lou@example.com", first_name="Lou")
    an_order(email="lou@example.com", customer=lou)
    an_order(email="camille@example.com", customer=None)  # a guest order: not provably hers
    with django_capture_on_commit_callbacks(execute=True):
        with_lou = queue_email("lou@example.com", "password_reset", {"user": lou.pk})
    with_lou.refresh_from_db()
    assert with_lou.subject == "Choose a new password"
    signed_in(client, camille)
    data, response = download(client)
    text = response.content.decode()
    assert "lou@example.com" not in text and "Lou" not in text and with_lou.subject not in text
    assert data["orders"] == [] and data["emails"] == []
    # There is no id in the address to change: someone else's export is a 404.
    assert client.get(reverse("storefront:download-data") + f"{lou.pk}/").status_code == 404


def test_deleting_the_account_needs_the_password(client, store):
    # proves: ACC-6
    camille = member()
    signed_in(client, camille)
    response = client.post(reverse("storefront:delete-account"), {"password": "Wrong-pass-1"})
    assert "This is not your password." in response.content.decode()
    camille.refresh_from_db()
    assert camille.is_active and camille.email == "camille@example.com"


def test_deletion_keeps_the_order_pseudonymised_and_removes_the_person(
    client, store, django_capture_on_commit_callbacks
):
    # proves: ACC-6
    camille = member()
    order = delivered_long_ago(an_order(customer=camille))
    services.add_to_wishlist(camille, factories.variant().product)
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            camille.email,
            "password_reset",
            {"user": camille.pk},
            reference=order.number,
        )
    other_session = signed_in(Client(), camille)
    signed_in(client, camille)
    response = client.post(reverse("storefront:delete-account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert (
        "Your account and your personal data are deleted."
        in client.get(response.url).content.decode()
    )

    order.refresh_from_db()
    assert order.email == f"erased-{camille.pk}@invalid"
    for address in (order.shipping_address, order.billing_address):
        assert address["first_name"] == address["last_name"] == address["line1"] == ""
        assert address["phone"] == address["postal_code"] == address["city"] == ""
        assert address["country"] == "FR"
    assert order.lines.count() == 1 and order.total_minor == 126_90
    assert OrderEvent.objects.filter(order=order, kind="personal_data_erased").exists()
    sent = OutboxEmail.objects.get(reference=order.number)
    assert sent.to == order.email and "Camille" not in sent.text_body + sent.html_body

    camille.refresh_from_db()
    assert not camille.is_active and not camille.has_usable_password()
    # The sign-in identifier must stay unique: it becomes the same placeholder as the order's.
    assert (camille.email, camille.first_name, camille.last_name) == (order.email, "", "")
    assert not Address.objects.filter(user=camille).exists()
    assert not WishlistItem.objects.filter(user=camille).exists()
    profile = Profile.objects.get(user=camille)
    assert profile.phone == "" and profile.erased_at is not None
    # Signed out everywhere, and no way back in.
    assert "Hello Camille" not in other_session.get(reverse("storefront:account")).content.decode()
    refused = Client().post(
        reverse("storefront:sign-in"), {"email": "camille@example.com", "password": PASSWORD}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in refused.client.session


def test_an_erased_email_can_register_again(client, store):
    # proves: ACC-6
    camille = member()
    services.erase_account(camille)
    again = member("camille@example.com")
    assert again.pk != camille.pk
    assert User.objects.filter(email="camille@example.com").count() == 1
    signed_in(client, again)
    assert client.get(reverse("storefront:account-orders")).context["orders"].count() == 0


def test_erasure_is_refused_while_an_order_is_open(client, store, at):
    # proves: ACC-6
    camille = member()
    order = an_order(customer=camille)
    signed_in(client, camille)
    refused = client.post(reverse("storefront:delete-account"), {"password": PASSWORD})
    page = refused.content.decode()
    assert refused.status_code == 409
    assert f"cannot be deleted while order {order.number} is open" in page
    camille.refresh_from_db()
    assert camille.is_active and camille.email == "camille@example.com"
    assert Address.objects.filter(user=camille).exists()

    # Delivered on 1 December at 10:00 Paris time: the 14 days of withdrawal run to
    # 15 December; the account can go from the 16th.
    delivered = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    Order.objects.filter(pk=order.pk).update(status="delivered", delivered_at=delivered)
    with at(datetime(2026, 12, 15, 22, 59, tzinfo=UTC)):  # 23:59 in Paris on the 15th
        with pytest.raises(services.AccountRefused) as still_open:
            services.erase_account(camille)
        assert still_open.value.code == "orders_still_open"
    with at(datetime(2026, 12, 15, 23, 1, tzinfo=UTC)):  # 00:01 in Paris on the 16th
        services.erase_account(camille)
    camille.refresh_from_db()
    assert not camille.is_active


def test_a_cancelled_order_does_not_keep_the_account(store):
    # proves: ACC-6
    camille = member()
    order = an_order(customer=camille)
    Order.objects.filter(pk=order.pk).update(status="cancelled")
    services.erase_account(camille)
    camille.refresh_from_db()
    assert not camille.is_active


@pytest.fixture
def after_sales_history(store):
    """Camille's delivered order with a return, a claim and a contact message, in June 2026."""
    french_holidays(2026)
    camille = member()
    lines = [(factories.variant(price_minor=120_00), 1), (factories.variant(price_minor=85_00), 1)]
    order = delivered_order(lines, delivered_at=paris(2026, 6, 9, 15, 0))
    Order.objects.filter(pk=order.pk).update(customer=camille)
    shirt_line, scarf_line = order.lines.order_by("id")
    with clock.travel_to(paris(2026, 6, 11, 10, 0)):
        ret = aftersales.withdraw(
            order, [aftersales.LineChoice(shirt_line.pk, 1)], reason="Too tight at the shoulders"
        )
        claim = claims.make_claim(
            order, scarf_line.pk, Claim.Kind.NON_CONFORMITY, "A pulled thread on the hem"
        )
        ticket = support.open_ticket(
            name="Camille Martin",
            email="Camille@Example.com",
            topic="other",
            message="Do you deliver to my office in Lyon?",
            ip="192.0.2.10",
        )
    for email in OutboxEmail.objects.all():
        send(email.pk)
    return camille, order, ret, claim, ticket


def test_the_download_holds_returns_claims_and_contact_messages(client, after_sales_history):
    # proves: ACC-6, DATA-4
    camille, order, ret, claim, ticket = after_sales_history
    signed_in(client, camille)
    data, _ = download(client)
    (returned,) = data["returns"]
    assert returned["reference"] == ret.reference and returned["order"] == order.number
    assert returned["reason"] == "Too tight at the shoulders"
    (claimed,) = data["claims"]
    assert claimed["description"] == "A pulled thread on the hem"
    (message,) = data["contact_messages"]
    assert message["message"] == "Do you deliver to my office in Lyon?"
    about = {email["subject"] for email in data["emails"]}
    assert any(ret.reference in subject for subject in about)
    assert any(claim.reference in subject for subject in about)
    assert any(str(ticket.pk) in subject for subject in about)


def test_erasure_blanks_returns_and_claims_and_deletes_contact_messages(after_sales_history):
    # proves: ACC-6
    camille, order, ret, claim, ticket = after_sales_history
    with clock.travel_to(paris(2026, 9, 1, 10, 0)):
        # Both finished first: an unfinished return or claim keeps the account.
        aftersales.close_lost(ret, "never sent", actor="cs@orvane.example")
        claims.update_claim(claim, Claim.State.DECLINED, "Not a defect.", actor="cs@orvane.example")
        services.erase_account(camille)
    ret.refresh_from_db()
    claim.refresh_from_db()
    # The return and the claim stay with the order the law keeps, without the buyer's words.
    assert ret.reason == "" and ret.order_id == order.pk
    assert claim.description == "" and claim.kind == "non_conformity"
    assert not Ticket.objects.exists()
    kept = OutboxEmail.objects.filter(reference__in=[ret.reference, claim.reference])
    assert kept.exists()
    assert all(e.to == f"erased-{camille.pk}@invalid" for e in kept)
    assert not OutboxEmail.objects.filter(reference=ticket.reference, to__icontains="camille")
    for email in OutboxEmail.objects.all():
        assert "Too tight" not in email.text_body + email.html_body
        assert "pulled thread" not in email.text_body + email.html_body


def _inspected_in_june(after_sales_history):
    """Camille's shirt back on 18 June and accepted: its refund of 120.00 is due by 2 July."""
    camille, order, ret, claim, _ticket = after_sales_history
    with clock.travel_to(paris(2026, 6, 18, 17, 0)):
        aftersales.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor="wh")
        aftersales.inspect(ret, {ret.lines.get().pk: ("accepted", "")}, actor="wh")
        claims.update_claim(claim, Claim.State.RESOLVED, "Repaired.", actor="cs")
    return camille, ret


def test_erasure_waits_for_a_return_refund_after_the_withdrawal_period(client, after_sales_history):
    # proves: ACC-6, RET-4
    camille, ret = _inspected_in_june(after_sales_history)
    # Delivered 9 June: the withdrawal period is long over on 1 September, the refund unpaid.
    with clock.travel_to(paris(2026, 9, 1, 10, 0)):
        signed_in(client, camille)
        refused = client.post(reverse("storefront:delete-account"), {"password": PASSWORD})
        assert refused.status_code == 409
        assert (
            f"cannot be deleted while your request {ret.reference} (a return or a claim) "
            "is being processed" in refused.content.decode()
        )
        with pytest.raises(services.AccountRefused) as still_open:
            services.erase_account(camille)
        assert still_open.value.code == "returns_still_open"
        camille.refresh_from_db()
        assert camille.is_active
        refunding.refund(ret, actor="finance@orvane.example")
        services.erase_account(camille)
    camille.refresh_from_db()
    assert not camille.is_active


def test_erasure_waits_for_an_open_claim_and_names_every_unfinished_request(after_sales_history):
    # proves: ACC-6, RET-5
    camille, order, ret, claim, _ticket = after_sales_history
    with clock.travel_to(paris(2026, 9, 1, 10, 0)):
        with pytest.raises(services.AccountRefused) as refused:
            services.erase_account(camille)
        assert refused.value.message == (
            f"Your account cannot be deleted while your requests {ret.reference}, "
            f"{claim.reference} (returns or claims) are being processed. Please try again "
            "once they are settled, or contact us."
        )
        aftersales.close_lost(ret, "never sent", actor="cs@orvane.example")
        claims.update_claim(claim, Claim.State.EXAMINING, actor="cs@orvane.example")
        with pytest.raises(services.AccountRefused) as examining:
            services.erase_account(camille)
        assert claim.reference in examining.value.message
        assert ret.reference not in examining.value.message
        claims.update_claim(claim, Claim.State.RESOLVED, "Replaced.", actor="cs@orvane.example")
        services.erase_account(camille)
    camille.refresh_from_db()
    assert not camille.is_active


def test_a_return_refunded_by_transfer_no_longer_keeps_the_account(after_sales_history):
    # proves: ACC-6, RET-4
    camille, ret = _inspected_in_june(after_sales_history)
    with clock.travel_to(paris(2026, 9, 1, 10, 0)):
        refunding.refund_by_transfer(ret, "VIR-2026-0901", actor="finance@orvane.example")
        services.erase_account(camille)
    camille.refresh_from_db()
    assert not camille.is_active


def test_a_french_member_downloads_a_file_named_in_french_with_the_same_keys(client, store):
    # proves: ACC-6
    camille = member()
    signed_in(client, camille)
    with clock.travel_to(datetime(2026, 12, 7, 10, 0, tzinfo=UTC)):
        french = client.get("/fr/account/data/")
        english = client.get("/en/account/data/")
    assert french["Content-Disposition"] == 'attachment; filename="mes-donnees-2026-12-07.json"'
    assert english["Content-Disposition"] == 'attachment; filename="my-data-2026-12-07.json"'
    # A machine-readable export: the keys do not follow the language, and the page says so.
    assert json.loads(french.content).keys() == json.loads(english.content).keys()
    assert json.loads(french.content)["account"]["email"] == "camille@example.com"
    home = client.get("/fr/account/").content.decode()
    assert "ses noms de champs restent en anglais" in home
    assert "its field names stay in English" in client.get("/en/account/").content.decode()
