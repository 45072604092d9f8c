"""Unavailable items, blocking, cancelling: never charged, back in stock, buyer told."""

import re
from datetime import date

import pytest

from maison import clock
from maison.inventory.models import Stock
from maison.orders import lifecycle, shipments
from maison.orders.models import Order, Refund
from maison.payments.providers.testing import TestProviderOperation
from tests import factories

from .helpers import emails, paris, place, templates


@pytest.fixture
def order_of_two(store):
    """A shirt at 120.00 EUR and a scarf at 85.00 EUR, express at 19.00 EUR: 224.00 EUR."""
    shirt = factories.variant(price_minor=120_00, stock=4)
    scarf = factories.variant(price_minor=85_00, stock=2)
    order = place([(shirt, 1), (scarf, 1)], at=paris(2026, 3, 2, 10, 0))
    return order, shirt, scarf


def test_an_unavailable_line_is_never_charged_and_its_refund_is_due_in_14_days(order_of_two):
    # proves: ORD-7, PRC-6, PAY-2
    order, shirt, scarf = order_of_two
    shirt_line, scarf_line = order.lines.order_by("id")
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(
            order, actor="warehouse", unavailable={scarf_line.pk: 1}, reason="damaged in stock"
        )
    # The scarf and its share of delivery: 85.00 + 19.00 × 85.00 / 205.00 = 7.878... → 7.87.
    refund = Refund.objects.get(order=order)
    assert (refund.goods_minor, refund.delivery_minor) == (85_00, 7_87)
    assert refund.due_on == date(2026, 3, 17)
    assert refund.state == Refund.State.DUE
    assert Stock.objects.get(variant=scarf).allocated == 0
    (told,) = emails(order, "order_items_unavailable")
    assert "no longer available" in told
    assert "€92.87" in told and "March 17, 2026" in told

    with clock.travel_to(paris(2026, 3, 4, 9, 0)):
        shipments.ship(
            order,
            {shirt_line.pk: 1},
            carrier="colissimo",
            tracking_number="6A12345678901",
            actor="warehouse",
        )
    order.refresh_from_db()
    # The shirt and the delivery left: 120.00 + 19.00 - 7.87 = 131.13; the rest released.
    assert order.payment.captured_minor == 131_13
    assert order.payment.released_minor == 92_87
    assert order.payment.captured_minor + order.payment.released_minor == order.total_minor
    refund.refresh_from_db()
    assert refund.state == Refund.State.RELEASED
    assert order.status == Order.Status.SHIPPED
    voids = TestProviderOperation.objects.filter(kind="void")
    assert voids.count() == 1


def test_nothing_available_cancels_the_order_and_voids_the_authorisation(order_of_two):
    # proves: ORD-7, PRD-1
    order, shirt, scarf = order_of_two
    everything = {line.pk: line.quantity for line in order.lines.all()}
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse", unavailable=everything, reason="flood")
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert order.payment.captured_minor == 0
    assert order.payment.released_minor == 224_00
    assert Stock.objects.get(variant=shirt).allocated == 0
    assert "order_cancelled" in templates(order)


def _shirt_shipped_first(order):
    """Processed on Tuesday 3 March 2026; the shirt leaves alone, the scarf still waits."""
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse")
        shirt_line = order.lines.order_by("id").first()
        return shipments.ship(
            order,
            {shirt_line.pk: 1},
            carrier="ups",
            tracking_number="1Z999AA1012345670",
            actor="wh",
        )


def test_a_line_found_damaged_after_the_first_parcel_goes_back_to_stock_and_is_released(
    order_of_two,
):
    # proves: ORD-7, PRD-1, PAY-2
    order, shirt, scarf = order_of_two
    _, scarf_line = order.lines.order_by("id")
    _shirt_shipped_first(order)
    with clock.travel_to(paris(2026, 3, 3, 10, 0)):
        lifecycle.cancel_unavailable(
            order, {scarf_line.pk: 1}, actor="warehouse", reason="torn while packing"
        )
    order.refresh_from_db()
    # The scarf is no longer held for the order: both units can be sold again.
    assert Stock.objects.get(variant=scarf).allocated == 0
    assert Stock.objects.get(variant=scarf).on_hand == 2
    assert order.status == Order.Status.SHIPPED
    # The shirt's parcel charged 120.00 + 19.00 × 120.00 / 205.00 = 11.12 → 131.12;
    # the scarf and the rest of the delivery, 224.00 - 131.12 = 92.88, were released.
    assert order.payment.captured_minor == 131_12
    assert order.payment.released_minor == 92_88
    refund = Refund.objects.get(order=order, reason=Refund.Reason.UNAVAILABLE)
    assert refund.state == Refund.State.RELEASED
    assert refund.due_on == date(2026, 3, 17)
    (told,) = emails(order, "order_items_unavailable")
    assert "€92.88" in told


