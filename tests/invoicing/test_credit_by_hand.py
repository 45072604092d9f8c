"""Finance, and only Finance, credits part of an order by hand: refunded and credited (DATA-1)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from maison.invoicing.models import Document
from maison.orders import refunds
from maison.orders.state import OrderRefused
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


@pytest.fixture
def two_invoices(store):
    """A coat (450.00) and a scarf (100.00) sent apart, express (19.00): two invoices."""
    coat = factories.variant(price_minor=450_00)
    scarf = factories.variant(price_minor=100_00)
    order = place([(coat, 1), (scarf, 1)], at=paris(2026, 3, 2, 10, 0))
    coats, scarves = order.lines.order_by("id")
    ship(order, {coats: 1}, at=paris(2026, 3, 3, 9, 0))
    ship(order, {scarves: 1}, at=paris(2026, 3, 4, 9, 0), tracking="6A12345678902")
    return order


def test_finance_names_the_invoice_a_credit_corrects(client, two_invoices):
    # proves: DATA-1
    order = two_invoices
    first, second = documents(order)
    # The coat's parcel: 450.00 and its share of delivery, 19.00 × 450 / 550 = 15.545 → 15.54.
    # The scarf's: 100.00 and what is left of delivery, 3.46.
    assert (first.total_minor, second.total_minor) == (465_54, 103_46)
    url = reverse("admin:orders_order_credit", args=[order.pk])
    client.force_login(staff_in("Finance", "finance@orvane.example"))
    page = client.get(url).content.decode()
    # Both invoices are offered, the latest chosen unless Finance picks another.
    assert f'<option value="{second.number}" selected>' in page
    assert f'<option value="{first.number}">' in page

    done = client.post(
        url, {"invoice": first.number, "amount": "30.00", "reason": "Coat price error"}
    )
    assert done.status_code == 302
    credit = documents(order)[-1]
    assert credit.kind == Document.Kind.CREDIT_NOTE and credit.corrects == first
    assert f"Corrects invoice: {first.number}" in pdf_text(credit)
    # Without a choice, the latest invoice is corrected, as before.
    client.post(url, {"amount": "3.00", "reason": "Scarf label"})
    assert documents(order)[-1].corrects == second


def test_a_credit_never_exceeds_what_is_left_of_its_invoice(client, two_invoices):
    # proves: DATA-1
    order = two_invoices
    _, second = documents(order)
    url = reverse("admin:orders_order_credit", args=[order.pk])
    client.force_login(staff_in("Finance", "finance@orvane.example"))
    client.post(url, {"invoice": second.number, "amount": "50.00", "reason": "Scarf damaged"})
    # 103.46 invoiced, 50.00 credited: 53.46 left on it, though 519.00 is left on the card.
    refused = client.post(
        url, {"invoice": second.number, "amount": "60.00", "reason": "Scarf damaged again"}
    )
    assert refused.status_code == 200
    assert f"Invoice {second.number} has only €53.46 left to credit." in refused.content.decode()
    assert len(documents(order)) == 3
    order.refresh_from_db()
    assert order.payment.refunded_minor == 50_00


def test_an_invoice_of_another_order_is_refused_with_a_reason(client, invoiced, two_invoices):
    # proves: DATA-1
    other = documents(invoiced)[0]
    order = two_invoices
    url = reverse("admin:orders_order_credit", args=[order.pk])
    client.force_login(staff_in("Finance", "finance@orvane.example"))
    refused = client.post(url, {"invoice": other.number, "amount": "5.00", "reason": "Typo"})
    assert refused.status_code == 200
    assert f"{other.number} is not an invoice of this order." in refused.content.decode()
    # The service refuses it too, whoever calls it.
    with pytest.raises(OrderRefused) as raised:
        refunds.credit_by_hand(
            order, 5_00, reason="Typo", actor="finance@orvane.example", invoice=other.number
        )
    assert raised.value.code == "invoice_of_another_order"
    assert [d.kind for d in documents(order)] == ["invoice", "invoice"]
