from django_tasks import task

from maison import clock

from . import alerts


@task()
def alert_refunds_due() -> int:
    """The scheduler's check of return refunds coming due or late (RET-4)."""
    return alerts.alert_refunds_due(clock.today())
