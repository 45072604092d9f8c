from django_tasks import task

from . import services


@task()
def deliver_email(email_id: int) -> bool:
    return services.send(email_id)
