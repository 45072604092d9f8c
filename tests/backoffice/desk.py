"""Staff at the order desk: signed in by role, pressing the order page's buttons."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse

from maison import clock
from maison.orders import refunds
from maison.orders.models import Order, Refund
from tests.orders.helpers import paris

WAREHOUSE, FINANCE, SERVICE = "Warehouse", "Finance", "Customer service"


def staff(role: str, *, csrf: bool = False, language: str = "en") -> Client:
    email = f"{role.split()[0].lower()}@orvane.example"
    User = get_user_model()
    person = User.objects.filter(email=email).first() or User.objects.create_user(
        email, "x-Strong-pass-1", is_staff=True
    )
    person.groups.add(Group.objects.get(name=role))
    client = Client(enforce_csrf_checks=csrf, HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(person)
    return client


def page_of(client: Client, order: Order) -> str:
    response = client.get(reverse("admin:orders_order_change", args=[order.pk]))
    assert response.status_code == 200
    return response.content.decode()


def buttons(page: str) -> set[str]:
    """The steps the page offers: each is a form posting to the order's `act/<step>/`."""
    return set(re.findall(r'action="/admin/orders/order/\d+/act/(\w+)/"', page))


def act(client: Client, order: Order, step: str, **form):
    url = reverse("admin:orders_order_act", args=[order.pk, step])
    return client.post(url, form, follow=True)


def ship(client: Client, order: Order, tracking: str, units: dict, carrier="colissimo", **form):
    """Press "Ship" with {order line: quantity}, a carrier and a tracking number."""
    quantities = {f"ship-{line.pk}": str(count) for line, count in units.items()}
    return act(
        client, order, "ship", carrier=carrier, tracking_number=tracking, **quantities, **form
    )


def said(response) -> list[str]:
    """The messages the page shows after a step."""
    return [str(m) for m in response.context["messages"]]


def text(page: str) -> str:
    """The page as read, without its tags."""
    return re.sub(r"<[^>]+>", "", page)


def unescaped(page: str) -> str:
    return page.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def shipped_and_back(order):
    """Processed, shipped whole on 3 March, back to sender on 6 March (wrong address)."""
    warehouse = staff(WAREHOUSE)
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        act(warehouse, order, "process")
        ship(warehouse, order, "6A12345678901", {line: line.quantity for line in order.lines.all()})
    parcel = order.shipments.get()
    with clock.travel_to(paris(2026, 3, 6, 9, 0)):
        done = act(
            warehouse,
            order,
            "mark_returned_to_sender",
            shipment=parcel.pk,
            reason="Unknown address",
        )
    assert said(done) == ["The parcel is marked returned to sender."]
    return parcel


def listed(client: Client, query: str = "", admin_list: str = "admin:orders_order_changelist"):
    """The order numbers a back-office list shows, with a filter's query string."""
    page = client.get(reverse(admin_list) + query).content.decode()
    return sorted(set(re.findall(r"MD\d{7}", page)))


def goodwill_refund_on_6_march(order, amount_minor: int = 50_00):
    """A refund Finance owes, recorded on 6 March 2026: due 14 days later, on the 20th."""
    with clock.travel_to(paris(2026, 3, 6, 10, 0)), transaction.atomic():
        return refunds.record_refund(
            order, Refund.Reason.OTHER, goods_minor=amount_minor, days=14, note="Goodwill"
        )
