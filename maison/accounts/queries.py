"""Reads the account pages need; every one is scoped to its owner (DATA-4)."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from maison import clock
from maison.aftersales import personal_data as aftersales_data
from maison.catalog.models import Product
from maison.notifications import queries as notifications
from maison.orders.models import Order
from maison.support import personal_data as support_data

from .models import Address, Profile, WishlistItem, account_reference

User = get_user_model()


def profile_of(user) -> Profile:
    """The user's profile, or an empty one for accounts made before profiles (staff)."""
    return Profile.objects.filter(user=user).first() or Profile(user=user)


def addresses(user) -> QuerySet:
    return Address.objects.filter(user=user)


def address_of(user, address_id: int) -> Address | None:
    """One address of the user's book; someone else's answers like a missing one."""
    return Address.objects.filter(user=user, pk=address_id).first()


def default_address(user) -> Address | None:
    return Address.objects.filter(user=user).order_by("-is_default", "id").first()


def order_history(user) -> QuerySet:
    """The orders the member placed while signed in (ORD-10).

    A guest order bearing the same email is not shown: typing an email at
    registration proves nothing about owning it.
    """
    return Order.objects.filter(customer=user).select_related("payment")


def member_order(user, number: str) -> Order | None:
    return (
        Order.objects.filter(customer=user, number=number)
        .select_related("payment")
        .prefetch_related("lines", "events")
        .first()
    )


def wishlist_products(user) -> list[Product]:
    items = WishlistItem.objects.filter(user=user, product__is_active=True)
    return [item.product for item in items.select_related("product")]


def wishlist_product_ids(user) -> set[int]:
    return set(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True))


def guest_wishlist_products(product_ids) -> list[Product]:
    found = Product.objects.in_bulk([int(p) for p in product_ids])
    return [found[int(p)] for p in product_ids if int(p) in found and found[int(p)].is_active]


def _address(address: Address) -> dict:
    return {**address.as_dict(), "is_default": address.is_default}


def _order(order: Order) -> dict:
    return {
        "number": order.number,
        "placed_at": order.placed_at,
        "status": order.status,
        "email": order.email,
        "currency": order.currency,
        "total_minor": order.total_minor,
        "delivery_method": order.delivery_method_name,
        "shipping_address": order.shipping_address,
        "billing_address": order.billing_address,
        "lines": [
            {
                "product": line.product_name,
                "sku": line.sku,
                "colour": line.colour,
                "size": line.size,
                "quantity": line.quantity,
                "total_minor": line.total_minor,
            }
            for line in order.lines.all()
        ],
    }


def export_personal_data(user) -> dict:
    """Everything the store holds about a member, for them to download (ACC-6).

    Orders are the member's own (placed while signed in), with their returns
    and claims; messages to customer service are those written with the
    account's email or about those orders; emails are those about the
    account, those orders, returns, claims and messages: the same scope the
    account pages show, so the file never reveals a guest order someone else
    placed with this email.
    """
    profile = profile_of(user)
    orders = list(order_history(user).prefetch_related("lines"))
    # By what they are about, not by recipient: an acknowledgment goes to the
    # address typed at checkout, which may not be the account's.
    emails = notifications.about(
        [
            account_reference(user),
            *[o.number for o in orders],
            *aftersales_data.references(orders),
            *support_data.references(user.email, orders),
        ]
    )
    return {
        "exported_at": clock.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": {
            "title": profile.title,
            "phone": profile.phone,
            "imported_from_previous_site": profile.legacy,
            "imported_at": profile.imported_at,
            "past_order_references": profile.past_order_references,
        },
        "addresses": [_address(a) for a in addresses(user)],
        "orders": [_order(o) for o in orders],
        **aftersales_data.export(orders),
        "contact_messages": support_data.export(user.email, orders),
        "wishlist": [
            {"product": item.product.name, "added_at": item.added_at}
            for item in WishlistItem.objects.filter(user=user).select_related("product")
        ],
        "emails": [
            {
                "to": e.to,
                "subject": e.subject,
                "queued_at": e.queued_at,
                "sent_at": e.sent_at,
                "text": e.text_body,
            }
            for e in emails
        ],
    }
