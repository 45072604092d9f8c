from django.db.models import Prefetch

from .models import Order, OrderEvent, OrderLine


def _detail():
    return Order.objects.select_related("payment").prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.all()),
        Prefetch("events", queryset=OrderEvent.objects.all()),
    )


def by_access_key(number: str, access_key) -> Order | None:
    return _detail().filter(number=number, access_key=access_key).first()


def track(number: str, email: str) -> Order | None:
    """A guest's order by number plus email (ORD-10, DATA-4).

    A wrong pair answers exactly as a missing order does, so the form tells a
    stranger nothing about which orders exist.
    """
    number = number.strip().upper()
    email = email.strip()
    if not number or not email:
        return None
    return _detail().filter(number=number, email__iexact=email).first()
