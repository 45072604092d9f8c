"""3-D Secure: the buyer's return and the provider's webhook confirm the order once (PAY-5)."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from maison import clock
from maison.checkout.models import PaymentAttempt
from maison.inventory.models import Stock
from maison.orders.models import Order
from maison.payments import webhooks
from maison.payments.models import PaymentTransaction, TestProviderOperation, WebhookEvent
from maison.payments.providers.testing import TestProvider, notification
from maison.terms.policy import POLICY
from tests import factories
from tests.storefront.helpers import add, checkout_to_review, place

THREE_D_SECURE_CARD = "4000 0027 6000 3184"
WEBHOOK = "/payments/webhook/test/"


def to_challenge(client, coat):
    """Add the coat, pay with the 3-D Secure card, place: the bank's challenge page."""
    add(client, coat)
    checkout_to_review(client, card=THREE_D_SECURE_CARD)
    response = place(client)
    assert response.status_code == 302
    assert response.url.startswith("/en/test-provider/challenge/auth_")
    return response.url


def approve_at_provider() -> TestProviderOperation:
    """The buyer approves on the bank's page, the answer reaching the provider only."""
    waiting = TestProviderOperation.objects.get(kind="authorize")
    return TestProvider().answer_challenge(waiting.reference, approved=True)


def post_webhook(client, done, *, at=None, event=None):
    body = notification(done)
    if event:
        body["id"] = event
    raw = json.dumps(body).encode()
    return client.post(
        WEBHOOK,
        raw,
        content_type="application/json",
        headers={webhooks.HEADER: webhooks.sign(raw, at)},
    )


def test_the_buyer_approves_and_comes_back_to_the_order(client, store):
    # proves: PAY-5, PAY-1, PRD-1
    coat = factories.variant(stock=2, price_minor=450_00)
    challenge = to_challenge(client, coat)
    # Reserved while the challenge is open.
    assert Stock.objects.get(variant=coat).allocated == 1
    assert Order.objects.count() == 0
    page = client.get(challenge)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your bank asks you to confirm a payment of €450.00." in text
    answered = client.post(challenge, {"answer": "approve"})
    key = PaymentAttempt.objects.get().idempotency_key
    assert answered.url == f"http://testserver/en/checkout/payment/return/{key}/"
    back = client.get(answered.url)
    order = Order.objects.get()
    assert back.url == order.get_absolute_url()
    assert order.total_minor == 450_00 and order.payment.authorised_minor == 450_00
    assert Stock.objects.get(variant=coat).allocated == 1
    # Coming back again (a reload) finds the same order.
    assert client.get(answered.url).url == order.get_absolute_url()
    assert Order.objects.count() == 1
    assert PaymentTransaction.objects.filter(kind="authorize").count() == 1


@pytest.fixture
def approved(client, store):
    """The buyer approved on the bank's page; neither they nor the webhook reached the store yet."""
    to_challenge(client, factories.variant(stock=2))
    return approve_at_provider()


def test_the_webhook_confirms_the_order_before_the_buyer_is_back(client, approved):
    # proves: PAY-5, PAY-1
    done, provider = approved, Client()
    answered = post_webhook(provider, done)
    assert answered.status_code == 200
    order = Order.objects.get()
    assert answered.json() == {"outcome": f"order {order.number}"}
    # Then the buyer's browser arrives: the same order, not a second one.
    key = PaymentAttempt.objects.get().idempotency_key
    back = client.get(reverse("storefront:checkout-payment-return", kwargs={"key": key}))
    assert back.url == order.get_absolute_url()
    assert Order.objects.count() == 1
    assert PaymentTransaction.objects.filter(kind="authorize").count() == 1


def test_a_forged_stale_or_replayed_webhook_gets_400_and_changes_nothing(approved):
    # proves: PAY-5
    done, provider = approved, Client()
    raw = json.dumps(notification(done)).encode()
    forged = provider.post(
        WEBHOOK, raw, content_type="application/json", headers={webhooks.HEADER: "t=1,v1=00"}
    )
    unsigned = provider.post(WEBHOOK, raw, content_type="application/json")
    stale = post_webhook(provider, done, at=clock.now() - timedelta(minutes=6))
    assert [r.status_code for r in (forged, unsigned, stale)] == [400, 400, 400]
    assert [r.json()["outcome"] for r in (forged, unsigned, stale)] == [
        "bad_signature",
        "bad_signature",
        "stale",
    ]
    assert Order.objects.count() == 0 and WebhookEvent.objects.count() == 0
    assert PaymentAttempt.objects.get().status == "pending"
    first = post_webhook(provider, done, event="evt_1")
    replayed = post_webhook(provider, done, event="evt_1")
    assert (first.status_code, replayed.status_code) == (200, 400)
    assert replayed.json() == {"outcome": "replayed"}
    assert Order.objects.count() == 1 and WebhookEvent.objects.count() == 1


def test_a_failed_challenge_releases_the_stock_and_sends_the_buyer_back_to_payment(client, store):
    # proves: PAY-5, PAY-1, PRD-1
    coat = factories.variant(stock=1)
    challenge = to_challenge(client, coat)
    back = client.get(client.post(challenge, {"answer": "fail"}).url)
    assert back.url == reverse("storefront:checkout-payment")
    assert "could not confirm that this payment is yours" in client.get(back.url).content.decode()
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=coat).allocated == 0
    assert PaymentAttempt.objects.get().refusal_code == "authentication_failed"


def test_past_the_deadline_the_stock_is_released_and_the_returning_buyer_told(client, store):
    # proves: PRD-1, PAY-5
    coat = factories.variant(stock=1)
    challenge = to_challenge(client, coat)
    key = PaymentAttempt.objects.get().idempotency_key
    late = clock.now() + POLICY.payment_hold + POLICY.payment_answer_grace + timedelta(minutes=1)
    with clock.travel_to(late):
        from maison.checkout.tasks import settle_pending_attempts

        assert settle_pending_attempts.call()["released"] == 1
        assert Stock.objects.get(variant=coat).allocated == 0
        # The bank's page no longer offers to approve it.
        closed = client.get(challenge)
        assert closed.status_code == 410
        assert "no longer waiting for confirmation" in closed.content.decode()
        back = client.get(reverse("storefront:checkout-payment-return", kwargs={"key": key}))
    assert back.url == reverse("storefront:checkout-payment")
    page = client.get(back.url).content.decode()
    assert "was not confirmed in time, so the items reserved for you went back on sale" in page
    assert Order.objects.count() == 0
    assert PaymentTransaction.objects.count() == 0


@pytest.mark.postgres
def test_the_return_and_the_webhook_arriving_together_make_one_order(postgresql_only):
    # proves: PAY-5, PRD-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=3)
    buyer = Client()
    to_challenge(buyer, coat)
    done = approve_at_provider()
    key = PaymentAttempt.objects.get().idempotency_key
    start = threading.Barrier(2)
    answers = {}

    def buyer_returns():
        try:
            start.wait()
            url = reverse("storefront:checkout-payment-return", kwargs={"key": key})
            answers["return"] = buyer.get(url).url
        finally:
            connections.close_all()

    def provider_notifies():
        try:
            start.wait()
            answers["webhook"] = post_webhook(Client(), done).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buyer_returns), threading.Thread(target=provider_notifies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order = Order.objects.get()
    assert answers == {"return": order.get_absolute_url(), "webhook": 200}
    assert PaymentTransaction.objects.filter(kind="authorize").count() == 1
    assert Stock.objects.get(variant=coat).allocated == 1
