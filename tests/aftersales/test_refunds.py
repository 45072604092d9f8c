"""What a return refunds, when, and through what (RET-4, RET-7, SITE-2)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from maison.aftersales import refunding, services
from maison.aftersales.models import Return, ReturnLine
from maison.aftersales.queries import refunds_due
from maison.aftersales.services import LineChoice
from maison.markets.models import Market
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
from maison.orders.models import Order, Refund
from maison.payments.providers.base import ProviderUnavailable
from maison.payments.providers.testing import TestProvider
from maison.shipping.models import DeliveryMethod
from tests import factories

from .helpers import WAREHOUSE, delivered_order, french_holidays, paris

FINANCE = "ines@orvane.example"


@pytest.fixture
def calendar(store):
    french_holidays(2026)


def back_and_accepted(order, at, quantities, *, received=date(2026, 6, 18), when=None):
    """Withdraw {line: quantity} on 10 June, receive on `received`, accept everything."""
    with at(when or paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(line.pk, n) for line, n in quantities.items()])
    with at(paris(received.year, received.month, received.day, 17, 0)):
        services.receive(ret, received, sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(
            ret,
            {line.pk: (ReturnLine.Outcome.ACCEPTED, "") for line in ret.lines.all()},
            actor=WAREHOUSE,
        )
    return Return.objects.select_related("refund").get(pk=ret.pk)


def received_on_18_june(at):
    """A shirt delivered on 9 June, withdrawn on the 10th, its parcel arrived on the 18th."""
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, 1)])
    with at(paris(2026, 6, 18, 17, 0)):
        return services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)


def test_partial_returns_of_a_japanese_order_refund_goods_duties_and_vat_but_never_express(
    calendar, at
):
    # proves: RET-4, PRC-7
    shirt = factories.us_and_japan()
    coat = factories.variant(price_minor=400_00, stock=3)
    factories.price(coat.product, 50000, "jpy")
    order = delivered_order(
        [(shirt, 2), (coat, 1)],
        delivered_at=paris(2026, 6, 9, 15, 0),
        method="express",
        country="JP",
    )
    # By hand: goods 2 × 30000 + 50000 = 110000 JPY; duty 9 %: 5400 + 4500 = 9900;
    # express 1900; import VAT 10 % of (110000 + 1900 + 9900) = 12180; total 133980.
    assert (order.subtotal_minor, order.duties_minor, order.delivery_minor) == (110000, 9900, 1900)
    assert order.import_vat_minor == 12180 and order.payment.captured_minor == 133980
    shirts, coats = order.lines.order_by("id")

    first = back_and_accepted(order, at, {shirts: 1})
    # One shirt: 30000 + duty 2700 + import VAT 12180 × 32700 / 121800 = 3270. Free
    # return: 110000 JPY is over the 25000 JPY threshold. No delivery: not all came back.
    assert (first.refund.goods_minor, first.refund.duties_minor) == (30000, 2700)
    assert (first.refund.delivery_minor, first.refund.import_vat_minor) == (0, 3270)
    assert first.refund.amount_minor == 35970

    second = back_and_accepted(order, at, {shirts: 1, coats: 1}, when=paris(2026, 6, 11, 9, 0))
    # Everything is back, but express is never refunded, and standard delivery was
    # free at this amount: goods 80000 + duty 7200 + VAT 12180 × 87200 / 121800 = 8720.
    assert second.refund.delivery_minor == 0
    assert second.refund.amount_minor == 80000 + 7200 + 8720
    # The 1900 JPY of express and its 190 JPY of import VAT stay with the house.
    assert first.refund.amount_minor + second.refund.amount_minor == 133980 - 1900 - 190
    assert first.refund.amount_minor + second.refund.amount_minor <= 133980


def test_standard_delivery_is_refunded_only_when_the_whole_order_comes_back(calendar, at):
    # proves: RET-4, RET-7, SITE-2
    shirt = factories.variant(price_minor=120_00, stock=5)
    whole = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    # 120.00 + standard 6.90, below the 250.00 threshold: the 10.00 return is deducted.
    ret = back_and_accepted(whole, at, {whole.lines.get(): 1})
    assert ret.refund.amount_minor == 120_00 + 6_90 - 10_00

    part = delivered_order(
        [(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0), email="noe@example.com"
    )
    ret = back_and_accepted(part, at, {part.lines.get(): 1})
    assert ret.refund.amount_minor == 120_00 - 10_00
    assert ret.refund.delivery_minor == 0


@pytest.mark.parametrize(
    "change",
    [{"price_minor": 8_90}, {"market__free_delivery_threshold_minor": 100_00}],
    ids=["standard dearer since", "threshold lowered since"],
)
def test_the_whole_order_back_refunds_standard_delivery_at_its_price_on_the_order(
    calendar, at, change
):
    # proves: PRC-5, RET-4, SITE-2
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0), method="express")
    # Express 19.00 paid; standard delivery then cost 6.90 (120.00 is under 250.00).
    assert order.delivery_minor == 19_00 and order.standard_delivery_minor == 6_90
    standard = DeliveryMethod.objects.filter(code="standard")
    if "price_minor" in change:
        standard.update(price_minor=change["price_minor"])
    else:
        Market.objects.filter(country="FR").update(
            free_delivery_threshold_minor=change["market__free_delivery_threshold_minor"]
        )
    ret = back_and_accepted(order, at, {order.lines.get(): 1})
    # 120.00 + standard 6.90 as on the order - the 10.00 return (120.00 was under the
    # threshold when ordered); never the express supplement of 12.10.
    assert ret.refund.delivery_minor == 6_90
    assert ret.refund.amount_minor == 120_00 + 6_90 - 10_00


def test_a_refused_line_is_neither_refunded_nor_restocked(calendar, at):
    # proves: RET-3, RET-4
    shirt = factories.variant(price_minor=120_00, stock=5)
    coat = factories.variant(price_minor=300_00, stock=5)
    order = delivered_order([(shirt, 1), (coat, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(line.pk, 1) for line in order.lines.all()])
    with at(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        shirt_line, coat_line = ret.lines.order_by("order_line__id")
        services.inspect(
            ret,
            {
                shirt_line.pk: (ReturnLine.Outcome.SOILED, "Make-up on the collar"),
                coat_line.pk: (ReturnLine.Outcome.ACCEPTED, ""),
            },
            actor=WAREHOUSE,
        )
    ret.refresh_from_db()
    # Only the coat: 300.00; free return (420.00 reached the threshold); no delivery.
    assert ret.refund.amount_minor == 300_00
    shirt.stock.refresh_from_db()
    coat.stock.refresh_from_db()
    assert (shirt.stock.on_hand, coat.stock.on_hand) == (4, 5)


def test_the_refund_is_due_14_days_after_receipt_and_overdue_the_day_after(client, calendar, at):
    # proves: RET-4
    ret = received_on_18_june(at)
    # Received Thursday 18 June: due Thursday 2 July, whether inspected or not.
    assert refunds_due(date(2026, 7, 2)).overdue == []
    assert [r.pk for r in refunds_due(date(2026, 7, 2)).due_soon] == [ret.pk]
    assert [r.pk for r in refunds_due(date(2026, 7, 3)).overdue] == [ret.pk]
    client.force_login(
        get_user_model().objects.create_superuser("ines@orvane.example", "x-Strong-pass-1")
    )
    listing = reverse("admin:aftersales_return_changelist")
    with at(paris(2026, 7, 2, 23, 0)):
        assert ret.reference not in client.get(listing, {"refund": "overdue"}).content.decode()
    with at(paris(2026, 7, 3, 0, 1)):
        assert ret.reference in client.get(listing, {"refund": "overdue"}).content.decode()
    with at(paris(2026, 6, 25, 10, 0)):
        services.inspect(
            ret,
            {line.pk: (ReturnLine.Outcome.ACCEPTED, "") for line in ret.lines.all()},
            actor=WAREHOUSE,
        )
    ret.refresh_from_db()
    assert ret.refund.due_on == date(2026, 7, 2)
    assert [r.pk for r in refunds_due(date(2026, 7, 3)).overdue] == [ret.pk]


def test_a_return_is_refunded_once_through_the_card_it_was_charged_on(client, calendar, at):
    # proves: RET-4, PAY-5, DATA-2, DATA-3
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    ret = back_and_accepted(order, at, {order.lines.get(): 1})
    with at(paris(2026, 6, 20, 10, 0)):
        refunding.refund(ret, actor=FINANCE)
        refunding.refund(ret, actor=FINANCE)
    order = Order.objects.get(pk=order.pk)
    assert order.payment.refunded_minor == 110_00
    ret.refresh_from_db()
    assert ret.state == Return.State.REFUNDED and ret.refunded_minor == 110_00
    assert ret.refund.state == Refund.State.PAID
    email = OutboxEmail.objects.get(template="order_refunded")
    assert "We have refunded €110.00" in render(email.template, email.context, "en").to_send.text
    page = client.get(
        reverse("storefront:return", args=[order.number, order.access_key, ret.pk])
    ).content.decode()
    assert "refunded" in page and "€110.00" in page


def test_a_failed_card_refund_stays_due_then_staff_record_a_bank_transfer(
    calendar, at, monkeypatch
):
    # proves: RET-4, DATA-2
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    ret = back_and_accepted(order, at, {order.lines.get(): 1})

    def down(self, *args):
        raise ProviderUnavailable("timeout")

    monkeypatch.setattr(TestProvider, "refund", down)
    with at(paris(2026, 6, 20, 10, 0)), pytest.raises(refunding.Refused):
        refunding.refund(ret, actor=FINANCE)
    ret.refresh_from_db()
    assert ret.state == Return.State.INSPECTED and ret.refund.state == Refund.State.DUE
    with at(paris(2026, 6, 22, 10, 0)):
        refunding.refund_by_transfer(ret, "VIR-2026-0622-17", actor=FINANCE)
    ret.refresh_from_db()
    assert ret.state == Return.State.REFUNDED and ret.refund_reference == "VIR-2026-0622-17"
    assert ret.refund.state == Refund.State.PAID
    assert order.events.get(kind="refunded_by_transfer").actor == FINANCE
    email = OutboxEmail.objects.get(template="return_refunded")
    assert "Refunded: €116.90." in render(email.template, email.context, "en").to_send.text


def test_finance_is_alerted_before_a_return_refund_is_late_and_again_once_late(calendar, at):
    # proves: RET-4
    from maison.aftersales.tasks import alert_refunds_due
    from maison.alerts.models import StaffAlert
    from maison.scheduler.jobs import JOBS

    assert "return-refund-alerts" in [job.name for job in JOBS]
    ret = received_on_18_june(at)
    # Due Thursday 2 July; alerted 3 days before (policy), on Monday 29 June.
    with at(paris(2026, 6, 28, 9, 0)):
        alert_refunds_due.call()
    assert not StaffAlert.objects.exists()
    with at(paris(2026, 6, 29, 9, 0)):
        alert_refunds_due.call()
        alert_refunds_due.call()
    alert = StaffAlert.objects.get()
    assert alert.role == "Finance"
    assert alert.subject == f"Refund of return {ret.reference} due by 2026-07-02"
    with at(paris(2026, 7, 3, 9, 0)):
        alert_refunds_due.call()
    late = StaffAlert.objects.get(code="return_refund_overdue")
    assert late.subject == f"Refund of return {ret.reference} is late: it was due by 2026-07-02"
