from django.conf import settings

from maison.basket.queries import item_count
from maison.catalog.queries import categories
from maison.markets.money import Money
from maison.terms.policy import POLICY

from .session import BASKET_KEY


def store(request):
    """What every shopper page shows: the header, the menu and the banner (SITE-1, SITE-2)."""
    if request.path.startswith("/admin/"):
        return {}
    return {
        "store": settings.MAISON_STORE,
        "search_query": request.GET.get("q", "")[:100],
        "basket_count": item_count(request.session.get(BASKET_KEY)),
        "menu_categories": categories(),
        "free_delivery_threshold": Money(POLICY.free_delivery_threshold_minor, "EUR"),
    }
