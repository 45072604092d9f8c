"""When each of the buyer's after-sales rights ends (RET-1, RET-2, RET-4, RET-5, RET-6).

Every period is counted as `maison.shipping.periods` says (whole days in the
store's time zone, extended past weekends and French public holidays, L221-19),
from the recorded date of the event that starts it: a parcel delivered at 23:30
in Paris starts the same period as one delivered at 09:00.
"""

from datetime import date, datetime, timedelta

from maison.shipping.periods import buyer_period_end, local_date
from maison.terms import policy


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
