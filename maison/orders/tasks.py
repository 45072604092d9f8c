from django_tasks import task

from . import authorisations


@task()
def reauthorise_expiring() -> dict:
    """Renew authorisations that would lapse before their orders ship (PAY-5)."""
    return authorisations.reauthorise_expiring()
