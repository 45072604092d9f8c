"""PRD-1 under real concurrency: only PostgreSQL can prove it, so CI runs it there."""

import threading

import pytest
from django.db import connection

from maison.checkout import services
from maison.inventory.models import Stock
from maison.orders.models import Order
from tests import factories

BUYERS = 50
IN_STOCK = 10


@pytest.mark.postgres
def test_fifty_buyers_race_for_ten_units_and_exactly_ten_win(postgresql_only):
    # proves: PRD-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=IN_STOCK, price_minor=450_00)
    checkouts = [factories.ready_checkout([(coat, 1)]) for _ in range(BUYERS)]
    start = threading.Barrier(BUYERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def buyer(checkout):
        try:
            start.wait()
            try:
                services.place_order(checkout, accepted_terms=True)
                outcome = "order"
            except services.ItemUnavailable as refusal:
                outcome = refusal.message
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=buyer, args=(c,)) for c in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stock = Stock.objects.get(variant=coat)
    assert outcomes.count("order") == IN_STOCK
    assert Order.objects.count() == IN_STOCK
    assert stock.allocated == IN_STOCK and stock.available == 0
    losers = [o for o in outcomes if o != "order"]
    assert len(losers) == BUYERS - IN_STOCK
    assert all("no longer available" in message for message in losers)


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
    start = threading.Barrier(len(checkouts))
    errors: list[BaseException] = []

    def buyer(checkout):
        try:
            start.wait()
            services.place_order(checkout, accepted_terms=True)
        except BaseException as error:  # noqa: BLE001 — the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=(c,)) for c in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
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
    start = threading.Barrier(2)
    numbers: list[str] = []

    def click():
        try:
            start.wait()
            numbers.append(services.place_order(checkout, accepted_terms=True).number)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(numbers) == 2 and numbers[0] == numbers[1]
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
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def click():
        try:
            start.wait()
            basket_services.add_to_basket(basket, shirt, 1)
        except BaseException as error:  # noqa: BLE001 — the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [line.quantity for line in basket.lines.all()] == [4]
