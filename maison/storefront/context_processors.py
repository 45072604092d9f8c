from functools import partial

from django.conf import settings

from maison import clock
from maison.basket.queries import item_count
from maison.shipping.delivery import current_closures, free_delivery_threshold
from maison.terms.policy import POLICY

from . import session, window


def _shopper_page(request) -> bool:
    """False in the back office, and for a request refused before the middleware ran.

    A wrong Host header is refused (400) before the session and the user are on
    the request; the 400 page must still render.
    """
    return not request.path.startswith("/admin/") and hasattr(request, "user")


def shop_window(request) -> dict:
    """What every shopper page shows, the same for every visitor in a market (SITE-2, SITE-3)."""
    market = session.market(request)
    return {
        "store": settings.MAISON_STORE,
        "menu_categories": window.menu_categories(request),
        "market": market,
        "markets": session.markets(request),
        "free_delivery_threshold": free_delivery_threshold(market),
        # Only the home page announces closures: read when a template asks.
        "closures": partial(current_closures, clock.today()),
        "max_quantity": POLICY.max_line_quantity,
    }


def visitor(request) -> dict:
    """What differs between visitors in the header and on the hearts (SITE-1)."""
    from .views.wishlist import product_ids

    ids = product_ids(request)
    return {
        "basket_count": item_count(request.session.get(session.BASKET_KEY)),
        "country_confirmed": request.session.get(session.COUNTRY_CONFIRMED_KEY, False),
        "wishlist_ids": ids,
        "wishlist_count": len(ids),
    }


def store(request):
    """What every shopper page shows: header, menu, banner, country (SITE-1, SITE-2, SITE-3)."""
    if not _shopper_page(request):
        return {}
    return {
        **shop_window(request),
        **visitor(request),
        "search_query": request.GET.get("q", "")[:100],
    }