def test_a_blocked_order_partly_shipped_is_cancelled_restocked_and_refunded(order_of_two):
    # proves: ORD-9, PRD-1, PAY-3
    order, shirt, scarf = order_of_two
    _shirt_shipped_first(order)
    with clock.travel_to(paris(2026, 3, 4, 9, 0)):
        lifecycle.block(order, actor="cs", reason="card reported stolen")
        lifecycle.cancel(order, actor="cs", grounds="account", reason="not resolved")
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    # The scarf never left: back in stock. The shirt's parcel charged
    # 120.00 + 19.00 × 120.00 / 205.00 = 11.12 → 131.12, refunded; 92.88 released.
    assert Stock.objects.get(variant=scarf).allocated == 0
    assert order.payment.refunded_minor == 131_12
    assert order.payment.released_minor == 92_88
    (told,) = emails(order, "order_cancelled")
    assert "Everything you were charged, €131.12, is refunded to your card." in told


def test_the_last_units_cancelled_after_every_parcel_arrived_deliver_the_order(order_of_two):
    # proves: ORD-7, DEL-3
    order, shirt, scarf = order_of_two
    _, scarf_line = order.lines.order_by("id")
    parcel = _shirt_shipped_first(order)
    with clock.travel_to(paris(2026, 3, 5, 9, 0)):
        shipments.mark_delivered(parcel, delivered_on=date(2026, 3, 4), actor="warehouse")
    with clock.travel_to(paris(2026, 3, 6, 9, 0)):
        lifecycle.cancel_unavailable(order, {scarf_line.pk: 1}, actor="warehouse", reason="lost")
        with pytest.raises(lifecycle.OrderRefused) as again:
            lifecycle.cancel_unavailable(order, {scarf_line.pk: 1}, actor="warehouse", reason="")
    assert again.value.code == "transition_not_allowed"
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    # Every after-sales period runs from the day the last parcel arrived.
    assert order.delivered_at == paris(2026, 3, 4, 12, 0)
    assert Stock.objects.get(variant=scarf).allocated == 0


@pytest.mark.parametrize(
    ("grounds", "told"),
    [
        ("fraud", "could not confirm that the payment was authorised"),
        ("price_error", "was an obvious error"),
    ],
)
def test_fraud_or_a_price_error_cancels_voids_and_tells_the_buyer(order_of_two, grounds, told):
    # proves: PAY-4, PRD-4
    order, shirt, scarf = order_of_two
    with clock.travel_to(paris(2026, 3, 2, 12, 0)):
        lifecycle.cancel(order, actor="cs@orvane.example", grounds=grounds, reason="checked")
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert order.payment.captured_minor == 0
    assert order.payment.voided
    assert TestProviderOperation.objects.filter(kind="void", approved=True).count() == 1
    assert Stock.objects.get(variant=shirt).allocated == 0
    assert Stock.objects.get(variant=scarf).allocated == 0
    (email,) = emails(order, "order_cancelled")
    assert told in email
    assert "Nothing was charged" in email
    assert order.events.filter(kind="cancelled", actor="cs@orvane.example").exists()


def test_a_blocked_order_cannot_ship_until_released(order_of_two):
    # proves: ORD-9, DATA-2
    order, _, _ = order_of_two
    everything = {line.pk: line.quantity for line in order.lines.all()}
    ship = {"carrier": "dhl", "tracking_number": "1234567890", "actor": "warehouse"}
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        assert lifecycle.allowed_actions(order) == ["process", "block", "cancel"]
        lifecycle.process(order, actor="warehouse")
        lifecycle.block(order, actor="cs", reason="payment under review")
        order.refresh_from_db()
        assert order.status == Order.Status.BLOCKED
        assert lifecycle.allowed_actions(order) == ["release", "cancel"]
        with pytest.raises(lifecycle.OrderRefused) as refusal:
            shipments.ship(order, everything, **ship)
        assert refusal.value.code == "transition_not_allowed"
        lifecycle.release(order, actor="cs", reason="cleared")
        order.refresh_from_db()
        assert order.status == Order.Status.PROCESSING
        shipments.ship(order, everything, **ship)
    kinds = list(order.events.values_list("kind", flat=True))
    assert kinds.index("blocked") < kinds.index("released") < kinds.index("shipped")
    assert order.events.get(kind="blocked").data["reason"] == "payment under review"


