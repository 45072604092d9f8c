"""PRC-7: every document's amounts add up exactly, whatever the basket."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maison.checkout import services
from maison.markets.models import DutyRate, PriceMode
from maison.markets.money import Money
from maison.markets.tax import tax_included_in
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
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
    assert net + tax.minor == gross  # no cent lost between tax-included and tax-excluded
    # The net grossed up again lands within half a cent of the price shown.
    assert abs(Decimal(net) * (1 + Decimal(rate)) - gross) <= Decimal("0.5") * (1 + Decimal(rate))


MARKETS = {
    # country: currency, mode, VAT, duty on apparel
    "FR": ("EUR", PriceMode.TAXES_INCLUDED, "0.20", None),
    "GB": ("GBP", PriceMode.TAXES_INCLUDED, "0.20", None),
    "CH": ("CHF", PriceMode.DUTIES_AT_ORDER, "0.081", "0.04"),
    "JP": ("JPY", PriceMode.DUTIES_AT_ORDER, "0.10", "0.09"),
    "US": ("USD", PriceMode.DUTIES_AT_DELIVERY, None, None),
}


def open_market(country):
    currency, mode, vat, duty = MARKETS[country]
    made = factories.market(
        country, vat=vat, currency=currency, mode=mode, is_default=country == "FR"
    )
    if duty:
        DutyRate.objects.get_or_create(
            country=country, customs_category="apparel", defaults={"rate": Decimal(duty)}
        )
    factories.delivery_methods(made)
    return made


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    basket=baskets,
    country=st.sampled_from(sorted(MARKETS)),
    method=st.sampled_from(["standard", "express"]),
)
def test_every_amount_adds_up_on_review_order_and_email(store, basket, country, method):
    # proves: PRC-7, PRC-4, PRC-2
    market = open_market(country)
    lines = []
    for price, quantity in basket:
        made = factories.variant(stock=quantity, price_minor=price)
        factories.price(made.product, price, market.price_list.code)
        lines.append((made, quantity))
    checkout = factories.ready_checkout(lines, country=country, method=method)
    review = services.review(checkout)
    order = Order.objects.get(pk=services.place_order(checkout, accepted_terms=True).pk)
    order_lines = list(order.lines.all())
    assert order.currency == MARKETS[country][0]
    assert sum(line.total_minor for line in order_lines) == order.subtotal_minor
    assert all(line.unit_price_minor * line.quantity == line.total_minor for line in order_lines)
    assert sum(line.duty_minor for line in order_lines) == order.duties_minor
    assert order.total_minor == (
        order.subtotal_minor + order.delivery_minor + order.duties_minor + order.import_vat_minor
    )
    if order.price_mode == PriceMode.TAXES_INCLUDED:
        rate = order_lines[0].tax_rate
        delivery_tax = tax_included_in(order.delivery, rate).minor
        assert sum(line.tax_minor for line in order_lines) + delivery_tax == order.tax_minor
        assert order.duties_minor == order.import_vat_minor == 0
    elif order.price_mode == PriceMode.DUTIES_AT_ORDER:
        assert order.tax_minor == order.import_vat_minor > 0
    else:
        assert order.tax_minor == order.duties_minor == order.import_vat_minor == 0
    # The review page showed exactly what the order charged, and so does the email.
    shown = review.amounts
    assert (shown.goods, shown.delivery, shown.duties, shown.import_vat, shown.total) == (
        order.subtotal,
        order.delivery,
        order.duties,
        order.import_vat,
        order.total,
    )
    queued = OutboxEmail.objects.get(reference=order.number)
    email = render(queued.template, queued.context, queued.language).to_send.text
    assert order.total.format("en") in email
    assert order.payment.authorised_minor == order.total_minor
    if order.currency == "JPY":
        assert "." not in order.total.format("en")


def test_money_never_mixes_currencies_or_multiplies_by_fractions():
    # proves: PRC-7
    import pytest

    from maison.markets.money import CurrencyMismatch

    with pytest.raises(CurrencyMismatch, match="cannot add 1.00 EUR and 1.00 GBP"):
        Money(100, "EUR") + Money(100, "GBP")
    with pytest.raises(CurrencyMismatch, match="cannot subtract"):
        Money(100, "EUR") - Money(100, "GBP")
    # 300 yen is not more than 2.00 euros, nor less: the question has no answer.
    with pytest.raises(CurrencyMismatch, match="cannot compare 300 JPY and 2.00 EUR"):
        assert Money(300, "JPY") >= Money(200, "EUR")
    for compare in [
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ]:
        with pytest.raises(CurrencyMismatch):
            compare(Money(100, "EUR"), Money(100, "CHF"))
    assert Money(100, "EUR") != Money(100, "CHF")
    assert Money(249_99, "EUR") < Money(250_00, "EUR") <= Money(250_00, "EUR")
    with pytest.raises(TypeError):
        Money(100, "EUR") * 1.5
    assert Money.from_decimal("19.99", "EUR").minor == 1999
    assert Money.from_decimal("1999", "JPY").minor == 1999
    assert Money(1999, "JPY").format("en") == "¥1,999"
