"""Invoices downloaded by their buyer and by staff, by nobody else (DATA-1, DATA-4)."""

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from maison.orders.models import Order
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import documents, ship


def member(email):
    return get_user_model().objects.create_user(email, "x-Strong-pass-1")


@pytest.fixture
def invoiced(store):
    coat = factories.variant(price_minor=450_00, stock=5)
    order = place([(coat, 1)], at=paris(2026, 3, 2, 10, 0))
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    order.refresh_from_db()
    (invoice,) = documents(order)
    return order, invoice


def pdf_links(page) -> list[str]:
    return re.findall(r'href="([^"]+\.pdf)"', page.content.decode())


def assert_pdf(response, invoice):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert f'filename="{invoice.number}.pdf"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == invoice.pdf_sha256


def test_a_guest_downloads_the_invoice_from_the_order_page_of_their_emails(client, invoiced):
    # proves: DATA-1, DATA-4
    order, invoice = invoiced
    page = client.get(order.get_absolute_url())
    assert f"Invoice {invoice.number}" in page.content.decode()
    (link,) = pdf_links(page)
    assert_pdf(client.get(link), invoice)
    # Another order's key does not open this invoice.
    other = place([(factories.variant(), 1)], at=paris(2026, 3, 2, 11, 0), email="x@example.com")
    stolen = reverse(
        "storefront:order-document", args=[other.number, other.access_key, invoice.number]
    )
    assert client.get(stolen).status_code == 404
    wrong_key = reverse(
        "storefront:order-document", args=[order.number, other.access_key, invoice.number]
    )
    assert client.get(wrong_key).status_code == 404


def test_a_member_downloads_their_invoice_and_another_member_gets_a_404(client, invoiced):
    # proves: DATA-1, DATA-4
    order, invoice = invoiced
    buyer, stranger = member("camille@example.com"), member("eve@example.com")
    Order.objects.filter(pk=order.pk).update(customer=buyer)
    client.force_login(buyer)
    page = client.get(reverse("storefront:account-order", args=[order.number]))
    (link,) = pdf_links(page)
    assert_pdf(client.get(link), invoice)
    client.force_login(stranger)
    assert client.get(link).status_code == 404


def test_staff_download_from_the_order_in_the_back_office(client, invoiced):
    # proves: DATA-1
    order, invoice = invoiced
    clerk = get_user_model().objects.create_user(
        "service@orvane.example", "x-Strong-pass-1", is_staff=True
    )
    clerk.groups.add(Group.objects.get(name="Customer service"))
    superuser = get_user_model().objects.create_superuser("boss@example.com", "x-Strong-pass-1")
    client.force_login(superuser)
    page = client.get(reverse("admin:orders_order_change", args=[order.pk]))
    (link,) = re.findall(r'href="([^"]+/pdf/)"', page.content.decode())
    client.force_login(clerk)
    assert_pdf(client.get(link), invoice)
    listing = client.get(reverse("admin:invoicing_document_changelist"), {"q": order.number})
    assert invoice.number in listing.content.decode()
    by_name = client.get(reverse("admin:invoicing_document_changelist"), {"q": "martin"})
    assert invoice.number in by_name.content.decode()
    nobody = client.get(reverse("admin:invoicing_document_changelist"), {"q": "Durand"})
    assert invoice.number not in nobody.content.decode()
    client.force_login(member("camille@example.com"))
    assert client.get(link).status_code == 302  # to the back office's sign-in
