"""PRC-7: every document's amounts add up exactly, whatever the basket."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maison.checkout import services
from maison.markets.money import Money
from maison.markets.tax import tax_included_in
from maison.orders.models import Order
from tests import factories

prices = st.integers(min_value=1, max_value=2_000_00)
baskets = st.lists(st.tuples(prices, st.integers(min_value=1, max_value=5)), min_size=1, max_size=6)


@given(
    gross=st.integers(min_value=0, max_value=10**9),
    rate=st.sampled_from(["0", "0.055", "0.1", "0.2", "0.21", "0.255"]),
)
def test_the_tax_inside_a_price_and_its_net_add_back_to_the_price(gross, rate):
    # proves: PRC-7
    tax = tax_included_in(Money(gross, "EUR"), Decimal(rate))
    net = gross - tax.minor
    assert 0 <= tax.minor <= gross
    # The net grossed up again lands within half a cent of the price shown.
    assert abs(Decimal(net) * (1 + Decimal(rate)) - gross) <= Decimal("0.5") * (1 + Decimal(rate))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(basket=baskets)
def test_lines_delivery_and_tax_add_up_to_the_order_total(store, basket):
    # proves: PRC-7, PRC-4
    lines = [
        (factories.variant(stock=quantity, price_minor=price), quantity)
        for price, quantity in basket
    ]
    checkout = factories.ready_checkout(lines)
    review = services.review(checkout)
    order = Order.objects.get(pk=services.place_order(checkout, accepted_terms=True).pk)
    order_lines = list(order.lines.all())
    assert sum(line.total_minor for line in order_lines) == order.subtotal_minor
    assert order.subtotal_minor + order.delivery_minor == order.total_minor
    assert all(line.unit_price_minor * line.quantity == line.total_minor for line in order_lines)
    delivery_tax = tax_included_in(order.delivery, Decimal("0.20")).minor
    assert sum(line.tax_minor for line in order_lines) + delivery_tax == order.tax_minor
    # The review page showed exactly what the order charged.
    assert (
        review.subtotal.minor,
        review.delivery.cost.minor,
        review.total.minor,
        review.tax.minor,
    ) == (order.subtotal_minor, order.delivery_minor, order.total_minor, order.tax_minor)
    assert order.payment.authorised_minor == order.total_minor


def test_money_never_mixes_currencies_or_multiplies_by_fractions():
    # proves: PRC-7
    import pytest

    with pytest.raises(ValueError):
        Money(100, "EUR") + Money(100, "GBP")
    with pytest.raises(TypeError):
        Money(100, "EUR") * 1.5
    assert Money.from_decimal("19.99", "EUR").minor == 1999
    assert Money.from_decimal("1999", "JPY").minor == 1999
    assert Money(1999, "JPY").format("en") == "¥1,999"
