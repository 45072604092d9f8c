from django.core import mail
from django.urls import reverse

from maison.orders.models import Order
from tests import factories

from .helpers import add, buy, checkout_to_review


def test_guest_buys_a_shirt_and_sees_the_confirmation(
    client, store, django_capture_on_commit_callbacks
):
    # proves: ORD-3, ORD-6, PAY-1
    shirt = factories.variant(stock=3, price_minor=130_00)
    with django_capture_on_commit_callbacks(execute=True):
        response = buy(client, shirt, quantity=2)
    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == order.get_absolute_url()
    page = client.get(response.url)
    assert "Thank you, your order is placed" in page.content.decode()
    assert order.total_minor == 260_00  # free standard delivery above the threshold
    assert order.payment.authorised_minor == 260_00
    assert order.payment.captured_minor == 0
    assert order.status == Order.Status.PLACED
    assert len(mail.outbox) == 1
    assert order.number in mail.outbox[0].subject


def test_review_shows_everything_the_buyer_commits_to(client, store):
    # proves: ORD-4, PRC-4
    shirt = factories.variant(stock=3, price_minor=80_00)
    add(client, shirt)
    checkout_to_review(client)
    page = client.get(reverse("storefront:checkout-review")).content.decode()
    assert shirt.product.name in page
    assert "€6.90" in page  # standard delivery below the threshold, shown before ordering
    assert "€86.90" in page
    assert "3 rue des Essais" in page
    assert "Visa •••• 4242" in page
    assert "All prices include VAT" in page
    assert "Place order with obligation to pay €86.90" in page
    assert "I have read and accept the terms of sale" in page
