"""The pages the terms promise (SITE-4): contact form, FAQ, privacy policy, in both languages."""

import dataclasses

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from maison import clock
from maison.aftersales.models import Claim
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
from maison.orders.models import Order
from maison.support.models import Ticket
from maison.terms import policy
from tests import factories
from tests.accounts.helpers import member, signed_in
from tests.aftersales.helpers import delivered_order, french_holidays, paris
from tests.storefront.helpers import buy

CONTACT = {
    "name": "Camille Martin",
    "email": "camille@example.com",
    "topic": "order",
    "message": "Can I change the size of the coat I ordered?",
}


def write(client, **changes):
    return client.post(reverse("storefront:contact"), {**CONTACT, **changes})


def test_a_message_opens_a_ticket_linked_to_the_order_it_names(
    client, store, django_capture_on_commit_callbacks
):
    # proves: SITE-4
    buy(client, factories.variant())
    order = Order.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = write(client, order_number=order.number.lower())
    assert sent.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.order == order and ticket.state == "open"
    page = client.get(sent.url).content.decode()
    assert f"Thank you. Your message is number {ticket.pk}" in page
    copy = mail.outbox[-1]
    assert copy.to == ["camille@example.com"]
    assert f"We have received your message {ticket.pk}" in copy.subject
    assert "Can I change the size of the coat I ordered?" in copy.body


def test_an_order_number_with_another_email_links_nothing_and_says_the_same(client, store):
    # proves: SITE-4, DATA-4
    buy(client, factories.variant())
    number = Order.objects.get().number
    sent = write(client, email="stranger@example.com", order_number=number)
    assert sent.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.order is None and ticket.order_number == number


def test_a_flood_of_messages_from_one_address_is_refused(client, store):
    # proves: SITE-4
    for n in range(policy.POLICY.contact_messages_per_ip):
        assert write(client, message=f"Question {n}").status_code == 302
    refused = write(client, message="One more")
    assert refused.status_code == 429
    assert "Too many messages. Please try again in a few minutes." in refused.content.decode()
    assert Ticket.objects.count() == policy.POLICY.contact_messages_per_ip


def test_customer_service_answers_and_the_answer_is_emailed_in_the_customers_language(
    client, store, django_capture_on_commit_callbacks
):
    # proves: SITE-4, DATA-3
    client.post(reverse("storefront:contact").replace("/en/", "/fr/"), CONTACT)
    ticket = Ticket.objects.get()
    assert ticket.language == "fr"
    User = get_user_model()
    adviser = User.objects.create_user("lea@orvane.example", "Counter-desk-4", is_staff=True)
    adviser.groups.add(Group.objects.get(name="Customer service"))
    client.force_login(adviser)
    page = reverse("admin:support_ticket_change", args=[ticket.pk])
    assert client.get(page).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(page, {"reply": "Oui, répondez simplement à ce message."})
    assert answered.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == "answered" and ticket.answered_by == adviser
    email = mail.outbox[-1]
    assert email.to == ["camille@example.com"]
    assert f"Notre réponse à votre message {ticket.pk}" in email.subject
    assert "Oui, répondez simplement à ce message." in email.body

    warehouse = User.objects.create_user("max@orvane.example", "Counter-desk-4", is_staff=True)
    warehouse.groups.add(Group.objects.get(name="Warehouse"))
    client.force_login(warehouse)
    assert client.get(page).status_code == 403


@pytest.fixture
def other_policy(monkeypatch):
    """A house with other figures: the pages must follow them."""
    changed = dataclasses.replace(
        policy.POLICY,
        withdrawal_days=21,
        late_delivery_cancel_days=45,
        guarantee_months=30,
        retention_orders_years=7,
        retention_tickets_years=2,
    )
    monkeypatch.setattr(policy, "POLICY", changed)
    return changed


