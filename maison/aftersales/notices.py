"""The buyer's email at each step of a return, queued with the change (DATA-3)."""

from maison.notifications.services import queue_email

from .models import Return


def tell_buyer(ret: Return, template: str, **references) -> None:
    order = ret.order
    queue_email(
        order.email,
        template,
        {"return": ret.pk, **references},
        reference=ret.reference,
        language=order.language,
    )
