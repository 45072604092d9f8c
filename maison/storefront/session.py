"""Where a shopper's basket and checkout are found: the session holds their ids."""

from maison.basket import queries as basket_queries
from maison.basket import services as basket_services
from maison.basket.models import Basket
from maison.checkout.models import Checkout

BASKET_KEY = "basket_id"
CHECKOUT_KEY = "checkout_id"
ORDERS_KEY = "order_numbers"


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
