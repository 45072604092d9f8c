"""Where a shopper's basket and checkout are found: the session holds their ids."""

from maison.basket import queries as basket_queries
from maison.basket import services as basket_services
from maison.basket.models import Basket
from maison.checkout.models import Checkout
from maison.markets.models import Market
from maison.markets.queries import all_markets, pick

BASKET_KEY = "basket_id"
CHECKOUT_KEY = "checkout_id"
ORDERS_KEY = "order_numbers"
COUNTRY_KEY = "country"
COUNTRY_CONFIRMED_KEY = "country_confirmed"


def markets(request) -> list[Market]:
    """Every market, read once per request: the selector lists them, one is current."""
    if not hasattr(request, "_markets"):
        request._markets = all_markets()
    return request._markets


def market(request) -> Market:
    """The market of the country the shopper chose (SITE-3)."""
    if not hasattr(request, "_market"):
        request._market = pick(markets(request), request.session.get(COUNTRY_KEY))
    return request._market


def choose_country(request, chosen: Market) -> None:
    request.session[COUNTRY_KEY] = chosen.country
    request._market = chosen


def basket(request, *, create: bool = False) -> Basket | None:
    found = basket_queries.find(request.session.get(BASKET_KEY))
    if found is None and create:
        found = basket_services.new_basket()
        request.session[BASKET_KEY] = found.pk
    return found


def checkout(request) -> Checkout | None:
    checkout_id = request.session.get(CHECKOUT_KEY)
    if not checkout_id:
        return None
    found = (
        Checkout.objects.select_related("basket", "delivery_method").filter(pk=checkout_id).first()
    )
    if found is None or found.basket_id != request.session.get(BASKET_KEY):
        return None
    return found


def remember_checkout(request, found: Checkout) -> None:
    request.session[CHECKOUT_KEY] = found.pk


def forget_checkout(request) -> None:
    request.session.pop(CHECKOUT_KEY, None)
