"""PRD-1 under real concurrency: only PostgreSQL can prove it, so CI runs it there."""

import threading

import pytest
from django.db import connections

from maison.checkout import services
from maison.checkout.models import PaymentAttempt
from maison.inventory.models import Stock
from maison.orders.models import Order
from maison.payments.providers import testing
from tests import factories

BUYERS = 50
IN_STOCK = 10


@pytest.mark.postgres
@pytest.mark.parametrize("latency_ms", [0, 200])
def test_fifty_buyers_race_for_ten_units_and_exactly_ten_win(
    postgresql_only, settings, monkeypatch, latency_ms
):
    # proves: PRD-1, PAY-5
    # The provider answers after `latency_ms`, as one across a network does: no
    # buyer waits behind another's card check, since no lock is held meanwhile.
    settings.MAISON_TEST_PROVIDER_LATENCY_MS = latency_ms
    lock = threading.Lock()
    in_flight, most_at_once = 0, 0
    real_wait = testing._network_wait

    def counted_wait():
        nonlocal in_flight, most_at_once
        with lock:
            in_flight += 1
            most_at_once = max(most_at_once, in_flight)
        real_wait()
        with lock:
            in_flight -= 1

    monkeypatch.setattr(testing, "_network_wait", counted_wait)
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=IN_STOCK, price_minor=450_00)
    checkouts = [factories.ready_checkout([(coat, 1)]) for _ in range(BUYERS)]
    start = threading.Barrier(BUYERS)
    outcomes: list[tuple[str, str]] = []

    def buyer(checkout):
        try:
            start.wait()
            try:
                services.place_order(checkout, accepted_terms=True)
                outcome = ("order", "")
            except services.CheckoutRefused as refusal:
                outcome = (refusal.code, refusal.message)
        finally:
            # The store's connection and the provider's: the server's are counted.
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=buyer, args=(c,)) for c in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stock = Stock.objects.get(variant=coat)
    assert [code for code, _ in outcomes].count("order") == IN_STOCK
    assert Order.objects.count() == IN_STOCK
    assert stock.allocated == IN_STOCK and stock.available == 0
    losers = [(code, message) for code, message in outcomes if code != "order"]
    assert len(losers) == BUYERS - IN_STOCK
    assert all(code == "out_of_stock" for code, _ in losers)
    assert all("no longer available" in message for _, message in losers)
    # No reservation left behind: every attempt that holds stock became an order.
    assert not PaymentAttempt.objects.filter(status="pending").exists()
    assert PaymentAttempt.objects.filter(status="ordered").count() == IN_STOCK
    if latency_ms:
        # The card checks overlap instead of queuing behind the stock row's lock.
        assert most_at_once > 1


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
            connections.close_all()

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
            connections.close_all()

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
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [line.quantity for line in basket.lines.all()] == [4]
