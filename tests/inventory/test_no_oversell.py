"""PRD-1 under real concurrency: only PostgreSQL can prove it, so CI runs it there."""

import pytest

from maison.checkout import services
from maison.inventory.models import Stock
from maison.orders.models import Order
from tests import factories, races

BUYERS = 50
IN_STOCK = 10


def place(checkout):
    return services.place_order(checkout, accepted_terms=True)


@pytest.mark.postgres
def test_fifty_buyers_race_for_ten_units_and_exactly_ten_win(postgresql_only):
    # proves: PRD-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=IN_STOCK, price_minor=450_00)
    checkouts = [factories.ready_checkout([(coat, 1)]) for _ in range(BUYERS)]
    results = races.at_once(place, checkouts)

    stock = Stock.objects.get(variant=coat)
    assert sum(isinstance(r, Order) for r in results) == IN_STOCK
    assert Order.objects.count() == IN_STOCK
    assert stock.allocated == IN_STOCK and stock.available == 0
    losers = [r for r in results if not isinstance(r, Order)]
    assert len(losers) == BUYERS - IN_STOCK
    assert all(isinstance(r, services.ItemUnavailable) for r in losers), losers
    assert all("no longer available" in r.message for r in losers)


@pytest.mark.postgres
def test_two_lines_racing_in_opposite_orders_never_deadlock(postgresql_only):
    # proves: PRD-1
    factories.market()
    factories.delivery_methods()
    shirt, scarf = factories.variant(stock=20), factories.variant(stock=20)
    checkouts = [
        factories.ready_checkout([(shirt, 1), (scarf, 1)] if i % 2 else [(scarf, 1), (shirt, 1)])
        for i in range(20)
    ]
    results = races.at_once(place, checkouts)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert Stock.objects.get(variant=shirt).available == 0
    assert Stock.objects.get(variant=scarf).available == 0


@pytest.mark.postgres
def test_two_clicks_at_once_make_one_order_and_one_authorisation(postgresql_only):
    # proves: PAY-5, PRD-1
    from maison.payments.models import PaymentTransaction

    factories.market()
    factories.delivery_methods()
    shirt = factories.variant(stock=5)
    checkout = factories.ready_checkout([(shirt, 1)])
    first, second = races.at_once(place, [checkout, checkout])
    assert first.number == second.number
    assert Order.objects.count() == 1
    assert PaymentTransaction.objects.count() == 1
    assert Stock.objects.get(variant=shirt).allocated == 1


@pytest.mark.postgres
def test_two_clicks_on_add_to_basket_at_once_make_one_line(postgresql_only):
    # proves: ORD-2
    from maison.basket import services as basket_services

    factories.market()
    shirt = factories.variant(stock=9)
    basket = basket_services.new_basket()
    results = races.at_once(lambda _: basket_services.add_to_basket(basket, shirt, 1), range(4))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert [line.quantity for line in basket.lines.all()] == [4]
