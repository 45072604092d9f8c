"""When each of the buyer's after-sales rights ends (RET-1, RET-2, RET-5, RET-6).

Every period is counted in whole days in the store's time zone, from the day
after the event that starts it, so a parcel delivered at 23:30 in Paris starts
the same period as one delivered at 09:00. A period given to the buyer that
ends on a Saturday, a Sunday or a public holiday runs to the next working day
(French consumer code, art. L221-19, which applies Regulation 1182/71): the
holidays are the calendar the shipping app keeps, refreshed from the
`holidays` package and corrected by staff. The day is a holiday in law even if
carriers work it, so the "carriers work that day" mark does not count here.

A period is open until the end of its last day, 23:59:59 in the store's time
zone, whatever the daylight-saving offset of that day.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from maison.shipping.models import PublicHoliday
from maison.terms import policy


def store_zone() -> ZoneInfo:
    return ZoneInfo(policy.POLICY.store_time_zone)


def local_date(instant: datetime) -> date:
    """The day an instant falls on in the store's time zone."""
    return timezone.localdate(instant, timezone=store_zone())


def is_working_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    return not PublicHoliday.objects.filter(
        country=policy.POLICY.periods_holidays_country, date=day
    ).exists()


def next_working_day(day: date) -> date:
    """The day itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def buyer_period_end(start: date, *, days: int = 0, months: int = 0) -> date:
    """The last day of a buyer's period that starts the day after `start` (L221-19)."""
    return next_working_day(start + relativedelta(days=days, months=months))


def still_open(last_day: date, at: datetime) -> bool:
    """True until the end of `last_day` in the store's time zone."""
    return local_date(at) <= last_day


def withdrawal_last_day(delivered_at: datetime) -> date:
    """Withdrawal: 14 days (policy) from the delivery of the last shipment (RET-1)."""
    return buyer_period_end(local_date(delivered_at), days=policy.POLICY.withdrawal_days)


def send_by(notified_at: datetime) -> date:
    """The goods are sent back within 20 days (policy) of the withdrawal notice (RET-2)."""
    return buyer_period_end(local_date(notified_at), days=policy.POLICY.return_shipping_days)


def complaint_last_day(delivered_at: datetime) -> date:
    """Non-conformity complaints: 14 days (policy) from delivery (RET-5)."""
    return buyer_period_end(local_date(delivered_at), days=policy.POLICY.complaint_days)


def conformity_last_day(delivered_at: datetime) -> date:
    """Legal guarantee of conformity: 24 months (policy) from delivery (RET-6)."""
    return buyer_period_end(local_date(delivered_at), months=policy.POLICY.guarantee_months)


def hidden_defect_last_day(discovered_on: date) -> date:
    """Hidden defects: 24 months (policy) from the discovery of the defect (RET-6)."""
    return buyer_period_end(discovered_on, months=policy.POLICY.hidden_defects_months)


def refund_due(received_on: date) -> date:
    """The house refunds within 14 days (policy) of receiving the goods (RET-4).

    The house's own deadline is never extended to a working day: it is ours to meet.
    """
    return received_on + timedelta(days=policy.POLICY.refund_days)
