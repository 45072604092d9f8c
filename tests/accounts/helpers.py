"""Members, orders and pages of the account area, as the tests need them."""

import re
import uuid
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from maison import clock
from maison.accounts import services
from maison.accounts.services import AddressDetails
from maison.notifications import services as notifications
from maison.notifications.models import OutboxEmail
from maison.orders.models import Order, OrderLine
from maison.terms.policy import POLICY
from tests import factories

User = get_user_model()

PASSWORD = "Linen-coat-42"
ADDRESS = AddressDetails(
    first_name="Camille",
    last_name="Martin",
    line1="3 rue des Essais",
    postal_code="69002",
    city="Lyon",
    country="FR",
    phone="+33 6 00 00 00 00",
)


def member(email="camille@example.com", *, password=PASSWORD, first_name="Camille", **kwargs):
    """An open account: registered, and its email confirmed by the emailed link."""
    user = services.register(
        email=email,
        password=password,
        first_name=first_name,
        last_name=kwargs.pop("last_name", "Martin"),
        phone=kwargs.pop("phone", "+33 6 00 00 00 00"),
        address=kwargs.pop("address", ADDRESS),
        **kwargs,
    )
    assert user is not None, f"{email} already has an account"
    [confirmation] = OutboxEmail.objects.filter(to=user.email, template="confirm_account")
    confirmation.delete()  # sent, read and used: tests that count emails start from none
    return services.confirm_account(services.confirm_token(user, user.email))


def link_in(email: OutboxEmail, path_part: str) -> str:
    """The path of the link containing `path_part` in the message the person received.

    The outbox keeps the email without its secret link: the worker sends it
    (here, now, if it has not yet) and the link is only in the message sent.
    """
    notifications.send(email.pk)
    [received] = [m for m in mail.outbox if m.extra_headers["Message-ID"] == email.message_id]
    found = re.search(r"https?://[^/\s]+(/\S*" + re.escape(path_part) + r"\S+/)", received.body)
    assert found, received.body
    return found.group(1)


def signed_in(client, user, password=PASSWORD):
    response = client.post(
        reverse("storefront:sign-in"), {"email": user.email, "password": password}
    )
    assert response.status_code == 302, response.content.decode()
    return client


def an_order(*, email="camille@example.com", customer=None) -> Order:
    """A placed order, written directly: the account pages only read orders."""
    address = {**factories.GOOD_ADDRESS}
    order = Order.objects.create(
        checkout_token=uuid.uuid4(),
        email=email,
        customer=customer,
        shipping_address=address,
        billing_address=address,
        currency="EUR",
        subtotal_minor=120_00,
        delivery_minor=690,
        tax_minor=21_15,
        total_minor=126_90,
        delivery_method_code="standard",
        delivery_method_name="Standard delivery",
        delivery_earliest=date(2026, 12, 1),
        delivery_latest=date(2026, 12, 3),
        terms_version="2026-12-07",
        placed_at=clock.now(),
    )
    order.number = f"MD{order.pk:07d}"
    order.save(update_fields=["number"])
    OrderLine.objects.create(
        order=order,
        product_name="Poplin shirt",
        sku="SKU-TEST",
        colour="Navy",
        size="M",
        quantity=1,
        unit_price_minor=120_00,
        tax_rate="0.2000",
        tax_minor=20_00,
        total_minor=120_00,
    )
    return order


def reset_link_in(email: OutboxEmail) -> str:
    """The path of the reset link in the message the shopper received.

    The outbox keeps the email without its link: the worker sends it (here,
    now, if it has not yet) and the link is only in the message sent.
    """
    notifications.send(email.pk)
    [received] = [m for m in mail.outbox if m.extra_headers["Message-ID"] == email.message_id]
    found = re.search(r"https?://[^/\s]+(/\S*account/reset/\S+/)", received.body)
    assert found, received.body
    return found.group(1)


def ask_for_reset(client, email):
    return client.post(reverse("storefront:forgot-password"), {"email": email})


def choose_password(client, link, password):
    """Follow a reset link and choose a password, as the shopper does."""
    landing = client.get(link)
    if landing.status_code != 302:
        return landing
    return client.post(landing.url, {"new_password1": password, "new_password2": password})


def delivered_long_ago(order: Order) -> Order:
    """The order reached its buyer and its withdrawal period is over: nothing keeps it open."""
    # Past the period even when it ended on a weekend or holidays and ran on to a working day.
    long_ago = clock.now() - timedelta(days=POLICY.withdrawal_days + 10)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.DELIVERED, delivered_at=long_ago)
    order.refresh_from_db()
    return order


CHECK_INBOX = "Check your inbox"


def registered(response) -> bool:
    """The page every registration answers with, whatever the email (ACC-7)."""
    return response.status_code == 200 and CHECK_INBOX in response.content.decode()


def confirm_by_email(client, email: str):
    """Open the link of the confirmation email sent to this address, as its owner does."""
    sent = OutboxEmail.objects.filter(to=email, template="confirm_account").latest("pk")
    return client.get(link_in(sent, "account/confirm/"))