def test_a_blocked_order_can_be_cancelled_and_nothing_is_charged(order_of_two):
    # proves: ORD-9
    order, shirt, _ = order_of_two
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.block(order, actor="cs", reason="account problem")
        lifecycle.cancel(order, actor="cs", grounds="account")
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert order.payment.released_minor == order.total_minor
    assert Stock.objects.get(variant=shirt).allocated == 0


def test_illegal_transitions_are_refused_with_a_reason(order_of_two):
    # proves: ORD-5, PAY-2, DEL-3
    order, _, _ = order_of_two
    shirt_line, scarf_line = order.lines.order_by("id")
    ship = {"carrier": "colissimo", "tracking_number": "6A12345678901", "actor": "warehouse"}
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        # Shipping before processing.
        with pytest.raises(lifecycle.OrderRefused) as before:
            shipments.ship(order, {shirt_line.pk: 1}, **ship)
        assert before.value.code == "transition_not_allowed"
        lifecycle.process(order, actor="warehouse")
        # More than ordered.
        with pytest.raises(lifecycle.OrderRefused) as too_many:
            shipments.ship(order, {shirt_line.pk: 2}, **ship)
        assert too_many.value.code == "over_shipped"
        assert "only 1 left to ship, not 2" in too_many.value.message
        first = shipments.ship(order, {shirt_line.pk: 1}, **ship)
        # The same units twice: nothing is captured twice.
        with pytest.raises(lifecycle.OrderRefused) as twice:
            shipments.ship(order, {shirt_line.pk: 1}, **ship)
        assert twice.value.code == "over_shipped"
        # Delivered before it shipped: the date is refused.
        with pytest.raises(lifecycle.OrderRefused) as early:
            shipments.mark_delivered(first, delivered_on=date(2026, 3, 2), actor="cs")
        assert early.value.code == "bad_delivery_date"
        # Cancelled once part of it has shipped: refused.
        with pytest.raises(lifecycle.OrderRefused) as late:
            lifecycle.cancel(order, actor="cs", grounds="other")
        assert late.value.code == "transition_not_allowed"
    order.refresh_from_db()
    assert order.payment.captured_minor == first.amount_minor


def test_a_cancelled_order_cannot_ship_nor_be_delivered(order_of_two):
    # proves: ORD-5, PAY-4
    order, _, _ = order_of_two
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.cancel(order, actor="cs", grounds="fraud")
        with pytest.raises(lifecycle.OrderRefused) as refusal:
            shipments.ship(
                order,
                {line.pk: 1 for line in order.lines.all()},
                carrier="colissimo",
                tracking_number="6A12345678901",
                actor="warehouse",
            )
    assert refusal.value.code == "transition_not_allowed"
    assert "is cancelled" in refusal.value.message
    order.refresh_from_db()
    assert order.payment.captured_minor == 0
    assert not order.shipments.exists()


def test_capturing_twice_with_one_key_charges_once(order_of_two):
    # proves: PAY-2, PAY-5
    from maison.payments import services as payments

    order, _, _ = order_of_two
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        payments.capture(order.payment, 50_00, "capture-test-1")
        payments.capture(order.payment, 50_00, "capture-test-1")
    order.payment.refresh_from_db()
    assert order.payment.captured_minor == 50_00
    assert TestProviderOperation.objects.filter(kind="capture").count() == 1


def _all_in_one_parcel(order):
    """Processed and shipped whole on Tuesday 3 March 2026."""
    everything = {line.pk: line.quantity for line in order.lines.all()}
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order, actor="warehouse")
        return shipments.ship(
            order, everything, carrier="ups", tracking_number="1Z999AA1012345678", actor="wh"
        )


