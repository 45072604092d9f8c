"""Staff roles over an order's life, and the warehouse's packing slip (DEL-3, DATA-4)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from maison import clock
from maison.orders import lifecycle, shipments
from tests import factories

from .helpers import paris, place


def _staff(email, role):
    person = get_user_model().objects.create_user(email, "x-Strong-pass-1", is_staff=True)
    person.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=person.pk)


@pytest.mark.parametrize(
    ("role", "ships", "refunds", "blocks"),
    [
        ("Warehouse", True, False, False),
        ("Finance", False, True, False),
        ("Customer service", False, False, True),
    ],
)
def test_warehouse_ships_finance_refunds_customer_service_blocks(db, role, ships, refunds, blocks):
    person = _staff(f"{role.split()[0].lower()}@orvane.example", role)
    assert person.has_perm("orders.process_order") is ships
    assert person.has_perm("orders.pay_refund") is refunds
    assert person.has_perm("orders.block_order") is blocks


def test_the_packing_slip_lists_the_parcel_for_the_warehouse_only(client, store):
    # proves: DEL-3, DATA-4
    shirt = factories.variant(price_minor=120_00, colour="Ecru", size="L")
    order = place([(shirt, 2)], at=paris(2026, 3, 2, 10, 0))
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse")
        parcel = shipments.ship(
            order,
            {order.lines.get().pk: 1},
            carrier="colissimo",
            tracking_number="6A12345678901",
            actor="warehouse",
        )
    url = reverse("admin:orders_shipment_packing_slip", args=[order.pk, parcel.pk])
    assert client.get(url).status_code == 302  # a shopper is sent to the staff sign-in
    client.force_login(_staff("cs@orvane.example", "Customer service"))
    assert client.get(url).status_code == 200
    client.force_login(_staff("wh@orvane.example", "Warehouse"))
    page = client.get(url).content.decode()
    for fact in [order.number, shirt.sku, "Ecru, L", "6A12345678901", "3 rue des Essais"]:
        assert fact in page, fact