@pytest.mark.parametrize(
    ("language", "figures"),
    [
        ("en", ["within 21 days of delivery", "45 days after", "for 30 months", "7 years"]),
        ("fr", ["délai de 21 jours", "45 jours après", "pendant 30 mois", "7 ans"]),
    ],
)
def test_the_faq_and_the_privacy_policy_print_the_policys_figures(
    client, store, other_policy, language, figures
):
    # proves: SITE-4, SITE-6
    faq = client.get(f"/{language}/faq/").content.decode()
    privacy = client.get(f"/{language}/privacy/").content.decode()
    for figure in figures:
        assert figure in faq + privacy, figure
    assert "30 days after" not in faq and "30 jours après" not in faq
    assert ("2 years after the answer" in privacy) or ("2 ans après la réponse" in privacy)


def test_the_privacy_policy_names_the_controller_and_links_the_rights(client, store):
    # proves: SITE-4, ACC-6
    page = client.get(reverse("storefront:privacy")).content.decode()
    assert "Maison Orvane" in page and "is the controller" in page
    for link in ("download-data", "profile", "delete-account"):
        assert f'href="{reverse(f"storefront:{link}")}"' in page
    french = client.get("/fr/privacy/").content.decode()
    assert "Politique de confidentialité" in french and "responsable du traitement" in french


def test_every_page_is_reachable_from_the_footer(client, store):
    # proves: SITE-4
    home = client.get("/en/").content.decode()
    for name in ("terms", "customer-service", "contact", "faq", "privacy", "track"):
        url = reverse(f"storefront:{name}")
        assert f'href="{url}"' in home
        assert client.get(url).status_code == 200


def test_customer_service_hours_follow_the_policy_in_both_languages(client, store, monkeypatch):
    # proves: SITE-4, SITE-6
    from datetime import time

    monkeypatch.setattr(
        policy,
        "POLICY",
        dataclasses.replace(policy.POLICY, service_opens=time(9, 30), service_closes=time(17, 0)),
    )
    english = client.get("/en/customer-service/").content.decode()
    french = client.get("/fr/customer-service/").content.decode()
    assert "Monday to Friday, 09:30 to 17:00 (Paris time)" in english
    assert "Du lundi au vendredi, de 09:30 à 17:00 (heure de Paris)" in french


@pytest.fixture
def delivered_to_a_member(store):
    """Camille's shirt and scarf, delivered on Tuesday 9 June 2026 at 15:00 in Paris."""
    french_holidays(2026)
    buyer = member("camille@example.com")
    lines = [(factories.variant(price_minor=120_00), 1), (factories.variant(price_minor=85_00), 1)]
    order = delivered_order(lines, delivered_at=paris(2026, 6, 9, 15, 0))
    Order.objects.filter(pk=order.pk).update(customer=buyer)
    return buyer, order


@pytest.mark.parametrize(
    ("written_at", "topic", "becomes_a_claim"),
    [
        # 14 days from Tuesday 9 June: the last day is Tuesday 23 June, to midnight in Paris.
        ((2026, 6, 23, 23, 59), "defect", True),
        ((2026, 6, 24, 0, 1), "defect", False),
        ((2026, 6, 12, 10, 0), "order", False),
    ],
)
def test_a_complaint_on_the_contact_form_within_14_days_becomes_a_claim_on_the_order(
    client, delivered_to_a_member, written_at, topic, becomes_a_claim
):
    # proves: RET-5, SITE-4, ACC-5
    buyer, order = delivered_to_a_member
    with clock.travel_to(paris(*written_at)):
        sent = write(
            client,
            topic=topic,
            order_number=order.number,
            message="The scarf arrived with a pulled thread along its hem.",
        )
    assert sent.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.order == order
    if not becomes_a_claim:
        assert ticket.claim is None and not Claim.objects.exists()
        return
    claim = Claim.objects.get()
    assert ticket.claim == claim and claim.order == order
    assert claim.kind == Claim.Kind.NON_CONFORMITY and claim.order_line is None
    assert claim.description == "The scarf arrived with a pulled thread along its hem."
    assert order.events.filter(kind="claim", actor="customer").exists()
    queued = OutboxEmail.objects.get(template="claim_recorded")
    told = render(queued.template, queued.context, "fr").to_send.text
    assert "l'ensemble de la commande (voir votre message)" in told
    signed_in(client, buyer)
    page = client.get(reverse("storefront:account-returns")).content.decode()
    assert f"Claim {claim.reference}" in page
    assert "non-conformity at delivery, the whole order (see your message)): received" in page
