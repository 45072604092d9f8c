"""The parcel's way back: drop-off, arrival, inspection, in the back office (RET-2 to RET-4)."""

from datetime import date

import pytest
from django.urls import reverse

from maison.aftersales import services
from maison.aftersales.models import Channel, Return, ReturnLine
from maison.aftersales.services import LineChoice, ReturnRefused
from maison.inventory.models import Stock
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
from maison.orders.models import OrderEvent
from tests import factories

from .helpers import delivered_order, french_holidays, one_line_inline, paris, staff

WAREHOUSE = "marc@orvane.example"


@pytest.fixture
def shirt(store):
    french_holidays(2026)
    return factories.variant(price_minor=120_00, stock=5)


def withdrawn(order, at, when=None, **quantities):
    """Withdraw every line (or `quantities` by SKU) at `when`, 10 June 2026 by default."""
    with at(when or paris(2026, 6, 10, 12, 0)):
        return services.withdraw(
            order,
            [
                LineChoice(line.pk, quantities.get(line.sku, line.quantity))
                for line in order.lines.all()
            ],
        )


def emails(template):
    return [
        render(e.template, e.context, e.language).to_send
        for e in OutboxEmail.objects.filter(template=template)
    ]


def test_a_parcel_sent_on_the_last_day_is_accepted_and_one_sent_the_day_after_refused(shirt, at):
    # proves: RET-2, DATA-2, DATA-3
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    # Notified Wednesday 10 June: the parcel must leave by Tuesday 30 June.
    on_time, late = withdrawn(order, at), None
    assert on_time.send_by == date(2026, 6, 30)
    with at(paris(2026, 7, 2, 10, 0)):
        services.record_drop_off(on_time, date(2026, 6, 30), actor=WAREHOUSE)
    assert Return.objects.get(pk=on_time.pk).state == Return.State.SENT

    other = delivered_order(
        [(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0), email="noe@example.com"
    )
    late = withdrawn(other, at)
    with at(paris(2026, 7, 3, 10, 0)):
        services.receive(late, date(2026, 7, 3), sent_on=date(2026, 7, 1), actor=WAREHOUSE)
    late.refresh_from_db()
    assert late.state == Return.State.REFUSED_LATE and late.refund_due_on is None
    event = OrderEvent.objects.get(order=other, kind="return_refused_late")
    assert event.actor == WAREHOUSE
    (told,) = emails("return_refused_late")
    assert "Sent on July 1, 2026; the deadline was June 30, 2026." in told.text


def test_the_refund_is_due_14_days_after_the_parcel_arrives(shirt, at):
    # proves: RET-4
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    ret = withdrawn(order, at)
    with at(paris(2026, 6, 20, 10, 0)):
        services.record_drop_off(ret, date(2026, 6, 15), actor=WAREHOUSE)
        services.receive(ret, date(2026, 6, 18), actor=WAREHOUSE)
    ret.refresh_from_db()
    assert ret.state == Return.State.RECEIVED
    assert ret.refund_due_on == date(2026, 7, 2)
    assert "We have received your return" in emails("return_received")[0].subject


def test_inspection_restocks_accepted_units_and_not_refused_ones(shirt, at):
    # proves: RET-3, DATA-2
    coat = factories.variant(price_minor=300_00, stock=2)
    order = delivered_order([(shirt, 2), (coat, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    shirt_stock, coat_stock = (Stock.objects.get(variant=v) for v in (shirt, coat))
    ret = withdrawn(order, at)
    with at(paris(2026, 6, 20, 10, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        shirt_line, coat_line = ret.lines.order_by("order_line__id")
        services.inspect(
            ret,
            {
                shirt_line.pk: (ReturnLine.Outcome.ACCEPTED, ""),
                coat_line.pk: (ReturnLine.Outcome.LABEL_REMOVED, "Care label cut off"),
            },
            actor=WAREHOUSE,
        )
    assert Stock.objects.get(variant=shirt).on_hand == shirt_stock.on_hand + 2
    assert Stock.objects.get(variant=coat).on_hand == coat_stock.on_hand
    assert OrderEvent.objects.get(kind="return_inspected").actor == WAREHOUSE
    (told,) = emails("return_inspected")
    assert "refused: label removed (Care label cut off)" in told.text
    assert "accepted" in told.text


def test_a_parcel_that_never_came_is_closed_with_a_reason(shirt, at):
    # proves: RET-2, DATA-2
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    ret = withdrawn(order, at)
    with at(paris(2026, 8, 1, 10, 0)):
        with pytest.raises(ReturnRefused, match="Say why"):
            services.close_lost(ret, "  ", actor=WAREHOUSE)
        services.close_lost(ret, "Carrier lost the parcel", actor=WAREHOUSE)
    ret.refresh_from_db()
    assert ret.state == Return.State.CLOSED
    assert "Reason: Carrier lost the parcel" in emails("return_closed")[0].text
    with pytest.raises(ReturnRefused, match="this step does not apply"):
        services.receive(ret, date(2026, 8, 1), sent_on=date(2026, 6, 12), actor=WAREHOUSE)


def test_staff_record_a_letter_then_receipt_and_inspection_in_the_back_office(client, shirt, at):
    # proves: RET-1, RET-2, RET-3, DATA-2
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    staff(client, "Customer service", "lea@orvane.example")
    adding = reverse("admin:aftersales_return_add")
    with at(paris(2026, 6, 25, 10, 0)):
        assert client.get(adding).status_code == 200
        refused = client.post(
            adding,
            {
                "order_number": order.number,
                "notified_channel": Channel.POST,
                "notified_on": "2026-06-24",
                "items": f"{shirt.sku} 1",
            },
        )
        assert "The withdrawal period for this order ended on June 23, 2026." in (
            refused.content.decode()
        )
        assert not Return.objects.exists()
        response = client.post(
            adding,
            {
                "order_number": order.number,
                "notified_channel": Channel.POST,
                "notified_on": "2026-06-23",
                "items": f"{shirt.sku} 1",
            },
        )
    ret = Return.objects.get()
    assert response.status_code == 302
    assert ret.channel == Channel.POST and ret.recorded_by == "lea@orvane.example"
    # The letter is dated Tuesday 23 June: the parcel must leave by Monday 13 July.
    assert ret.send_by == date(2026, 7, 13)

    client.logout()
    staff(client, "Warehouse", WAREHOUSE)
    change = reverse("admin:aftersales_return_change", args=[ret.pk])
    inline = one_line_inline(ret)
    with at(paris(2026, 7, 3, 10, 0)):
        client.post(
            change,
            {**inline, "parcel_sent_on": "2026-07-01", "parcel_received_on": "2026-07-03"},
        )
        ret.refresh_from_db()
        assert ret.state == Return.State.RECEIVED and ret.refund_due_on == date(2026, 7, 17)
        client.post(change, {**inline, "lines-0-outcome": "accepted", "lines-0-note": ""})
    ret.refresh_from_db()
    assert ret.state == Return.State.INSPECTED
    assert ret.lines.get().outcome == ReturnLine.Outcome.ACCEPTED
    assert [e.actor for e in OrderEvent.objects.filter(kind__startswith="return_")] == [
        WAREHOUSE,
        WAREHOUSE,
    ]


def test_finance_neither_receives_nor_closes_a_return_the_warehouse_follows(client, shirt, at):
    # proves: RET-2, DATA-4
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    ret = withdrawn(order, at)
    change = reverse("admin:aftersales_return_change", args=[ret.pk])
    staff(client, "Finance", "ines@orvane.example")
    page = client.get(change).content.decode()
    assert 'name="close_because"' not in page and 'name="parcel_received_on"' not in page
    with at(paris(2026, 8, 1, 10, 0)):
        closed = client.post(change, {**one_line_inline(ret), "close_because": "never came"})
        received = client.post(change, {**one_line_inline(ret), "parcel_received_on": "2026-07-30"})
    assert closed.status_code == received.status_code == 403
    ret.refresh_from_db()
    assert ret.state == Return.State.REQUESTED and ret.closed_reason == ""

    client.logout()
    staff(client, "Customer service", "lea@orvane.example")
    assert 'name="close_because"' in client.get(change).content.decode()
    with at(paris(2026, 8, 1, 10, 0)):
        client.post(change, {**one_line_inline(ret), "close_because": "Carrier lost it"})
    ret.refresh_from_db()
    assert ret.state == Return.State.CLOSED
