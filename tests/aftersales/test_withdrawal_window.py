"""The withdrawal period, to the minute, in Paris time (RET-1)."""

import pytest

from maison.aftersales import services
from maison.aftersales.models import Channel, Return
from maison.aftersales.services import LineChoice, WithdrawalRefused
from maison.notifications.models import OutboxEmail
from maison.orders.models import OrderEvent
from tests import factories

from .helpers import UTC, delivered_order, french_holidays, paris


@pytest.fixture
def shirt(store):
    french_holidays(2026)
    return factories.variant(price_minor=120_00, stock=5)


def withdraw_one(order, at_instant, at):
    with at(at_instant):
        return services.withdraw(order, [LineChoice(order.lines.get().pk, 1)])


def test_withdrawal_allowed_on_day_14_at_2359_paris_and_refused_at_0001(shirt, at):
    # proves: RET-1
    # Delivered Tuesday 9 June 2026; 14 days later is Tuesday 23 June, a working day.
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 23, 23, 59)):
        assert services.can_withdraw(order)
    with at(paris(2026, 6, 24, 0, 1)):
        assert not services.can_withdraw(order)
    with pytest.raises(WithdrawalRefused) as refused:
        withdraw_one(order, paris(2026, 6, 24, 0, 1), at)
    assert refused.value.code == "window_closed"
    assert str(refused.value) == "The withdrawal period for this order ended on June 23, 2026."
    assert not Return.objects.exists()
    made = withdraw_one(order, paris(2026, 6, 23, 23, 59), at)
    assert made.window_closed_on.isoformat() == "2026-06-23"


def test_the_window_closes_at_midnight_paris_summer_time_after_a_dst_change(shirt, at):
    # proves: RET-1
    # Delivered Friday 20 March 2026 at 10:00 CET (UTC+1); clocks go forward on
    # Sunday 29 March; the last day, Friday 3 April (Good Friday is no national
    # French holiday), ends at 23:59 CEST, that is 21:59 UTC.
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 3, 20, 10, 0))
    from datetime import datetime

    with at(datetime(2026, 4, 3, 21, 59, tzinfo=UTC)):
        assert services.can_withdraw(order)
    # 22:30 UTC is already Saturday 00:30 in Paris, though still before midnight
    # at the winter offset of the delivery day.
    with at(datetime(2026, 4, 3, 22, 30, tzinfo=UTC)):
        assert not services.can_withdraw(order)
    with pytest.raises(WithdrawalRefused, match="ended on April 3, 2026"):
        withdraw_one(order, datetime(2026, 4, 3, 22, 1, tzinfo=UTC), at)
    assert withdraw_one(order, datetime(2026, 4, 3, 21, 59, tzinfo=UTC), at).pk


def test_a_window_ending_on_a_public_holiday_before_a_weekend_runs_to_monday(shirt, at):
    # proves: RET-1
    # Delivered Friday 17 April 2026: day 14 is Friday 1 May, Labour Day, then a
    # Saturday and a Sunday; the period runs to Monday 4 May (art. L221-19).
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 4, 17, 11, 0))
    with at(paris(2026, 5, 4, 23, 59)):
        assert services.can_withdraw(order)
    with pytest.raises(WithdrawalRefused, match="ended on May 4, 2026"):
        withdraw_one(order, paris(2026, 5, 5, 0, 1), at)
    assert withdraw_one(order, paris(2026, 5, 4, 23, 59), at).window_closed_on.isoformat() == (
        "2026-05-04"
    )


def test_a_withdrawal_records_its_deadlines_an_event_and_the_email(shirt, at):
    # proves: RET-1, RET-2, RET-7, DATA-2, DATA-3
    # Notified Wednesday 24 June 2026: 20 days later is Tuesday 14 July, the
    # national holiday, so the parcel may be sent until Wednesday 15 July.
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 20, 9, 0))
    with at(paris(2026, 6, 24, 18, 30)):
        made = services.withdraw(order, [LineChoice(order.lines.get().pk, 1)], reason="Too large")
    assert made.send_by.isoformat() == "2026-07-15"
    assert made.reason == "Too large"
    assert made.channel == Channel.ONLINE and made.recorded_by == "customer"
    # 2 × 120.00 EUR is below the 250.00 EUR threshold: the return costs 10.00 EUR.
    assert not made.free_return and made.return_cost_minor == 10_00
    event = OrderEvent.objects.get(order=order, kind="withdrawal")
    assert event.actor == "customer"
    email = OutboxEmail.objects.get(template="return_instructions")
    assert email.to == "camille@example.com" and email.context == {"return": made.pk}


def test_staff_record_a_withdrawal_received_by_post_with_its_date(shirt, at):
    # proves: RET-1, DATA-2
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 29, 10, 0)):
        made = services.withdraw(
            order,
            [LineChoice(order.lines.get().pk, 1)],
            actor="lea@orvane.example",
            channel=Channel.POST,
            notified_at=paris(2026, 6, 22, 0, 0),
        )
    assert made.channel == Channel.POST
    # The letter's date starts the 20 days: Monday 22 June + 20 = Sunday 12 July,
    # so Monday 13 July.
    assert made.send_by.isoformat() == "2026-07-13"
    assert OrderEvent.objects.get(kind="withdrawal").actor == "lea@orvane.example"
