from datetime import timedelta

import pytest
from django.urls import reverse

from maison import clock
from maison.catalog.models import Product
from maison.checkout import services
from maison.inventory.models import Stock
from maison.notifications.models import OutboxEmail
from maison.orders.models import Order
from maison.payments.models import Payment, PaymentTransaction
from maison.terms.policy import POLICY
from tests import factories
from tests.storefront.helpers import add, checkout_to_review, place


def test_the_order_records_the_terms_version_the_buyer_accepted(store):
    # proves: ORD-4
    checkout = factories.ready_checkout([(factories.variant(), 1)])
    order = services.place_order(checkout, accepted_terms=True)
    assert order.terms_version == POLICY.terms_version
    assert order.events.get().kind == "placed"


def test_an_order_is_refused_without_accepting_the_terms(store):
    # proves: ORD-4
    shirt = factories.variant(stock=2)
    checkout = factories.ready_checkout([(shirt, 1)])
    with pytest.raises(services.TermsNotAccepted):
        services.place_order(checkout, accepted_terms=False)
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=shirt).allocated == 0


def test_a_declined_card_leaves_no_order_no_allocation_and_no_email(client, store):
    # proves: PAY-1, PRD-1, DATA-3
    shirt = factories.variant(stock=2)
    add(client, shirt)
    checkout_to_review(client, card=factories.DECLINED_CARD)
    response = place(client)
    assert response.status_code == 302
    assert response.url == reverse("storefront:checkout-payment")
    page = client.get(response.url).content.decode()
    assert "Your card was declined" in page
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0
    assert OutboxEmail.objects.count() == 0
    assert Stock.objects.get(variant=shirt).allocated == 0


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ("4000 0000 0000 9995", "insufficient funds"),
        ("4000 0000 0000 0119", "could not reach the payment service"),
        ("4000 0000 0000 0408", "could not reach the payment service"),
    ],
)
def test_provider_refusals_and_failures_place_no_order(store, card, message):
    # proves: PAY-1, PAY-5
    shirt = factories.variant(stock=2)
    checkout = factories.ready_checkout([(shirt, 1)], card=card)
    with pytest.raises(services.PaymentFailed) as refusal:
        services.place_order(checkout, accepted_terms=True)
    assert message in str(refusal.value.message)
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=shirt).allocated == 0


def test_a_double_submit_makes_one_order_and_one_authorisation(client, store):
    # proves: PAY-5, ORD-5
    shirt = factories.variant(stock=5)
    add(client, shirt)
    checkout_to_review(client)
    seen = client.get(reverse("storefront:checkout-review")).context["review"].fingerprint
    click = {"accept_terms": "on", "reviewed": seen}
    first = client.post(reverse("storefront:checkout-place"), click)
    # The second click comes after the first has gone through: it shows the same order.
    second = client.post(reverse("storefront:checkout-place"), click)
    checkout = services.Checkout.objects.get()
    again = services.place_order(checkout, accepted_terms=True, reviewed=seen)
    assert Order.objects.count() == 1
    assert again.get_absolute_url() == first.url == second.url
    assert PaymentTransaction.objects.filter(kind="authorize").count() == 1
    assert Stock.objects.get(variant=shirt).allocated == 1


def test_the_whole_price_is_authorised_at_order_and_nothing_captured(store):
    # proves: PRC-5, PAY-1, PAY-3
    coat = factories.variant(price_minor=640_00)
    order = services.place_order(factories.ready_checkout([(coat, 1)]), accepted_terms=True)
    assert order.payment.authorised_minor == order.total_minor == 640_00
    assert order.payment.captured_minor == 0
    assert order.payment.state == "authorised"


def test_the_order_keeps_what_was_bought_when_the_catalogue_changes(store):
    # proves: PRD-5, PRC-1
    shirt = factories.variant(price_minor=150_00, colour="Ecru", size="M")
    order = services.place_order(factories.ready_checkout([(shirt, 2)]), accepted_terms=True)
    Product.objects.filter(pk=shirt.product_id).update(name="Renamed")
    factories.price(shirt.product, 99_00)
    shirt.product.delete()
    line = Order.objects.get(pk=order.pk).lines.get()
    assert (line.product_name, line.colour, line.size) == (
        order.lines.get().product_name,
        "Ecru",
        "M",
    )
    assert line.product_name.startswith("Poplin shirt")
    assert line.unit_price_minor == 150_00
    assert line.total_minor == 300_00
    assert line.tax_minor == 50_00  # 20 % VAT inside 300.00
    assert line.variant is None


