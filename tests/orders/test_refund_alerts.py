"""Finance is alerted before an order's own refund is late, by the rule returns use."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from maison import clock
from maison.alerts.models import StaffAlert
from maison.notifications.models import OutboxEmail
from maison.orders import lifecycle, shipments
from maison.orders.models import Refund
from maison.orders.refunds import pay
from maison.orders.tasks import alert_refunds_due
from tests import factories

from .helpers import paris, place


@pytest.fixture
def order_of_two(store):
    """A shirt at 120.00 EUR and a scarf at 85.00 EUR, express at 19.00 EUR, placed 2 March."""
    ines = get_user_model().objects.create_user("ines@orvane.example", "x", is_staff=True)
    ines.groups.set([Group.objects.get(name="Finance")])
    shirt = factories.variant(price_minor=120_00, stock=4)
    scarf = factories.variant(price_minor=85_00, stock=2)
    order = place([(shirt, 1), (scarf, 1)], at=paris(2026, 3, 2, 10, 0))
    return order


def scarf_unavailable_on_2_march(order) -> Refund:
    """The scarf is found unavailable on Monday 2 March: its refund is due 14 days on (ORD-7)."""
    scarf_line = order.lines.order_by("id").last()
    with clock.travel_to(paris(2026, 3, 2, 15, 0)):
        lifecycle.process(order, actor="warehouse", unavailable={scarf_line.pk: 1}, reason="torn")
    return Refund.objects.get(order=order)


def test_finance_is_alerted_three_days_before_an_unavailable_items_refund_is_due(order_of_two):
    # proves: ORD-7, RET-4
    from maison.scheduler.jobs import JOBS

    assert "order-refund-alerts" in [job.name for job in JOBS]
    refund = scarf_unavailable_on_2_march(order_of_two)
    assert refund.due_on == date(2026, 3, 16)
    # Due Monday 16 March; the alert days are 3: alerted from Friday 13 March, Paris time.
    # 23:30 in Paris on the 12th is still the 12th (22:30 UTC).
    with clock.travel_to(paris(2026, 3, 12, 23, 30)):
        alert_refunds_due.call()
    assert not StaffAlert.objects.exists()
    # 00:30 in Paris on the 13th, while UTC still reads the 12th.
    with clock.travel_to(paris(2026, 3, 13, 0, 30)):
        assert alert_refunds_due.call() == 1
    with clock.travel_to(paris(2026, 3, 15, 9, 0)):
        assert alert_refunds_due.call() == 0
    alert = StaffAlert.objects.get()
    assert alert.role == "Finance" and alert.code == "order_refund_due_soon"
    assert alert.subject == f"Refund of order {order_of_two.number} due by 2026-03-16"
    # The scarf, 85.00, and its share of delivery, 19.00 × 85 / 205 = 7.87.
    assert alert.body == "Item unavailable: €92.87 to refund to the buyer."
    assert alert.link == f"/admin/orders/refund/{refund.pk}/change/"
    assert OutboxEmail.objects.filter(template="staff_alert", to="ines@orvane.example").count() == 1


def test_an_order_refund_still_owed_the_day_after_its_date_is_alerted_as_late(order_of_two):
    # proves: ORD-7, RET-4
    scarf_unavailable_on_2_march(order_of_two)
    with clock.travel_to(paris(2026, 3, 16, 22, 0)):
        alert_refunds_due.call()
    assert not StaffAlert.objects.filter(code="order_refund_overdue").exists()
    for day in (17, 18):
        with clock.travel_to(paris(2026, 3, day, 9, 0)):
            alert_refunds_due.call()
    late = StaffAlert.objects.get(code="order_refund_overdue")
    assert late.subject == (
        f"Refund of order {order_of_two.number} is late: it was due by 2026-03-16"
    )
    assert StaffAlert.objects.count() == 2


def test_a_refund_paid_before_its_alert_day_raises_no_alert(order_of_two):
    # proves: DEL-5, RET-4
    everything = {line.pk: line.quantity for line in order_of_two.lines.all()}
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.process(order_of_two, actor="warehouse")
        parcel = shipments.ship(
            order_of_two, everything, carrier="ups", tracking_number="1Z999AA1012345678", actor="wh"
        )
    with clock.travel_to(paris(2026, 3, 10, 9, 0)):
        shipments.mark_returned_to_sender(parcel, actor="wh", reason="refused by the buyer")
        refund = shipments.refund_returned(parcel, actor="wh")
    assert refund.due_on == date(2026, 3, 24)
    with clock.travel_to(paris(2026, 3, 20, 9, 0)):
        pay(refund, actor="finance@orvane.example")
    for day in (21, 25):
        with clock.travel_to(paris(2026, 3, day, 9, 0)):
            alert_refunds_due.call()
    assert not StaffAlert.objects.exists()


def test_an_alert_is_written_in_the_back_offices_language_whatever_the_task_speaks(
    order_of_two,
):
    # proves: RET-4
    from django.utils import translation

    scarf_unavailable_on_2_march(order_of_two)
    with clock.travel_to(paris(2026, 3, 14, 9, 0)), translation.override("fr"):
        alert_refunds_due.call()
    assert StaffAlert.objects.get().body == "Item unavailable: €92.87 to refund to the buyer."
