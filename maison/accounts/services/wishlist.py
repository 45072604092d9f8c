"""The wishlist (SITE-1, ACC-5)."""

from django.db import transaction

from maison import clock
from maison.catalog.models import Product

from ..models import WishlistItem


def add_to_wishlist(user, product: Product) -> None:
    WishlistItem.objects.get_or_create(
        user=user, product=product, defaults={"added_at": clock.now()}
    )


def remove_from_wishlist(user, product: Product) -> None:
    WishlistItem.objects.filter(user=user, product=product).delete()


@transaction.atomic
def merge_wishlist(user, product_ids) -> None:
    """A guest's hearts join the member's wishlist on sign-in, without duplicates."""
    known = set(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True))
    wanted = Product.objects.filter(pk__in=[int(p) for p in product_ids]).exclude(pk__in=known)
    now = clock.now()
    WishlistItem.objects.bulk_create(
        [WishlistItem(user=user, product=p, added_at=now) for p in wanted],
        ignore_conflicts=True,
    )


def forget_wishlist(user) -> None:
    WishlistItem.objects.filter(user=user).delete()
