"""An erased account leaves its invoices as issued: the law requires them kept (DATA-1, ACC-6)."""

from maison import clock
from maison.accounts.services.erasure import erase_account
from maison.orders.models import Order
from tests import factories
from tests.accounts.helpers import delivered_long_ago, member
from tests.orders.helpers import paris, place

from .helpers import documents, pdf_text, ship


def test_erasing_the_account_keeps_the_invoice_as_issued(store):
    # proves: DATA-1, ACC-6
    buyer = member("camille@example.com")
    order = place([(factories.variant(price_minor=450_00), 1)], at=paris(2026, 3, 2, 10, 0))
    Order.objects.filter(pk=order.pk).update(customer=buyer)
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    (invoice,) = documents(order)
    before = pdf_text(invoice)
    with clock.travel_to(paris(2026, 6, 10, 9, 0)):
        delivered_long_ago(order)
        erase_account(buyer)
    order.refresh_from_db()
    assert "camille@example.com" not in order.email
    (kept,) = documents(order)
    assert kept.buyer_email == "camille@example.com"
    assert kept.buyer["address"]["last_name"] == "Martin"
    assert pdf_text(kept) == before
