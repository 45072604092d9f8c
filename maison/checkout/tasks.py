from django_tasks import task

from . import services


@task()
def settle_pending_attempts() -> dict:
    """Payments a crash, a lost answer or an unfinished challenge left pending (PAY-5, PRD-1)."""
    return services.settle_pending_attempts()