def test_a_parcel_returned_to_sender_is_refunded_or_reshipped(order_of_two):
    # proves: DEL-5, DEL-3
    order, _, _ = order_of_two
    parcel = _all_in_one_parcel(order)
    with clock.travel_to(paris(2026, 3, 10, 9, 0)):
        parcel = shipments.mark_returned_to_sender(parcel, actor="wh", reason="address unknown")
        assert lifecycle.shipment_actions(parcel) == ["reship", "refund_returned"]
        again = shipments.reship(
            parcel, carrier="ups", tracking_number="1Z999AA1012345679", actor="wh"
        )
        with pytest.raises(lifecycle.OrderRefused):
            shipments.refund_returned(parcel, actor="finance")
    with clock.travel_to(paris(2026, 3, 12, 9, 0)):
        shipments.mark_delivered(again, delivered_on=date(2026, 3, 12), actor="wh")
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    # Charged once, for the first parcel: the second one is the same goods.
    assert order.payment.captured_minor == order.total_minor
    assert "order_returned_to_sender" in templates(order)


def test_a_parcel_back_and_not_reshipped_is_refunded_in_full(order_of_two):
    # proves: DEL-5, ORD-9
    from maison.orders.refunds import pay

    order, _, _ = order_of_two
    parcel = _all_in_one_parcel(order)
    with clock.travel_to(paris(2026, 3, 10, 9, 0)):
        shipments.mark_returned_to_sender(parcel, actor="wh", reason="refused by the buyer")
        refund = shipments.refund_returned(parcel, actor="wh")
        assert refund.due_on == date(2026, 3, 24)
        pay(refund, actor="finance@orvane.example")
    order.refresh_from_db()
    assert order.payment.refunded_minor == 224_00
    assert order.status == Order.Status.CANCELLED
    (told,) = emails(order, "order_refunded")
    assert "We have refunded €224.00" in told


def test_a_parcel_back_to_sender_and_refunded_goes_back_to_stock(order_of_two):
    # proves: DEL-5, PRD-1
    from maison.orders.refunds import pay

    order, shirt, scarf = order_of_two
    parcel = _all_in_one_parcel(order)
    # 4 shirts and 2 scarves on hand; one of each left in the parcel.
    assert Stock.objects.get(variant=shirt).on_hand == 3
    with clock.travel_to(paris(2026, 3, 10, 9, 0)):
        shipments.mark_returned_to_sender(parcel, actor="wh", reason="address unknown")
        refund = shipments.refund_returned(parcel, actor="wh")
        pay(refund, actor="finance@orvane.example")
    assert Stock.objects.get(variant=shirt).on_hand == 4
    assert Stock.objects.get(variant=scarf).on_hand == 2
    assert Stock.objects.get(variant=shirt).allocated == 0


def test_a_reshipped_parcel_back_again_refunds_the_first_charge_and_restocks(order_of_two):
    # proves: DEL-5, PRD-1
    order, shirt, _ = order_of_two
    parcel = _all_in_one_parcel(order)
    with clock.travel_to(paris(2026, 3, 10, 9, 0)):
        shipments.mark_returned_to_sender(parcel, actor="wh", reason="address unknown")
        again = shipments.reship(
            parcel, carrier="ups", tracking_number="1Z999AA1012345679", actor="wh"
        )
    with clock.travel_to(paris(2026, 3, 17, 9, 0)):
        shipments.mark_returned_to_sender(again, actor="wh", reason="refused by the buyer")
        refund = shipments.refund_returned(again, actor="wh")
    # The first parcel charged the whole order, 224.00; the second charged nothing.
    assert refund.amount_minor == 224_00
    assert Stock.objects.get(variant=shirt).on_hand == 4


def test_a_cancelled_order_shows_its_units_on_the_product_page_at_once(client, store):
    # proves: PRD-1
    shirt = factories.variant(price_minor=120_00, stock=1, size="M")
    page_url = f"/en/p/{shirt.product.slug}/"
    size_button = re.compile(rf'<input[^>]*id="size-{shirt.pk}"[^>]*>')

    def size_is_offered():
        (button,) = size_button.findall(client.get(page_url).content.decode())
        return " disabled" not in button

    order = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0))
    assert not size_is_offered()
    with clock.travel_to(paris(2026, 3, 2, 11, 0)):
        lifecycle.cancel(order, actor="cs", grounds="fraud")
    assert size_is_offered()
