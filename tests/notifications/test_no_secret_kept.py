"""The outbox keeps what was sent, without the links that are keys (ORD-11, ACC-2, DATA-4)."""

import html
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from maison.accounts import services as accounts
from maison.checkout import services as checkout
from maison.notifications.models import OutboxEmail
from maison.orders.models import Order
from tests import factories
from tests.accounts.helpers import PASSWORD, ask_for_reset, choose_password, member, signed_in

BASE = "http://127.0.0.1:8000"
REDACTED = "[personal link removed: only the recipient received it]"
TAKEN_OVER = "Taken-over-99"


def links_in(page: str) -> set[str]:
    """Every address a reader could follow: hrefs, and URLs written out in the text."""
    text = html.unescape(page)
    found = set(re.findall(r'href="([^"]+)"', text)) | set(
        re.findall(r"https?://[^\s\"'<>]+", text)
    )
    paths = set()
    for link in found:
        if link.startswith(BASE):
            link = link.removeprefix(BASE)
        if link.startswith("?"):
            link = reverse("admin:notifications_outboxemail_changelist") + link
        if link.startswith("/") and not link.startswith("/static/"):
            paths.add(link)
    return paths


def the_three_secret_emails(capture):
    """A guest order, then its buyer's account asks for a reset link and a claim link."""
    shirt = factories.variant(price_minor=145_00)
    with capture(execute=True):
        order = checkout.place_order(
            factories.ready_checkout([(shirt, 1)], email="camille@example.com"),
            accepted_terms=True,
        )
    camille = member("camille@example.com")
    with capture(execute=True):
        ask_for_reset(Client(), camille.email)
        accounts.send_claim_link(camille, "en")
    return camille, order


def test_the_outbox_keeps_each_email_sent_but_none_of_its_secret_links(
    store, django_capture_on_commit_callbacks
):
    # proves: ORD-11, ACC-2, DATA-4
    camille, order = the_three_secret_emails(django_capture_on_commit_callbacks)
    received = {m.subject: m.body for m in mail.outbox}
    reset = re.search(r"http://\S+/account/reset/(\S+)/(\S+)/", received["Choose a new password"])
    claim = re.search(
        r"/account/orders/claim/(\S+)/", received["Add your guest orders to your account"]
    )
    assert reset and claim
    assert (
        f"/en/orders/{order.number}/{order.access_key}/"
        in received[f"We have received your order {order.number}"]
    )
    secrets = [reset.group(2), claim.group(1), str(order.access_key), order.access_key.hex]

    kept = OutboxEmail.objects.order_by("id")
    assert [(e.template, e.status) for e in kept] == [
        ("order_acknowledgment", "sent"),
        ("password_reset", "sent"),
        ("claim_orders", "sent"),
    ]
    for email in kept:
        # The record of what was sent: the same words, the link replaced by a marker.
        assert email.subject in received
        assert REDACTED in email.text_body and REDACTED in email.html_body
        stored = " ".join(
            [email.subject, email.text_body, email.html_body, str(email.context), email.message_id]
        )
        for secret in secrets:
            assert secret not in stored, (email.template, secret)
    assert "Hello Camille" in kept[1].text_body and "within 24 hours" in kept[1].text_body
    assert order.number in kept[0].text_body and "€" in kept[0].text_body


def test_staff_who_read_the_outbox_cannot_take_over_an_account_or_open_an_order(
    store, django_capture_on_commit_callbacks
):
    # proves: ACC-2, DATA-4
    camille, order = the_three_secret_emails(django_capture_on_commit_callbacks)
    agent_account = get_user_model().objects.create_user(
        "agent@orvane.example", "Counter-desk-7", is_staff=True
    )
    agent_account.user_permissions.add(Permission.objects.get(codename="view_outboxemail"))
    agent = Client()
    signed_in_admin = agent.post(
        reverse("admin:login"), {"username": "agent@orvane.example", "password": "Counter-desk-7"}
    )
    assert signed_in_admin.status_code == 302

    listing = agent.get(reverse("admin:notifications_outboxemail_changelist"))
    assert listing.status_code == 200
    pages = [listing.content.decode()]
    for email in OutboxEmail.objects.all():
        page = agent.get(reverse("admin:notifications_outboxemail_change", args=[email.pk]))
        assert page.status_code == 200
        pages.append(page.content.decode())
    links = set().union(*(links_in(page) for page in pages))
    assert len(links) > 5, links

    landed = []
    for link in sorted(links):
        for client in (Client(), agent):  # a stranger, and the agent in their own session
            response = choose_password(client, link, TAKEN_OVER)
            landed.append((link, getattr(response.resolver_match, "url_name", None)))
    camille.refresh_from_db()
    assert camille.check_password(PASSWORD) and not camille.check_password(TAKEN_OVER)
    # No page the links reach is the customer's order, or her guest orders' claim.
    assert not [hit for hit in landed if hit[1] in {"order", "order-summary", "claim-orders"}]
    assert Order.objects.get(pk=order.pk).customer is None
    # What the agent read instead: each email, its link redacted.
    assert all(REDACTED in html.unescape(page) for page in pages[1:])

    # The links were live all along, in the messages the customer alone received.
    received = " ".join(m.body for m in mail.outbox)
    reset_path = re.search(r"http://\S+(/en/account/reset/\S+/)", received).group(1)
    assert choose_password(Client(), reset_path, TAKEN_OVER).status_code == 302
    order_path = f"/en/orders/{order.number}/{order.access_key}/"
    assert order_path in received
    assert order.number in Client().get(order_path).content.decode()
    signed_in(Client(), camille, password=TAKEN_OVER)
