"""The flash sale of `make bench`, run small against a test server so it never rots."""

from maison.orders.models import Order
from tests import factories
from tests.conftest import on_postgresql

from .flash_sale import flash_sale


def test_a_small_flash_sale_sells_exactly_the_units_in_stock_through_the_pages(live_server, store):
    # proves: PRD-1, ORD-4
    shirt = factories.variant(price_minor=120_00, stock=2)
    # The test server's SQLite database in memory takes one request at a time.
    at_once = 3 if on_postgresql() else 1
    sale = flash_sale(
        live_server.url, shirt.product.get_absolute_url(), shirt.pk, buyers=6, at_once=at_once
    )
    assert Order.objects.count() == 2
    assert sale.outcomes.get("placed") == 2, sale.outcomes
    assert sum(sale.outcomes.values()) == 6
    # The four others are told it is gone, on the page or when they place.
    assert set(sale.outcomes) <= {
        "placed",
        "sold out on the page",
        "sold out at add",
        "told sold out at place",
    }, sale.outcomes
    assert sale.server_errors == []
    assert sale.requests > 6 and len([ms for ms in [sale.place_p50_ms] if ms > 0]) == 1
