"""What every shopper page shows, read from the cache once per catalogue version.

The markets and the category menu are on every page and change only when staff
change them; they are kept under the catalogue version (maison.catalog.versions),
so a visitor costs no query for them, and a change is seen on the next request.
"""

from django.core.cache import cache

from maison.catalog import versions
from maison.catalog.queries import categories
from maison.markets.queries import all_markets

# A bumped version leaves its entries unreachable; this only frees their memory.
TTL_SECONDS = 3600


def catalogue_version(request) -> int:
    """Read once per request, so that every part of one page is of the same version."""
    if not hasattr(request, "_catalogue_version"):
        request._catalogue_version = versions.current(versions.CATALOGUE)[0]
    return request._catalogue_version


def shared(request, parts: tuple, build):
    """`build()`, or what it returned for `parts` under the current catalogue version."""
    key = "shared:" + ":".join(str(p) for p in (*parts, catalogue_version(request)))
    found = cache.get(key)
    if found is None:
        found = (build(),)  # in a tuple, so that None is kept as an answer
        cache.set(key, found, TTL_SECONDS)
    return found[0]


def markets(request):
    return shared(request, ("markets",), all_markets)


def menu_categories(request):
    return shared(request, ("categories",), categories)
