"""DEL-4: thirty days after the latest estimate with nothing delivered, the buyer may cancel."""

from datetime import date

import pytest
from django.urls import reverse

from maison import clock
from maison.inventory.models import Stock
from maison.orders import lifecycle, shipments
from maison.orders.models import Order
from tests import factories
from tests.accounts.helpers import member

from .helpers import emails, paris, place


@pytest.fixture
def late_order(store):
    """Placed Monday 2 March 2026, express; one of its two lines shipped on the 3rd, never seen."""
    shirt = factories.variant(price_minor=120_00, stock=4)
    scarf = factories.variant(price_minor=85_00, stock=2)
    order = place([(shirt, 1), (scarf, 1)], at=paris(2026, 3, 2, 10, 0))
    shirt_line = order.lines.order_by("id").first()
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse")
        shipments.ship(
            order,
            {shirt_line.pk: 1},
            carrier="colissimo",
            tracking_number="6A12345678901",
            actor="warehouse",
        )
    order.refresh_from_db()
    return order, scarf


def test_the_late_delivery_cancel_is_absent_on_day_29_and_refused_if_posted(client, late_order):
    # proves: DEL-4, ORD-5
    order, _ = late_order
    # Express, one to two business days from Monday 2 March: Wednesday 4 March at the latest.
    assert order.delivery_latest == date(2026, 3, 4)
    with clock.travel_to(paris(2026, 4, 2, 12, 0)):  # 29 days after 4 March
        page = client.get(order.get_absolute_url())
        assert "Cancel this order" not in page.content.decode()
        assert "you may cancel this order free of charge from April 3, 2026" in (
            page.content.decode()
        )
        refused = client.post(
            reverse("storefront:order-cancel", args=[order.number, order.access_key])
        )
    assert refused.status_code == 409
    assert "can be cancelled for late delivery from April 3, 2026" in refused.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PARTIALLY_SHIPPED


def test_on_day_30_the_guest_cancels_and_everything_is_refunded_or_released(client, late_order):
    # proves: DEL-4, ORD-10, PAY-3, PRD-1
    order, scarf = late_order
    with clock.travel_to(paris(2026, 4, 3, 12, 0)):  # 30 days after 4 March
        page = client.get(order.get_absolute_url())
        assert "Cancel this order" in page.content.decode()
        done = client.post(
            reverse("storefront:order-cancel", args=[order.number, order.access_key])
        )
        assert done.status_code == 302
        shown = client.get(done.url).content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    # The shirt's parcel charged 120.00 + 19.00 × 120.00 / 205.00 = 11.12 → 131.12: refunded.
    assert order.payment.captured_minor == 131_12
    assert order.payment.refunded_minor == 131_12
    # The scarf was never charged: 224.00 - 131.12 = 92.88 released.
    assert order.payment.released_minor == 92_88
    assert Stock.objects.get(variant=scarf).allocated == 0
    assert "Cancelled" in shown
    assert "authorised €224.00, charged €131.12, refunded €131.12" in shown
    (told,) = emails(order, "order_cancelled")
    assert "not delivered in time" in told


def test_a_member_cancels_a_late_order_from_the_account(client, late_order):
    # proves: DEL-4, ORD-10
    order, _ = late_order
    buyer = member()
    Order.objects.filter(pk=order.pk).update(customer=buyer)
    client.force_login(buyer)
    page_url = reverse("storefront:account-order", args=[order.number])
    with clock.travel_to(paris(2026, 4, 2, 12, 0)):
        assert "Cancel this order" not in client.get(page_url).content.decode()
    with clock.travel_to(paris(2026, 4, 3, 12, 0)):
        assert "Cancel this order" in client.get(page_url).content.decode()
        done = client.post(reverse("storefront:account-order-cancel", args=[order.number]))
    assert done.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED


def test_the_order_page_shows_parcels_with_their_carrier_link_and_amounts(client, late_order):
    # proves: ORD-10, PAY-3, DEL-3
    order, _ = late_order
    with clock.travel_to(paris(2026, 3, 3, 12, 0)):
        page = client.get(order.get_absolute_url()).content.decode()
    assert "Partly shipped" in page
    assert "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901" in page
    assert "authorised €224.00, charged €131.12, refunded €0.00" in page
    with clock.travel_to(paris(2026, 3, 3, 12, 0)):
        french = client.get(
            reverse("storefront:order", args=[order.number, order.access_key]).replace(
                "/en/", "/fr/"
            )
        ).content.decode()
    assert "Expédiée en partie" in french
    # A parcel (le colis) is masculine; the order (la commande), feminine.
    assert "Colis 1\u00a0: Expédié</caption>" in french


def test_a_parcel_reads_delivered_or_returned_in_the_masculine_in_french(client, late_order):
    # proves: SITE-6, ORD-10
    order, _ = late_order
    parcel = order.shipments.get()
    french_page = reverse("storefront:order", args=[order.number, order.access_key]).replace(
        "/en/", "/fr/"
    )
    with clock.travel_to(paris(2026, 3, 5, 12, 0)):
        shipments.mark_delivered(parcel, delivered_on=date(2026, 3, 4), actor="wh")
        delivered = client.get(french_page).content.decode()
    assert "Colis 1\u00a0: Livré (4 mars 2026)" in delivered
    with clock.travel_to(paris(2026, 3, 5, 12, 0)):
        english = client.get(french_page.replace("/fr/", "/en/")).content.decode()
    assert "Parcel 1: Delivered (March 4, 2026)" in english


@pytest.mark.parametrize("refunded_before", [True, False])
def test_a_late_cancel_restocks_a_parcel_back_to_sender_and_refunds_it_once(
    late_order, refunded_before
):
    # proves: DEL-4, DEL-5, PRD-1
    from maison.orders.refunds import pay

    order, scarf = late_order
    parcel = order.shipments.get()
    shirt = parcel.lines.get().order_line.variant
    with clock.travel_to(paris(2026, 3, 10, 9, 0)):
        shipments.mark_returned_to_sender(parcel, actor="wh", reason="address unknown")
        if refunded_before:
            pay(shipments.refund_returned(parcel, actor="wh"), actor="finance")
    with clock.travel_to(paris(2026, 4, 3, 12, 0)):
        lifecycle.cancel_late(order)
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    # The shirt's parcel charged 131.12, refunded once; the scarf's 92.88 was never charged.
    assert order.payment.refunded_minor == 131_12
    assert order.payment.released_minor == 92_88
    assert order.refunds.exclude(units={}).count() == 1
    assert Stock.objects.get(variant=shirt).on_hand == 4
    assert Stock.objects.get(variant=scarf).allocated == 0
