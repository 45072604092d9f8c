"""Where a shopper's basket and checkout are found: the session holds their ids."""

from django.contrib import messages
from django.contrib.auth import login
from django.utils.translation import gettext as _

from maison.accounts.queries import profile_of
from maison.accounts.services import merge_wishlist, remember_country
from maison.basket import queries as basket_queries
from maison.basket import services as basket_services
from maison.basket.models import Basket
from maison.checkout.models import Checkout
from maison.markets.models import Market
from maison.markets.queries import pick

from . import window

BASKET_KEY = "basket_id"
CHECKOUT_KEY = "checkout_id"
ORDERS_KEY = "order_numbers"
COUNTRY_KEY = "country"
COUNTRY_CONFIRMED_KEY = "country_confirmed"
# The guest wishlist: product ids kept in the session until the shopper signs in.
WISHLIST_KEY = "wishlist"


def markets(request) -> list[Market]:
    """Every market, read once per request: the selector lists them, one is current."""
    if not hasattr(request, "_markets"):
        request._markets = window.markets(request)
    return request._markets


def market(request) -> Market:
    """The market of the country the shopper chose (SITE-3)."""
    if not hasattr(request, "_market"):
        request._market = pick(markets(request), request.session.get(COUNTRY_KEY))
    return request._market


def choose_country(request, chosen: Market) -> None:
    request.session[COUNTRY_KEY] = chosen.country
    request._market = chosen
    if request.user.is_authenticated:
        remember_country(request.user, chosen.country)


def basket(request, *, create: bool = False) -> Basket | None:
    """The shopper's basket: a member's is theirs on every device, a guest's is the session's."""
    if request.user.is_authenticated:
        found = basket_queries.of_member(request.user)
        if found is None and create:
            found = basket_services.member_basket(request.user)
    else:
        found = basket_queries.find(request.session.get(BASKET_KEY))
        if found is not None and found.owner_id is not None:
            found = None  # a member's basket is never reached from a guest session
        if found is None and create:
            found = basket_services.new_basket()
    if found is not None and request.session.get(BASKET_KEY) != found.pk:
        request.session[BASKET_KEY] = found.pk
    return found


def sign_in(request, user) -> None:
    """Sign a person in on this request: the one door every way of signing in goes through.

    Django's `login` gives the session a new id, so an id planted on the
    shopper before sign-in is worthless (ACC-7), while keeping the session's
    contents. Then the products hearted as a guest join the member's
    wishlist, the guest basket joins the member's, and their country comes back.
    """
    guest_wishlist = list(request.session.get(WISHLIST_KEY, []))
    login(request, user, backend="maison.accounts.backends.EmailBackend")
    if guest_wishlist:
        merge_wishlist(user, guest_wishlist)
    request.session.pop(WISHLIST_KEY, None)
    _member_joined(request, user)


def _member_joined(request, user) -> None:
    guest = basket_queries.find(request.session.get(BASKET_KEY))
    if guest is not None and guest.owner_id not in (None, user.pk):
        guest = None
    merged, trimmed = basket_services.merge_into_member_basket(guest, user)
    request.session[BASKET_KEY] = merged.pk
    if trimmed:
        messages.warning(
            request,
            _("Some items could not all be kept, for lack of stock: %(items)s.")
            % {"items": ", ".join(trimmed)},
        )
    remembered = profile_of(user).country
    if remembered and not request.session.get(COUNTRY_CONFIRMED_KEY):
        request.session[COUNTRY_KEY] = remembered
        request.session[COUNTRY_CONFIRMED_KEY] = True
        request.__dict__.pop("_market", None)


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
