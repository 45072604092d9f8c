"""Every change to a basket (ORD-2)."""

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maison import clock
from maison.catalog.models import Variant
from maison.catalog.queries import stock_available
from maison.markets.models import Market
from maison.markets.pricing import variant_prices
from maison.refusals import Refused
from maison.terms.policy import POLICY

from .models import Basket, BasketLine


class BasketRefused(Refused):
    """A change the basket cannot take, with what the shopper can do about it."""

    code = "basket_refused"


def new_basket(owner=None) -> Basket:
    now = clock.now()
    return Basket.objects.create(owner=owner, created_at=now, updated_at=now)


def member_basket(user) -> Basket:
    found = Basket.objects.filter(owner=user).first()
    return found or new_basket(owner=user)


@transaction.atomic
def merge_into_member_basket(guest: Basket | None, user) -> tuple[Basket, list[str]]:
    """On sign-in, the guest's basket joins the member's (ORD-3).

    Quantities of the same item add up, within the stock left and the
    per-line limit; what could not be kept is named so the shopper is told.
    """
    basket = member_basket(user)
    trimmed: list[str] = []
    if guest is None or guest.pk == basket.pk:
        return basket, trimmed
    mine = {line.variant_id: line for line in basket.lines.select_for_update()}
    for line in guest.lines.select_related("variant__product", "variant__stock"):
        kept = mine.get(line.variant_id)
        wanted = line.quantity + (kept.quantity if kept else 0)
        allowed = min(wanted, POLICY.max_line_quantity, stock_available(line.variant))
        if allowed < wanted:
            trimmed.append(f"{line.variant.product.name} ({line.variant.label})")
        if allowed <= 0:
            continue
        if kept is None:
            BasketLine.objects.create(
                basket=basket, variant=line.variant, quantity=allowed, added_at=line.added_at
            )
        else:
            kept.quantity = allowed
            kept.save(update_fields=["quantity"])
    guest.delete()
    Basket.objects.filter(pk=basket.pk).update(updated_at=clock.now())
    return basket, trimmed


def _check_quantity(variant: Variant, quantity: int) -> None:
    if quantity < 1:
        raise BasketRefused(_("Please choose a quantity of at least 1."), code="quantity_too_small")
    if quantity > POLICY.max_line_quantity:
        raise BasketRefused(
            _("You can order at most %(max)s of one item.") % {"max": POLICY.max_line_quantity},
            code="quantity_too_large",
        )
    available = stock_available(variant)
    if available <= 0:
        raise BasketRefused(
            _("Sorry, %(item)s is sold out.")
            % {"item": f"{variant.product.name} ({variant.label})"},
            code="out_of_stock",
        )
    if quantity > available:
        raise BasketRefused(
            _("Only %(count)s left of %(item)s.")
            % {"count": available, "item": f"{variant.product.name} ({variant.label})"},
            code="out_of_stock",
        )


@transaction.atomic
def add_to_basket(
    basket: Basket, variant: Variant, quantity: int = 1, market: Market | None = None
) -> BasketLine:
    """Add a variant, or more of it; the shopper is told at once when stock is short
    or when the product is not sold in their country (SITE-3)."""
    if market is not None and variant.pk not in variant_prices([variant], market):
        raise BasketRefused(
            _("Sorry, %(item)s is not sold in %(country)s.")
            % {"item": variant.product.name, "country": market.display_name(get_language())},
            code="not_sold_here",
        )
    # Lock the basket, not the line: a line that does not exist yet locks nothing, and
    # two clicks on "Add to basket" would both create it.
    Basket.objects.select_for_update().filter(pk=basket.pk).first()
    line = BasketLine.objects.filter(basket=basket, variant=variant).first()
    wanted = quantity + (line.quantity if line else 0)
    _check_quantity(variant, wanted)
    now = clock.now()
    if line is None:
        line = BasketLine.objects.create(
            basket=basket, variant=variant, quantity=wanted, added_at=now
        )
    else:
        line.quantity = wanted
        line.save(update_fields=["quantity"])
    Basket.objects.filter(pk=basket.pk).update(updated_at=now)
    return line


@transaction.atomic
def change_quantity(basket: Basket, line_id: int, quantity: int) -> None:
    line = (
        BasketLine.objects.select_related("variant__product", "variant__stock")
        .filter(basket=basket, pk=line_id)
        .first()
    )
    if line is None:
        raise BasketRefused(_("That item is no longer in your basket."), code="line_gone")
    if quantity == 0:
        line.delete()
    else:
        _check_quantity(line.variant, quantity)
        line.quantity = quantity
        line.save(update_fields=["quantity"])
    Basket.objects.filter(pk=basket.pk).update(updated_at=clock.now())


def remove_line(basket: Basket, line_id: int) -> None:
    BasketLine.objects.filter(basket=basket, pk=line_id).delete()
    Basket.objects.filter(pk=basket.pk).update(updated_at=clock.now())


def forget_owner(user) -> None:
    """An erased member's basket goes with them (ACC-6)."""
    Basket.objects.filter(owner=user).delete()
