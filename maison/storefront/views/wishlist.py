"""The wishlist (SITE-1, ACC-5): a member's is stored, a guest's lives in the session."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from maison.accounts import queries, services
from maison.catalog.models import Product

from ..session import WISHLIST_KEY
from ..visitor import safe_place

# A session is no place for an unbounded list; a member's wishlist has no limit.
MAX_GUEST_ITEMS = 100


def product_ids(request) -> set[int]:
    """The products the shopper has hearted, for the header count and the buttons."""
    if request.user.is_authenticated:
        return queries.wishlist_product_ids(request.user)
    return {int(p) for p in request.session.get(WISHLIST_KEY, [])}


@require_safe
def wishlist(request):
    if request.user.is_authenticated:
        products = queries.wishlist_products(request.user)
    else:
        products = queries.guest_wishlist_products(request.session.get(WISHLIST_KEY, []))
    return render(request, "storefront/wishlist.html", {"products": products})


@require_POST
def toggle(request):
    """Add the product to the wishlist, or take it out if it is there (the heart button)."""
    try:
        product = Product.objects.get(pk=int(request.POST.get("product", "")), is_active=True)
    except (ValueError, Product.DoesNotExist):
        raise Http404("No such product") from None
    if request.user.is_authenticated:
        if product.pk in queries.wishlist_product_ids(request.user):
            services.remove_from_wishlist(request.user, product)
        else:
            services.add_to_wishlist(request.user, product)
    else:
        kept = [int(p) for p in request.session.get(WISHLIST_KEY, [])]
        if product.pk in kept:
            kept.remove(product.pk)
        else:
            kept.append(product.pk)
        request.session[WISHLIST_KEY] = kept[-MAX_GUEST_ITEMS:]
    return HttpResponseRedirect(
        safe_place(request, request.POST.get("back"), product.get_absolute_url())
    )
