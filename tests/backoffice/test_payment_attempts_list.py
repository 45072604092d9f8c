"""The payment attempts, listed read only for Finance and customer service (PAY-5, ACC-7)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maison.checkout.models import PaymentAttempt
from tests import factories
from tests.orders.helpers import paris, place

LIST = reverse("admin:checkout_paymentattempt_changelist")


def signed_in(client, role):
    person = get_user_model().objects.create_user(
        f"{role.split()[0].lower()}@orvane.example", "Atelier-bleu-9", is_staff=True
    )
    person.groups.set([Group.objects.get(name=role)])
    client.force_login(person)
    return person


def orders(count):
    """`count` orders of one shirt at 120.00 EUR, express (19.00 EUR): 139.00 EUR each."""
    shirt = factories.variant(price_minor=120_00, stock=50)
    return [
        place([(shirt, 1)], at=paris(2026, 3, 2, 10, n), email=f"buyer{n}@example.com")
        for n in range(count)
    ]


def an_unanswered_attempt():
    """An attempt the provider never answered: pending, with no order."""
    created = paris(2026, 3, 2, 11, 0)
    return PaymentAttempt.objects.create(
        number=1,
        idempotency_key="authorize-lost-answer-1",
        amount_minor=86_50,
        currency="EUR",
        fingerprint="f" * 32,
        language="en",
        card_token="tok_test",
        created_at=created,
        deadline=created + timedelta(minutes=30),
    )


@pytest.mark.parametrize("role", ["Finance", "Customer service"])
def test_finance_and_customer_service_see_each_attempt_with_its_order(client, store, role):
    # proves: PAY-5, ACC-7
    (order,) = orders(1)
    lost = an_unanswered_attempt()
    signed_in(client, role)
    page = client.get(LIST)
    assert page.status_code == 200
    listing = page.content.decode()
    ordered = PaymentAttempt.objects.get(order=order)
    for fact in [ordered.idempotency_key, order.number, "€139.00", "ordered"]:
        assert fact in listing, fact
    assert lost.idempotency_key in listing and "€86.50" in listing and "pending" in listing
    # No way to add, change or delete one.
    assert reverse("admin:checkout_paymentattempt_add") not in listing
    assert "delete_selected" not in listing
    detail = client.get(reverse("admin:checkout_paymentattempt_change", args=[ordered.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.get(reverse("admin:checkout_paymentattempt_add")).status_code == 403
    delete = reverse("admin:checkout_paymentattempt_delete", args=[ordered.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert PaymentAttempt.objects.count() == 2


def test_the_list_filters_by_state_and_finds_an_order_number_or_a_key(client, store):
    # proves: PAY-5
    (order,) = orders(1)
    lost = an_unanswered_attempt()
    signed_in(client, "Finance")
    pending = client.get(LIST, {"status__exact": "pending"}).content.decode()
    assert lost.idempotency_key in pending and order.number not in pending
    found = client.get(LIST, {"q": order.number}).content.decode()
    assert order.number in found and lost.idempotency_key not in found
    by_key = client.get(LIST, {"q": "lost-answer"}).content.decode()
    assert lost.idempotency_key in by_key and order.number not in by_key


def test_the_warehouse_is_refused_the_payment_attempts(client, store):
    # proves: ACC-7, DATA-4
    orders(1)
    signed_in(client, "Warehouse")
    assert client.get(LIST).status_code == 403
    attempt = PaymentAttempt.objects.get()
    change = reverse("admin:checkout_paymentattempt_change", args=[attempt.pk])
    assert client.get(change).status_code == 403


def test_the_list_costs_the_same_queries_for_2_or_6_attempts(client, store):
    # No query per row: the order comes with its attempt.
    signed_in(client, "Finance")
    orders(2)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    with_two = queries()
    orders(4)
    assert PaymentAttempt.objects.count() == 6
    assert queries() == with_two
    assert with_two <= 12
