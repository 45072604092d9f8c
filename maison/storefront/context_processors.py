from django.conf import settings

from maison import clock
from maison.basket.queries import item_count
from maison.catalog.queries import categories
from maison.shipping.delivery import current_closures, free_delivery_threshold
from maison.terms.policy import POLICY

from . import session


def _shopper_page(request) -> bool:
    """False in the back office, and for a request refused before the middleware ran.

    A wrong Host header is refused (400) before the session and the user are on
    the request; the 400 page must still render.
    """
    return not request.path.startswith("/admin/") and hasattr(request, "user")


def store(request):
    """What every shopper page shows: header, menu, banner, country (SITE-1, SITE-2, SITE-3)."""
    if not _shopper_page(request):
        return {}
    market = session.market(request)
    return {
        "store": settings.MAISON_STORE,
        "search_query": request.GET.get("q", "")[:100],
        "basket_count": item_count(request.session.get(session.BASKET_KEY)),
        "menu_categories": categories(),
        "market": market,
        "markets": session.markets(request),
        "free_delivery_threshold": free_delivery_threshold(market),
        "closures": current_closures(clock.today()),
        "max_quantity": POLICY.max_line_quantity,
        "country_confirmed": request.session.get(session.COUNTRY_CONFIRMED_KEY, False),
    }


def wishlist(request):
    """The wishlist count in the header and the state of every heart (SITE-1)."""
    if not _shopper_page(request):
        return {}
    from .views.wishlist import product_ids

    ids = product_ids(request)
    return {"wishlist_ids": ids, "wishlist_count": len(ids)}
