"""Exchange for another size or colour of the same product, at the same price (RET-2, RET-4)."""

from datetime import date

import pytest

from maison.aftersales import services
from maison.aftersales.models import ReturnLine
from maison.aftersales.services import LineChoice, WithdrawalRefused
from maison.alerts.models import StaffAlert
from maison.inventory.models import Stock
from tests import factories

from .helpers import WAREHOUSE, delivered_order, french_holidays, paris


@pytest.fixture
def sizes(store):
    """A shirt in sizes S and M, and a dearer L priced on its own."""
    french_holidays(2026)
    small = factories.variant(price_minor=120_00, stock=5, size="S")
    medium = factories.variant(of=small.product, stock=1, size="M")
    large = factories.variant(of=small.product, stock=3, size="L")
    factories.price(small.product, 150_00, variant=large)
    return small, medium, large


def allocated(variant):
    return Stock.objects.get(variant=variant).allocated


def test_the_new_size_is_held_at_the_request_and_ships_once_the_return_is_accepted(sizes, at):
    # proves: RET-2, RET-3
    small, medium, _large = sizes
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    page_choices = [LineChoice(order.lines.get().pk, 1, exchange_for=medium.pk)]
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, page_choices)
    assert ret.lines.get().exchange_for == medium
    assert allocated(medium) == 1
    with at(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(
            ret, {ret.lines.get().pk: (ReturnLine.Outcome.ACCEPTED, "")}, actor=WAREHOUSE
        )
    ret.refresh_from_db()
    # Nothing to refund: the buyer gets the M instead; the warehouse is told to ship it.
    assert ret.refund is None
    alert = StaffAlert.objects.get(code="exchange_to_ship")
    assert alert.role == "Warehouse" and medium.sku in alert.subject


def test_a_size_no_longer_available_is_refunded_instead(sizes, at):
    # proves: RET-2, RET-4
    small, medium, _large = sizes
    Stock.objects.filter(variant=medium).update(allocated=1)  # the last M went to someone else
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, 1, medium.pk)])
    line = ret.lines.get()
    assert line.exchange_for is None and line.exchange_unavailable
    with at(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(ret, {line.pk: (ReturnLine.Outcome.ACCEPTED, "")}, actor=WAREHOUSE)
    ret.refresh_from_db()
    # The whole order came back: 120.00 + standard delivery 6.90 - the 10.00 return.
    assert ret.refund.amount_minor == 120_00 + 6_90 - 10_00


def test_a_refused_return_gives_the_held_size_back(sizes, at):
    # proves: RET-3
    small, medium, _large = sizes
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, 1, medium.pk)])
    with at(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(
            ret, {ret.lines.get().pk: (ReturnLine.Outcome.DAMAGED, "Torn")}, actor=WAREHOUSE
        )
    assert allocated(medium) == 0


def test_an_exchange_at_another_price_or_of_another_product_is_refused(sizes, at):
    # proves: RET-2
    small, _medium, large = sizes
    other = factories.variant(price_minor=120_00)
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    line = order.lines.get()
    with at(paris(2026, 6, 10, 12, 0)):
        with pytest.raises(WithdrawalRefused, match="not sold at the price you paid"):
            services.withdraw(order, [LineChoice(line.pk, 1, large.pk)])
        with pytest.raises(WithdrawalRefused, match="same product"):
            services.withdraw(order, [LineChoice(line.pk, 1, other.pk)])
    assert allocated(large) == 0 and not order.returns.exists()
