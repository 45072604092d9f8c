from django_tasks import task

from . import services


@task()
def make_renditions(image_id: int) -> int | None:
    return services.make_renditions(image_id)


@task()
def queue_missing_renditions() -> int:
    return services.queue_missing_renditions()
