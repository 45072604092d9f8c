"""Finance, and only Finance, credits part of an order by hand: refunded and credited (DATA-1)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from maison.invoicing.models import Document
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import documents, lines, pdf_text, ship


def staff_in(group: str, email: str):
    user = get_user_model().objects.create_user(email, "x-Strong-pass-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def invoiced(store):
    order = place([(factories.variant(price_minor=450_00), 1)], at=paris(2026, 3, 2, 10, 0))
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    return order


def test_finance_credits_part_of_an_invoice_and_the_buyer_is_refunded(client, invoiced):
    # proves: DATA-1, PRC-7
    order = invoiced
    url = reverse("admin:orders_order_credit", args=[order.pk])
    client.force_login(staff_in("Customer service", "service@orvane.example"))
    assert client.get(url).status_code == 403
    client.force_login(staff_in("Finance", "finance@orvane.example"))
    refused = client.post(url, {"amount": "500.00", "reason": "Price error"})
    # Captured: the coat 450.00 and express delivery 19.00.
    assert "at most what is left to refund: €469.00" in refused.content.decode()
    done = client.post(url, {"amount": "45.00", "reason": "Wrong price shown on the label"})
    assert done.status_code == 302
    invoice, credit = documents(order)
    assert credit.kind == Document.Kind.CREDIT_NOTE and credit.corrects == invoice
    # 45.00 with 20 % VAT inside: net 37.50, VAT 7.50.
    assert lines(credit) == [("goods", 1, 37_50, "0.2000", 7_50, 45_00)]
    order.refresh_from_db()
    assert order.payment.refunded_minor == 45_00
    assert "Wrong price shown on the label" in pdf_text(credit).replace("\n", " ")
