"""The back office's queues: orders to process, blocked, authorisation expiring, refunds due.

One rule says when a refund is due soon or overdue, for the orders list, the
refunds list and the returns list alike (RET-4).
"""

from datetime import date

from django.urls import reverse

from maison import clock
from maison.orders import lifecycle, shipments
from maison.orders.models import Refund
from tests import factories
from tests.orders.helpers import paris, place

from .desk import (
    FINANCE,
    SERVICE,
    act,
    goodwill_refund_on_6_march,
    listed,
    page_of,
    said,
    shipped_and_back,
    staff,
    text,
)


def test_the_queues_hold_what_staff_must_act_on_by_the_clock(store):
    # proves: ORD-7, ORD-9, PAY-5, RET-4
    shirt = factories.variant(price_minor=120_00, stock=20)
    scarf = factories.variant(price_minor=85_00, stock=20)
    # All placed on Monday 2 March 2026 at 10:00, Paris: authorised until 9 March, 10:00.
    waiting = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0), email="ines@example.com")
    held = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0), email="noe@example.com")
    short = place([(shirt, 1), (scarf, 1)], at=paris(2026, 3, 2, 10, 0), email="lou@example.com")
    sent = place([(scarf, 1)], at=paris(2026, 3, 2, 10, 0), email="ana@example.com")
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        lifecycle.block(held, actor="cs@orvane.example", reason="Card disputed")
        # The scarf cannot be served: refunded (never charged) by 3 + 14 = 17 March.
        lifecycle.process(short, actor="wh", unavailable={short.lines.get(variant=scarf).pk: 1})
        lifecycle.process(sent, actor="wh")
        shipments.ship(
            sent,
            {sent.lines.get().pk: 1},
            carrier="colissimo",
            tracking_number="6A12345678901",
            actor="wh",
        )
    finance = staff(FINANCE)
    with clock.travel_to(paris(2026, 3, 5, 9, 0)):
        assert listed(finance, "?queue=to_process") == [waiting.number]
        assert listed(finance, "?queue=blocked") == [held.number]
        # Expiring 9 March; renewed 2 days ahead: not yet on 5 March.
        assert listed(finance, "?queue=authorisation_expiring") == []
        assert listed(finance, "?queue=refund_due_soon") == []
        # The list's queue filter says how many wait in each.
        sidebar = text(finance.get(reverse("admin:orders_order_changelist")).content.decode())
        for count in ["to process (1)", "blocked (1)", "authorisation expiring (0)"]:
            assert count in sidebar, count
    with clock.travel_to(paris(2026, 3, 7, 10, 0)):
        # Every order with units still to ship; the shipped one is settled.
        expiring = sorted([waiting.number, held.number, short.number])
        assert listed(finance, "?queue=authorisation_expiring") == expiring
    refund_list = "admin:orders_refund_changelist"
    with clock.travel_to(paris(2026, 3, 13, 23, 0)):
        assert listed(finance, "?queue=refund_due_soon") == []
    # Due soon from 3 days before 17 March, overdue from the 18th, in Paris.
    with clock.travel_to(paris(2026, 3, 14, 0, 30)):
        assert listed(finance, "?queue=refund_due_soon") == [short.number]
        assert listed(finance, "?refund=due_soon", refund_list) == [short.number]
        assert "Refund due by: March 17, 2026 — due soon" in text(page_of(finance, short))
    with clock.travel_to(paris(2026, 3, 17, 23, 59)):
        assert listed(finance, "?queue=refund_overdue") == []
    with clock.travel_to(paris(2026, 3, 18, 0, 1)):
        assert listed(finance, "?queue=refund_due_soon") == []
        assert listed(finance, "?queue=refund_overdue") == [short.number]
        assert listed(finance, "?refund=overdue", refund_list) == [short.number]
        assert "Refund due by: March 17, 2026 — overdue" in text(page_of(finance, short))


def test_finance_pays_a_returns_refund_from_the_order_page_and_the_return_shows_refunded(store):
    # proves: RET-4
    from maison.aftersales import services as aftersales
    from maison.aftersales.models import Return, ReturnLine
    from maison.aftersales.services import LineChoice
    from tests.aftersales.helpers import delivered_order, french_holidays

    french_holidays(2026)
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with clock.travel_to(paris(2026, 6, 10, 12, 0)):
        ret = aftersales.withdraw(order, [LineChoice(order.lines.get().pk, 1)])
    with clock.travel_to(paris(2026, 6, 18, 17, 0)):
        aftersales.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor="wh")
        aftersales.inspect(
            ret,
            {line.pk: (ReturnLine.Outcome.ACCEPTED, "") for line in ret.lines.all()},
            actor="wh",
        )
    refund = Return.objects.get(pk=ret.pk).refund
    finance = staff(FINANCE)
    returns_list = "admin:aftersales_return_changelist"
    with clock.travel_to(paris(2026, 6, 30, 10, 0)):
        # Received 18 June: due by 2 July, so due soon on 30 June, on both lists.
        assert listed(finance, "?queue=refund_due_soon") == [order.number]
        returns_due = finance.get(reverse(returns_list) + "?refund=due_soon").content.decode()
        assert ret.reference in returns_due
        page = page_of(finance, order)
        assert "Refund due by: July 2, 2026" in page
        done = act(finance, order, "pay_refund", refund=refund.pk)
        assert said(done) == [f"{refund.amount.format()} refunded to the card."]
        assert listed(finance, "?queue=refund_due_soon") == []
        returns_due = finance.get(reverse(returns_list) + "?refund=due_soon").content.decode()
        assert ret.reference not in returns_due
    assert Return.objects.get(pk=ret.pk).state == Return.State.REFUNDED


def test_finance_pays_due_refunds_from_the_refunds_queue_customer_service_cannot(two_lines):
    # proves: RET-4, DATA-4
    order, _shirt, _scarf = two_lines
    shipped_and_back(order)
    refund = goodwill_refund_on_6_march(order)
    queue = reverse("admin:orders_refund_changelist")
    pay = {"action": "pay_selected", "_selected_action": [refund.pk]}
    service = staff(SERVICE)
    assert "pay_selected" not in service.get(queue).content.decode()
    service.post(queue, pay)
    assert Refund.objects.get(pk=refund.pk).state == Refund.State.DUE
    finance = staff(FINANCE)
    with clock.travel_to(paris(2026, 3, 18, 10, 0)):
        assert listed(finance, "?refund=due_soon", "admin:orders_refund_changelist") == [
            order.number
        ]
        done = finance.post(queue, pay, follow=True)
    assert said(done) == [f"{order.number}: €50.00 refunded."]
    assert Refund.objects.get(pk=refund.pk).state == Refund.State.PAID
