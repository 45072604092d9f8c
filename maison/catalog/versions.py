"""Versions of what the catalogue pages show, so that a page kept in the cache is never stale.

A cached page part is stored under the versions it was rendered from; a write
that changes what it shows bumps a version, and the next request looks under a
key no one has filled yet. The catalogue version covers products, variants,
categories, prices and markets; each product also has a stock version, bumped
when a unit of it is allocated or its stock corrected, so that a size selling
out shows on the next request (PRD-1) without re-rendering the whole shop.

The versions live in the cache: Redis when REDIS_URL is set, so every app
server sees a bump at once; local memory only in the single-process demo.
"""

import time

from django.core.cache import cache
from django.db import transaction

CATALOGUE = "version:catalogue"

# Versions expire, as every other key the pages write: anyone can ask for
# /p/<any-slug>/, and a version kept forever for each made-up address would
# fill the cache without end. A lost version starts afresh (`_fresh`), which
# only costs one rendering of the pages stored under it.
TIMEOUT_SECONDS = 7 * 24 * 3600


def stock_key(product_slug: str) -> str:
    # The slug, not the id: the product page knows its address before any query.
    return f"version:stock:{product_slug}"


def current(*keys: str) -> tuple[int, ...]:
    """The versions under `keys`, in one round trip; a lost one starts afresh."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh(), timeout=TIMEOUT_SECONDS)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def catalogue_changed() -> None:
    _bump_now_and_on_commit([CATALOGUE])


def stock_changed(product_slugs) -> None:
    _bump_now_and_on_commit([stock_key(slug) for slug in product_slugs])


def _fresh() -> int:
    """A start no earlier version can have had: a key evicted and made again never repeats."""
    return time.time_ns()


def _bump(keys: list[str]) -> None:
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # never read yet, or evicted: any new value is unseen
            cache.set(key, _fresh(), timeout=TIMEOUT_SECONDS)


def _bump_now_and_on_commit(keys: list[str]) -> None:
    """Bump at once, and again once the change is committed.

    The second bump closes a race: a request that read the new version before
    the commit could render the old rows and store them under it. Bumped after
    the commit, that key is never read again. The first bump serves readers on
    the same connection (and tests, whose transactions never commit).
    """
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys), robust=True)
