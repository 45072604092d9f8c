"""Exchange for another size or colour of the same product, at the same price (RET-2, RET-4)."""

from datetime import date

import pytest
from django.urls import reverse

from maison.aftersales import exchanges, refunding, services
from maison.aftersales.models import Return, ReturnLine
from maison.aftersales.services import LineChoice, ReturnRefused, WithdrawalRefused
from maison.alerts.models import StaffAlert
from maison.inventory.models import Stock
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
from tests import factories

from .helpers import WAREHOUSE, delivered_order, french_holidays, one_line_inline, paris, staff


@pytest.fixture
def sizes(store):
    """A shirt in sizes S and M, and a dearer L priced on its own."""
    french_holidays(2026)
    small = factories.variant(price_minor=120_00, stock=5, size="S")
    medium = factories.variant(of=small.product, stock=1, size="M")
    large = factories.variant(of=small.product, stock=3, size="L")
    factories.price(small.product, 150_00, variant=large)
    return small, medium, large


def allocated(variant):
    return Stock.objects.get(variant=variant).allocated


def test_the_new_size_is_held_at_the_request_and_ships_once_the_return_is_accepted(sizes, at):
    # proves: RET-2, RET-3
    medium = sizes[1]
    _, ret = _accepted_exchange(sizes, at, held=lambda: allocated(medium))
    ret.refresh_from_db()
    assert ret.lines.get().exchange_for == medium
    # Nothing to refund: the buyer gets the M instead; the warehouse is told to ship it.
    assert ret.refund is None
    alert = StaffAlert.objects.get(code="exchange_to_ship")
    assert alert.role == "Warehouse" and medium.sku in alert.subject


