"""A buyer's period in days or months, counted as French law counts it (L221-19).

Counted in whole days in the store's time zone, from the day after the event
that starts it; a period that ends on a Saturday, a Sunday or a public holiday
runs to the next working day (French consumer code, art. L221-19, applying
Regulation 1182/71). The holidays are this app's calendar, refreshed from the
`holidays` package and corrected by staff. The day is a holiday in law even if
carriers work it, so the "carriers work that day" mark does not count here.
A period is open until the end of its last day, 23:59:59 in the store's time
zone, whatever the daylight-saving offset of that day.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from maison.terms import policy

from .models import PublicHoliday


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
