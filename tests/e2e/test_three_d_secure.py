"""3-D Secure in a real browser: the bank's page, then back to the store (JavaScript on or off)."""

import re

import pytest
from playwright.sync_api import expect

from maison.checkout.models import PaymentAttempt
from maison.inventory.models import Stock
from maison.orders.models import Order
from maison.payments.models import WebhookEvent
from tests import factories

from .test_guest_purchase import choose, fill_details

THREE_D_SECURE_CARD = "4000 0027 6000 3184"


@pytest.fixture
def coat(transactional_db):
    factories.market()
    factories.delivery_methods()
    product = factories.product(name="Wool coat", price_minor=450_00)
    return factories.variant(of=product, size="M", stock=1)


def to_the_bank(page, coat):
    """From the coat's page to the bank's challenge, paying with the 3-D Secure card."""
    page.goto(coat.product.get_absolute_url())
    choose(page, coat.colour, "M")
    page.get_by_role("button", name="Add to basket").click()
    page.get_by_role("link", name="Checkout", exact=True).click()
    fill_details(page)
    page.get_by_role("radio", name=re.compile("Standard delivery")).check()
    page.get_by_role("button", name="Continue to payment").click()
    page.get_by_label("Card number").fill(THREE_D_SECURE_CARD)
    page.get_by_label("Expiry month (MM)").fill("12")
    page.get_by_label("Expiry year (YYYY)").fill("2099")
    page.get_by_label("Security code").fill("123")
    page.get_by_role("button", name="Continue to review").click()
    page.get_by_label("I have read and accept the terms of sale").check()
    page.get_by_role("button", name=re.compile("^Place order with obligation to pay")).click()


def test_the_buyer_approves_on_the_banks_page_and_lands_on_the_order(
    new_page, coat, axe, live_server, settings
):
    # proves: PAY-5, PAY-1, PRD-1
    # The provider also notifies the store, over HTTP, as a remote provider does.
    settings.MAISON_TEST_PROVIDER_WEBHOOK_URL = live_server.url + "/payments/webhook/test/"
    page = new_page()
    to_the_bank(page, coat)

    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your payment")
    # €450.00 for the coat; standard delivery is free from €200.
    expect(page.get_by_role("main")).to_contain_text(
        "Your bank asks you to confirm a payment of €450.00."
    )
    assert re.search(r"/en/test-provider/challenge/auth_\w+/$", page.url)
    # The coat is held for this buyer while the bank asks.
    assert Stock.objects.get(variant=coat).allocated == 1
    assert Order.objects.count() == 0
    axe(page)
    page.get_by_role("button", name="Approve the payment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is placed")
    order = Order.objects.get()
    assert page.url.endswith(order.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text(order.number)
    assert order.total_minor == 450_00
    assert PaymentAttempt.objects.get().status == "ordered"
    # The webhook arrived too, and found the order already placed or placed it: one order.
    assert WebhookEvent.objects.count() == 1
    axe(page)


def test_a_failed_check_in_french_sends_the_buyer_back_to_the_payment_step(new_page, coat):
    # proves: PAY-5, PAY-1, SITE-6
    # Without JavaScript: plain forms all the way (axe, a script, runs in the test above).
    page = new_page(java_script_enabled=False)
    to_the_bank(page, coat)
    reference = page.url.rstrip("/").rsplit("/", 1)[1]
    page.goto(f"/fr/test-provider/challenge/{reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre paiement")
    expect(page.get_by_role("main")).to_contain_text(
        "Votre banque vous demande de confirmer un paiement de 450,00"
    )
    page.get_by_role("button", name="Faire échouer la vérification").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Payment")
    expect(page.get_by_role("status").first).to_contain_text(
        "Your bank could not confirm that this payment is yours"
    )
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=coat).allocated == 0
