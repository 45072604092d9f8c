"""What the back office's tests share."""

import pytest

from tests import factories
from tests.orders.helpers import paris, place


@pytest.fixture
def two_lines(store):
    """A shirt at 120.00 EUR bought twice and a scarf at 85.00 EUR, express (19.00 EUR),
    placed on Monday 2 March 2026 at 10:00 in Paris."""
    shirt = factories.variant(price_minor=120_00, stock=5)
    scarf = factories.variant(price_minor=85_00, stock=3)
    order = place([(shirt, 2), (scarf, 1)], at=paris(2026, 3, 2, 10, 0))
    return order, shirt, scarf
