from django_tasks import task

from maison import clock

from . import authorisations, refund_alerts


@task()
def reauthorise_expiring() -> dict:
    """Renew authorisations that would lapse before their orders ship (PAY-5)."""
    return authorisations.reauthorise_expiring()


@task()
def alert_refunds_due() -> int:
    """The scheduler's check of order refunds coming due or late (ORD-7, DEL-4, DEL-5)."""
    return refund_alerts.alert_refunds_due(clock.today())