def test_a_price_change_after_review_asks_the_buyer_to_review_again(client, store):
    # proves: PRC-1
    shirt = factories.variant(price_minor=150_00)
    add(client, shirt)
    checkout_to_review(client)
    shown = client.get(reverse("storefront:checkout-review")).context["review"].fingerprint
    factories.price(shirt.product, 170_00)
    response = place(client, reviewed=shown)
    assert response.url == reverse("storefront:checkout-review")
    assert "changed since you reviewed it" in client.get(response.url).content.decode()
    assert Order.objects.count() == 0
    order_response = place(client)
    assert Order.objects.get().total_minor == 176_90
    assert order_response.status_code == 302


def test_an_expired_checkout_starts_again_and_places_nothing(client, store):
    shirt = factories.variant()
    add(client, shirt)
    checkout_to_review(client)
    later = clock.now() + POLICY.checkout_lifetime + timedelta(minutes=1)
    with clock.travel_to(later):
        response = client.post(
            reverse("storefront:checkout-place"), {"accept_terms": "on", "reviewed": "x"}
        )
        assert response.url == reverse("storefront:basket")
        assert "expired" in client.get(response.url).content.decode()
    assert Order.objects.count() == 0


def test_the_last_unit_taken_elsewhere_is_reported_on_the_basket(client, store):
    # proves: PRD-1, ORD-7
    scarf = factories.variant(stock=1)
    add(client, scarf)
    checkout_to_review(client)
    Stock.objects.filter(variant=scarf).update(allocated=1)
    response = place(client)
    assert response.url == reverse("storefront:basket")
    assert "no longer available" in client.get(response.url).content.decode()
    assert Order.objects.count() == 0


def test_once_placed_the_order_cannot_be_changed_through_the_checkout(client, store):
    # proves: ORD-5
    shirt = factories.variant(stock=5)
    add(client, shirt)
    checkout_to_review(client)
    place(client)
    order = Order.objects.get()
    # The basket is empty and the checkout is gone: a new details post starts nothing.
    response = client.post(reverse("storefront:checkout"), {"email": "other@example.com"})
    assert response.url == reverse("storefront:basket")
    order.refresh_from_db()
    assert order.email == "camille@example.com"
    assert order.lines.get().quantity == 1


def test_a_different_item_at_the_same_price_is_not_placed_from_an_old_review(client, store):
    # proves: ORD-4
    navy = factories.variant(price_minor=150_00, colour="Navy")
    ecru = factories.variant(of=navy.product, colour="Ecru", size="M")
    add(client, navy)
    checkout_to_review(client)
    seen = client.get(reverse("storefront:checkout-review")).context["review"].fingerprint
    basket = client.get(reverse("storefront:basket")).context["basket"]
    client.post(reverse("storefront:basket-remove", args=[basket.lines[0].id]))
    add(client, ecru)  # another tab: same price, another colour
    response = place(client, reviewed=seen)
    assert response.url == reverse("storefront:checkout-review")
    assert Order.objects.count() == 0


def test_placing_before_the_steps_are_done_sends_back_to_them(client, store):
    add(client, factories.variant())
    client.get(reverse("storefront:checkout"))
    response = client.post(reverse("storefront:checkout-place"), {})
    assert response.status_code == 302 and response.url == reverse("storefront:checkout")


def test_a_market_without_a_vat_rate_in_force_takes_no_order_and_says_so(client, store):
    from maison.markets.models import VatRate

    add(client, factories.variant())
    checkout_to_review(client)
    VatRate.objects.filter(country="FR").delete()
    response = client.get(reverse("storefront:checkout-review"))
    assert response.status_code == 302
    assert "cannot take orders for" in client.get(response.url).content.decode()


def test_an_authorisation_is_voided_when_recording_the_order_fails(store, monkeypatch):
    # proves: PAY-4, PRD-1
    from maison.payments.models import TestProviderOperation

    shirt = factories.variant(stock=3)
    checkout = factories.ready_checkout([(shirt, 1)])

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "record_order", broken)
    with pytest.raises(services.PaymentFailed) as refused:
        services.place_order(checkout, accepted_terms=True)
    assert refused.value.code == "order_not_recorded"
    assert "could not record your order" in refused.value.message
    given = TestProviderOperation.objects.get(kind="authorize")
    assert given.approved
    assert TestProviderOperation.objects.get(kind="void").reference == given.reference
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=shirt).allocated == 0
    assert not TestProviderOperation.objects.filter(kind="capture").exists()
