from django_tasks import task

from . import services


@task()
def send_password_reset_link(email: str, language: str) -> bool:
    return services.send_password_reset_link(email, language) is not None


@task()
def forget_unconfirmed_accounts() -> int:
    from .services.confirmation import forget_unconfirmed

    return forget_unconfirmed()
