from django_tasks import task

from . import services


@task()
def refresh_holidays() -> dict:
    """The scheduler's daily copy of the holidays package into the calendar (DEL-1)."""
    result = services.refresh_holidays()
    return {"created": result.created, "updated": result.updated, "removed": result.removed}
