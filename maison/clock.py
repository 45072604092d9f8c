"""The store's clock: every service asks it the time, so tests can move it.

Deadlines are computed from recorded dates, never from "now" read in a view;
`travel_to` lets a test stand on any instant without sleeping.
"""

from contextlib import contextmanager
from datetime import datetime

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else timezone.now()


def today():
    """Today's date in the store's time zone, whatever zone a request activated."""
    from zoneinfo import ZoneInfo

    from maison.terms.policy import POLICY

    return timezone.localdate(now(), timezone=ZoneInfo(POLICY.store_time_zone))


@contextmanager
def travel_to(instant: datetime):
    global _frozen
    previous, _frozen = _frozen, instant
    try:
        yield
    finally:
        _frozen = previous