def _accepted_exchange(sizes, at, held=None):
    """An S sent back for the last M, accepted on Thursday 18 June 2026.

    `held()` must be 1 between the request and the receipt.
    """
    small, medium, _large = sizes
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, 1, medium.pk)])
    if held is not None:
        assert held() == 1
    with at(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(
            ret, {ret.lines.get().pk: (ReturnLine.Outcome.ACCEPTED, "")}, actor=WAREHOUSE
        )
    return order, ret


def test_the_exchange_ships_with_its_tracking_link_and_the_buyer_is_emailed(sizes, at, client):
    # proves: RET-2, DEL-3, DATA-2
    order, ret = _accepted_exchange(sizes, at)
    medium = sizes[1]
    with at(paris(2026, 6, 19, 10, 0)):
        exchanges.ship_exchange(
            ret, carrier="colissimo", tracking_number="6a 9876 5432 101", actor=WAREHOUSE
        )
        with pytest.raises(ReturnRefused) as twice:
            exchanges.ship_exchange(
                ret, carrier="colissimo", tracking_number="6A98765432102", actor=WAREHOUSE
            )
    assert twice.value.code == "no_exchange_to_ship"
    # The last M left the warehouse: no longer on hand nor held.
    assert Stock.objects.get(variant=medium).on_hand == 0
    assert allocated(medium) == 0
    assert StaffAlert.objects.get(code="exchange_to_ship").resolved_by == WAREHOUSE
    assert order.events.get(kind="exchange_shipped").actor == WAREHOUSE
    queued = OutboxEmail.objects.get(template="exchange_shipped")
    told = render(queued.template, queued.context, "en").to_send.text
    assert "has left with Colissimo, tracking number 6A98765432101" in told
    assert "https://www.laposte.fr/outils/suivre-vos-envois?code=6A98765432101" in told
    page = client.get(
        reverse("storefront:return", args=[order.number, order.access_key, ret.pk])
    ).content.decode()
    assert "Your exchange left on June 19, 2026 with Colissimo" in page


def test_an_exchange_that_cannot_be_sent_is_refunded_and_given_back_to_stock(sizes, at):
    # proves: RET-2, RET-4
    order, ret = _accepted_exchange(sizes, at)
    medium = sizes[1]
    with at(paris(2026, 6, 19, 10, 0)):
        refund = exchanges.refund_unavailable_exchange(
            ret, actor=WAREHOUSE, reason="stained in the warehouse"
        )
    assert allocated(medium) == 0 and Stock.objects.get(variant=medium).on_hand == 1
    # The whole order came back unexchanged: 120.00 + standard delivery 6.90, and no
    # return cost (the buyer asked for an exchange); due 14 days after receipt.
    assert refund.amount_minor == 120_00 + 6_90
    assert refund.due_on == date(2026, 7, 2)
    queued = OutboxEmail.objects.get(template="exchange_unavailable")
    told = render(queued.template, queued.context, "en").to_send.text
    assert "You will be refunded €126.90" in told and "July 2, 2026" in told
    with at(paris(2026, 6, 20, 10, 0)):
        refunding.refund(ret, actor="finance@orvane.example")
    ret.refresh_from_db()
    order.payment.refresh_from_db()
    assert ret.state == Return.State.REFUNDED
    assert order.payment.refunded_minor == 126_90


def test_a_size_no_longer_available_is_refunded_instead(sizes, at):
    # proves: RET-2, RET-4
    small, medium, _large = sizes
    Stock.objects.filter(variant=medium).update(allocated=1)  # the last M went to someone else
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, 1, medium.pk)])
    line = ret.lines.get()
    assert line.exchange_for is None and line.exchange_unavailable
    with at(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(ret, {line.pk: (ReturnLine.Outcome.ACCEPTED, "")}, actor=WAREHOUSE)
    ret.refresh_from_db()
    # The whole order came back: 120.00 + standard delivery 6.90 - the 10.00 return.
    assert ret.refund.amount_minor == 120_00 + 6_90 - 10_00


def test_a_refused_return_gives_the_held_size_back(sizes, at):
    # proves: RET-3
    small, medium, _large = sizes
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, 1, medium.pk)])
    with at(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(
            ret, {ret.lines.get().pk: (ReturnLine.Outcome.DAMAGED, "Torn")}, actor=WAREHOUSE
        )
    assert allocated(medium) == 0


def test_an_exchange_at_another_price_or_of_another_product_is_refused(sizes, at):
    # proves: RET-2
    small, _medium, large = sizes
    other = factories.variant(price_minor=120_00)
    order = delivered_order([(small, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    line = order.lines.get()
    with at(paris(2026, 6, 10, 12, 0)):
        with pytest.raises(WithdrawalRefused, match="not sold at the price you paid"):
            services.withdraw(order, [LineChoice(line.pk, 1, large.pk)])
        with pytest.raises(WithdrawalRefused, match="same product"):
            services.withdraw(order, [LineChoice(line.pk, 1, other.pk)])
    assert allocated(large) == 0 and not order.returns.exists()


def test_the_warehouse_ships_the_exchange_from_the_returns_page(sizes, at, client):
    # proves: RET-2, DATA-2
    order, ret = _accepted_exchange(sizes, at)
    staff(client, "Warehouse", WAREHOUSE)
    change = reverse("admin:aftersales_return_change", args=[ret.pk])
    inline = one_line_inline(ret)
    with at(paris(2026, 6, 19, 10, 0)):
        assert "exchange cannot be sent, because" in client.get(change).content.decode()
        client.post(
            change,
            {**inline, "exchange_sent_with": "chronopost", "exchange_parcel_number": "XY12"},
        )
        ret.refresh_from_db()
        assert ret.exchange_shipped_at is None
        client.post(
            change,
            {
                **inline,
                "exchange_sent_with": "chronopost",
                "exchange_parcel_number": "XY123456789FR",
            },
        )
    ret.refresh_from_db()
    assert ret.exchange_tracking_number == "XY123456789FR"
    assert order.events.get(kind="exchange_shipped").actor == WAREHOUSE


def _shipped_on_19_june(sizes, at):
    order, ret = _accepted_exchange(sizes, at)
    with at(paris(2026, 6, 19, 10, 0)):
        exchanges.ship_exchange(
            ret, carrier="colissimo", tracking_number="6A98765432101", actor=WAREHOUSE
        )
    return order, ret


def test_the_exchange_parcel_is_marked_delivered_and_the_buyer_is_emailed(sizes, at, client):
    # proves: DEL-3, RET-2
    order, ret = _shipped_on_19_june(sizes, at)
    with at(paris(2026, 6, 22, 11, 0)):
        exchanges.mark_exchange_delivered(ret, delivered_on=date(2026, 6, 22), actor=WAREHOUSE)
        with pytest.raises(ReturnRefused) as twice:
            exchanges.mark_exchange_delivered(ret, delivered_on=date(2026, 6, 22), actor=WAREHOUSE)
    assert twice.value.code == "no_exchange_on_its_way"
    ret.refresh_from_db()
    assert ret.exchange_delivered_on == date(2026, 6, 22)
    event = order.events.get(kind="exchange_delivered")
    assert event.actor == WAREHOUSE
    assert event.message == f"Exchange of return {ret.reference} delivered on 2026-06-22."
    queued = OutboxEmail.objects.get(template="exchange_delivered")
    assert queued.to == order.email
    told = render(queued.template, queued.context, "en").to_send
    assert told.subject == f"Your exchange for return {ret.reference} was delivered"
    assert "The item you chose in exchange was delivered on June 22, 2026." in told.text
    en_francais = render(queued.template, queued.context, "fr").to_send
    assert "L'article que vous avez choisi en échange a été livré le 22 juin 2026." in (
        en_francais.text
    )
    page = client.get(
        reverse("storefront:return", args=[order.number, order.access_key, ret.pk])
    ).content.decode()
    assert "Your exchange was delivered on June 22, 2026." in page
    # The terms give an exchanged item no period of its own: the order's
    # delivery (9 June) still starts the withdrawal and guarantee periods.
    order.refresh_from_db()
    assert order.delivered_at == paris(2026, 6, 9, 15, 0)


@pytest.mark.parametrize(
    "day", [date(2026, 6, 18), date(2026, 6, 23)], ids=["before_shipping", "tomorrow"]
)
def test_an_exchange_cannot_be_delivered_before_it_left_nor_in_the_future(sizes, at, day):
    # proves: DEL-3
    _, ret = _shipped_on_19_june(sizes, at)
    with at(paris(2026, 6, 22, 11, 0)), pytest.raises(ReturnRefused) as refused:
        exchanges.mark_exchange_delivered(ret, delivered_on=day, actor=WAREHOUSE)
    assert refused.value.code == "bad_delivery_date"
    assert not OutboxEmail.objects.filter(template="exchange_delivered").exists()


def test_an_exchange_not_yet_shipped_cannot_be_delivered(sizes, at):
    # proves: DEL-3
    _, ret = _accepted_exchange(sizes, at)
    with at(paris(2026, 6, 22, 11, 0)), pytest.raises(ReturnRefused) as refused:
        exchanges.mark_exchange_delivered(ret, delivered_on=date(2026, 6, 22), actor=WAREHOUSE)
    assert refused.value.code == "no_exchange_on_its_way"


def test_the_warehouse_marks_the_exchange_delivered_from_the_returns_page(sizes, at, client):
    # proves: DEL-3, ACC-7
    order, ret = _shipped_on_19_june(sizes, at)
    change = reverse("admin:aftersales_return_change", args=[ret.pk])
    inline = one_line_inline(ret)
    with at(paris(2026, 6, 22, 11, 0)):
        staff(client, "Customer service", "lea@orvane.example")
        assert "reached the buyer" not in client.get(change).content.decode()
        client.post(change, {**inline, "exchange_parcel_delivered_on": "2026-06-22"})
        ret.refresh_from_db()
        assert ret.exchange_delivered_on is None
        staff(client, "Warehouse", WAREHOUSE)
        assert "reached the buyer" in client.get(change).content.decode()
        refused = client.post(change, {**inline, "exchange_parcel_delivered_on": "2026-06-25"})
        assert refused.status_code < 500
        ret.refresh_from_db()
        assert ret.exchange_delivered_on is None
        client.post(change, {**inline, "exchange_parcel_delivered_on": "2026-06-22"})
    ret.refresh_from_db()
    assert ret.exchange_delivered_on == date(2026, 6, 22)
    assert order.events.get(kind="exchange_delivered").actor == WAREHOUSE


def test_an_exchange_still_to_send_keeps_the_buyers_account(sizes, at):
    # proves: ACC-6, RET-2
    from maison.accounts import services as accounts
    from maison.orders.models import Order
    from tests.accounts.helpers import member

    order, ret = _accepted_exchange(sizes, at)
    camille = member()
    Order.objects.filter(pk=order.pk).update(customer=camille)
    ret.refresh_from_db()
    # Nothing to refund: the return is closed, but the buyer still waits for the M.
    assert ret.state == Return.State.CLOSED
    with at(paris(2026, 7, 20, 10, 0)):
        with pytest.raises(accounts.AccountRefused) as refused:
            accounts.erase_account(camille)
        assert refused.value.code == "returns_still_open"
        assert ret.reference in refused.value.message
        exchanges.ship_exchange(
            ret, carrier="colissimo", tracking_number="6A98765432101", actor=WAREHOUSE
        )
        accounts.erase_account(camille)
    camille.refresh_from_db()
    assert not camille.is_active
