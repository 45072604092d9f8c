"""Catalogue pages rendered once for every visitor who would see the same page (issue 12).

Measured before this: rendering the templates, the header and footer included,
cost the category page about ten times a bare Django view, and its queries most
of the rest. So the whole page is kept, not only the product grid: it is
rendered once per combination of what it shows (the page and its filters, the
language, the market) and of the little a visitor changes in it (country
confirmed, basket count, wishlist), and stored under the catalogue's versions
(maison.catalog.versions), which every write to products, prices, markets or
stock bumps: a change shows on the next request.

What is one visitor's alone is never stored: the page is rendered with holes
for the CSRF token, the address with its query string and the search box,
filled on every request. Templates see a stand-in `request` that has nothing
of the visitor's. A visitor with messages to read gets the page rendered for
them, as before.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import quote

from django.apps import apps
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import ResolverMatch
from django.utils.html import escape
from django.utils.translation import get_language

from maison.catalog import versions
from maison.catalog.models import Variant
from maison.inventory.models import Stock

from . import session, window
from .context_processors import shop_window, visitor

# Holes: strings no page contains, the same once escaped; the address hole ends
# with "?" so that its `urlencode`d form ("%3F") is told apart from its escaped one.
CSRF_HOLE = "maison0csrf0hole"
ADDRESS_HOLE = "/maison0address0hole?"
SEARCH_HOLE = "maison0search0hole"


@dataclass(frozen=True)
class Everyone:
    """The `request` a page rendered for every visitor sees: its path, never its visitor."""

    path: str
    resolver_match: ResolverMatch

    def get_full_path(self) -> str:
        return ADDRESS_HOLE


def respond(request, template_name: str, parts: tuple, build, *, stock_of: str = ""):
    """The page `template_name` for `parts` (what it shows), from the cache or rendered now.

    `build()` returns the view's context; it runs only when the page is not in
    the cache, and may raise Http404. `stock_of` names the product whose stock
    the page shows.
    """
    if get_messages(request):
        return render(request, template_name, build())
    market = session.market(request)
    seen = visitor(request)
    stock = versions.current(versions.stock_key(stock_of)) if stock_of else ()
    identity = (
        template_name,
        parts,
        get_language(),
        market.country,
        window.catalogue_version(request),
        stock,
        seen["country_confirmed"],
        seen["basket_count"],
        tuple(sorted(seen["wishlist_ids"])),
    )
    key = "page:" + hashlib.sha256(repr(identity).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        context = {
            **shop_window(request),
            **seen,
            **build(),
            "request": Everyone(request.path, request.resolver_match),
            "csrf_token": CSRF_HOLE,
            "search_query": SEARCH_HOLE,
            "messages": (),
        }
        html = get_template(template_name).render(context)
        cache.set(key, html, window.TTL_SECONDS)
    return HttpResponse(fill(html, request))


def fill(html: str, request) -> str:
    """The visitor's own token, address and search words in the holes."""
    address = request.get_full_path()
    return (
        html.replace(CSRF_HOLE, get_token(request))
        .replace(quote(ADDRESS_HOLE), quote(address))
        .replace(ADDRESS_HOLE, escape(address))
        .replace(SEARCH_HOLE, escape(request.GET.get("q", "")[:100]))
    )


# What the cached pages show. A model added to a catalogue page joins this
# list, or its changes wait for the next bump. A picture's renditions, recorded
# by the worker, are a save of its row: the pages show them on the next request.
CATALOGUE_MODELS = [
    "catalog.Category",
    "catalog.Product",
    "catalog.Variant",
    "catalog.ProductImage",
    "markets.Market",
    "markets.PriceList",
    "markets.Price",
]


def _catalogue_changed(sender, **kwargs) -> None:
    versions.catalogue_changed()


def _stock_changed(sender, instance, **kwargs) -> None:
    slugs = Variant.objects.filter(pk=instance.variant_id).values_list("product__slug", flat=True)
    versions.stock_changed(list(slugs))


def watch_catalogue() -> None:
    """Bump the versions on every save and delete of what the cached pages show.

    Signals, not a call in each writer: staff change these rows through admin
    forms and inlines, the demo and imports through the ORM, and a writer that
    forgot the call would leave a stale page with no test to notice. Writes
    that bypass signals (the allocation's conditional UPDATE) bump themselves.
    """
    for label in CATALOGUE_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(_catalogue_changed, sender=model, dispatch_uid=f"page-cache-{label}")
    for signal in (post_save, post_delete):
        signal.connect(_stock_changed, sender=Stock, dispatch_uid="page-cache-stock")
