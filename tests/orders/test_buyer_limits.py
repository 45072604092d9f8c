"""PRD-2 (a per-buyer limit per variant) and PRD-3 (refused buyers), at checkout."""

from datetime import date

import pytest
from django.urls import reverse

from maison import clock
from maison.checkout import services as checkout
from maison.inventory.models import Stock
from maison.orders import lifecycle
from maison.orders.limits import BuyerRefused
from maison.orders.models import BuyerFlag, Order, PurchaseLimit
from tests import factories, races
from tests.accounts.helpers import member
from tests.storefront.helpers import buy

from .helpers import paris, place


@pytest.fixture
def limited_bag(store):
    """A bag sold at most two per buyer from 1 March 2026, with no end."""
    bag = factories.variant(price_minor=900_00, stock=10)
    PurchaseLimit.objects.create(variant=bag, max_quantity=2, starts_on=date(2026, 3, 1))
    return bag


def test_a_guest_over_the_limit_across_orders_is_sent_back_to_the_basket(client, limited_bag):
    # proves: PRD-2
    place([(limited_bag, 2)], at=paris(2026, 3, 2, 10, 0), email="camille@example.com")
    with clock.travel_to(paris(2026, 3, 20, 10, 0)):
        # Another order, the same email written differently.
        response = buy(client, limited_bag, 1, email="Camille@Example.com")
    assert response.status_code == 302
    assert response.url == reverse("storefront:basket")
    page = client.get(response.url).content.decode()
    assert "You may buy at most 2 of" in page
    assert "you have already ordered 2" in page
    assert Order.objects.count() == 1
    assert Stock.objects.get(variant=limited_bag).allocated == 2


def test_the_limit_counts_the_account_and_its_email(limited_bag):
    # proves: PRD-2
    buyer = member("sacha@example.com")
    first = place([(limited_bag, 1)], at=paris(2026, 3, 2, 10, 0), email="other@example.com")
    Order.objects.filter(pk=first.pk).update(customer=buyer)
    with clock.travel_to(paris(2026, 3, 3, 10, 0)):
        ready = factories.ready_checkout([(limited_bag, 2)], email="sacha@example.com")
        ready.customer = buyer
        ready.save()
        with pytest.raises(BuyerRefused) as refusal:
            checkout.place_order(ready, accepted_terms=True)
    assert refusal.value.code == "over_limit"


def test_cancelled_units_and_orders_before_the_period_do_not_count(limited_bag):
    # proves: PRD-2
    before = place([(limited_bag, 2)], at=paris(2026, 2, 28, 10, 0))
    cancelled = place([(limited_bag, 2)], at=paris(2026, 3, 2, 10, 0))
    with clock.travel_to(paris(2026, 3, 2, 11, 0)):
        lifecycle.cancel(cancelled, actor="cs", grounds="customer")
    again = place([(limited_bag, 2)], at=paris(2026, 3, 3, 10, 0))
    assert before.pk and again.status == Order.Status.PLACED


def test_a_flagged_buyer_is_refused_at_checkout_with_a_clear_message(client, store):
    # proves: PRD-3
    shirt = factories.variant(stock=3)
    BuyerFlag.objects.create(email="dispute@example.com", reason=BuyerFlag.Reason.DISPUTE)
    response = buy(client, shirt, 1, email="Dispute@example.com")
    assert response.status_code == 302
    assert response.url == reverse("storefront:checkout")
    page = client.get(response.url).content.decode()
    assert "We are unable to accept orders from this account or email address" in page
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=shirt).allocated == 0


def test_deleting_a_refused_buyers_account_does_not_lift_the_refusal(client, store):
    # proves: PRD-3
    shirt = factories.variant(stock=3)
    buyer = member("dispute@example.com")
    BuyerFlag.objects.create(email=buyer.email, customer=buyer, reason=BuyerFlag.Reason.DISPUTE)
    buyer.delete()
    response = buy(client, shirt, 1, email="dispute@example.com")
    assert response.url == reverse("storefront:checkout")
    page = client.get(response.url).content.decode()
    assert "We are unable to accept orders from this account or email address" in page
    assert Order.objects.count() == 0


def test_a_lifted_flag_no_longer_refuses(store):
    # proves: PRD-3
    shirt = factories.variant(stock=3)
    BuyerFlag.objects.create(
        email="camille@example.com",
        reason=BuyerFlag.Reason.FRAUD,
        lifted_at=paris(2026, 3, 1, 9, 0),
    )
    order = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0))
    assert order.status == Order.Status.PLACED


@pytest.mark.postgres
def test_six_orders_of_one_buyer_at_once_never_pass_the_limit(postgresql_only):
    # proves: PRD-2
    factories.market()
    factories.delivery_methods()
    bag = factories.variant(price_minor=900_00, stock=10)
    PurchaseLimit.objects.create(variant=bag, max_quantity=2, starts_on=date(2020, 1, 1))
    # The same buyer in six tabs, their email written two ways.
    emails = ["camille@example.com", "Camille@Example.com"] * 3
    checkouts = [factories.ready_checkout([(bag, 1)], email=email) for email in emails]
    results = races.at_once(
        lambda ready: checkout.place_order(ready, accepted_terms=True), checkouts
    )
    refused = [r.code for r in results if isinstance(r, BuyerRefused)]
    assert refused == ["over_limit"] * 4
    assert Order.objects.count() == 2
    assert Stock.objects.get(variant=bag).allocated == 2
