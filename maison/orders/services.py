"""Writes on orders: recording one, and its audit trail."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext_noop

from maison import clock
from maison.markets.addresses import ADDRESS_KEYS
from maison.markets.models import Market
from maison.markets.money import Money
from maison.shipping.delivery import standard_part

from .history import said
from .models import Order, OrderLine


@dataclass(frozen=True)
class LineDraft:
    variant_id: int
    product_name: str
    sku: str
    colour: str
    size: str
    quantity: int
    unit_price_minor: int
    tax_rate: Decimal
    tax_minor: int
    duty_minor: int
    total_minor: int


@dataclass(frozen=True)
class OrderDraft:
    """Everything the buyer saw at review, priced and ready to record."""

    checkout_token: str
    customer_id: int | None
    email: str
    shipping_address: dict
    billing_address: dict
    market_country: str
    price_mode: str
    currency: str
    lines: list[LineDraft]
    delivery_method_code: str
    delivery_method_name: str
    delivery_minor: int
    duties_minor: int
    import_vat_minor: int
    tax_minor: int
    delivery_earliest: date
    delivery_latest: date
    terms_version: str
    language: str = "en"
    placed_at: datetime = field(default_factory=clock.now)

    @property
    def subtotal_minor(self) -> int:
        return sum(line.total_minor for line in self.lines)

    @property
    def total_minor(self) -> int:
        return self.subtotal_minor + self.delivery_minor + self.duties_minor + self.import_vat_minor


def record_event(order: Order, kind: str, message: str | dict, *, actor: str = "system", **data):
    from .state import event

    return event(order, kind, message, actor=actor, **data)


def _free_threshold(country: str) -> int | None:
    market = Market.objects.filter(country=country).first()
    return market.free_delivery_threshold_minor if market else None


def record_order(draft: OrderDraft, payment) -> Order:
    """Write the order and its lines; the caller holds the transaction."""
    order = Order.objects.create(
        checkout_token=draft.checkout_token,
        customer_id=draft.customer_id,
        email=draft.email,
        shipping_address=draft.shipping_address,
        billing_address=draft.billing_address,
        market_country=draft.market_country,
        price_mode=draft.price_mode,
        currency=draft.currency,
        subtotal_minor=draft.subtotal_minor,
        delivery_minor=draft.delivery_minor,
        standard_delivery_minor=standard_part(
            draft.market_country,
            draft.delivery_method_code,
            draft.delivery_minor,
            Money(draft.subtotal_minor, draft.currency),
        ),
        free_threshold_minor=_free_threshold(draft.market_country),
        duties_minor=draft.duties_minor,
        import_vat_minor=draft.import_vat_minor,
        tax_minor=draft.tax_minor,
        total_minor=draft.total_minor,
        delivery_method_code=draft.delivery_method_code,
        delivery_method_name=draft.delivery_method_name,
        delivery_earliest=draft.delivery_earliest,
        delivery_latest=draft.delivery_latest,
        terms_version=draft.terms_version,
        language=draft.language,
        payment=payment,
        placed_at=draft.placed_at,
    )
    order.number = f"MD{order.pk:07d}"
    order.save(update_fields=["number"])
    OrderLine.objects.bulk_create(OrderLine(order=order, **line.__dict__) for line in draft.lines)
    return order


def join_account(orders: list[Order], user) -> list[Order]:
    """Guest orders join the account that proved it owns their email (ORD-10)."""
    joined = []
    for order in orders:
        if Order.objects.filter(pk=order.pk, customer__isnull=True).update(customer=user):
            record_event(
                order,
                "claimed",
                said(gettext_noop("Guest order added to the customer's account.")),
                actor="customer",
            )
            joined.append(order)
    return joined


# The address fields blanked when an order is pseudonymised; the country stays,
# as the tax charged on a kept order and invoice depends on it.
PERSONAL_ADDRESS_FIELDS = tuple(key for key in ADDRESS_KEYS if key != "country")


def _pseudonymise_address(address: dict) -> dict:
    return {**address, **{name: "" for name in PERSONAL_ADDRESS_FIELDS if name in address}}


def pseudonymise(user, placeholder: str) -> list[Order]:
    """Keep the member's orders, as the law requires, without who they were (ACC-6).

    The name, email, phone and street address go; the country stays. Each
    order records the erasure in its event log (DATA-2). The caller holds the
    transaction.
    """
    orders = list(Order.objects.select_for_update().filter(customer=user))
    for order in orders:
        order.email = placeholder
        order.shipping_address = _pseudonymise_address(order.shipping_address)
        order.billing_address = _pseudonymise_address(order.billing_address)
        order.save(update_fields=["email", "shipping_address", "billing_address"])
        record_event(
            order,
            "personal_data_erased",
            said(gettext_noop("Personal data erased at the customer's request.")),
            actor="customer",
        )
    return orders
