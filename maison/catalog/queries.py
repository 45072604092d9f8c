"""Reads the catalogue pages need, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from maison.inventory.models import Stock
from maison.markets.addresses import alphabetical
from maison.markets.models import Market
from maison.markets.pricing import with_prices

from .models import Category, Product, ProductImage, Variant

PAGE_SIZE = 24


def categories() -> list[Category]:
    return list(Category.objects.all())


def _for_sale(products: QuerySet, market: Market) -> QuerySet:
    """Products priced in the market, as a listing shows them: one query for the lot.

    A card needs the price and the first colour's swatch and name, annotated,
    and the photographs, prefetched; the variants themselves are loaded only on
    the product page.
    """
    first = Variant.objects.filter(product=OuterRef("pk")).order_by("position", "id")
    return (
        with_prices(products, market)
        .annotate(
            card_colour=Subquery(first.values("colour_hex")[:1]),
            card_colour_name=Subquery(first.values("colour_en")[:1]),
        )
        .filter(card_colour__isnull=False)
        .prefetch_related(pictures())
    )


def pictures() -> Prefetch:
    """A product's photographs in their order, as `product.pictures`: one query for a page."""
    return Prefetch(
        "images", queryset=ProductImage.objects.order_by("position", "id"), to_attr="pictures"
    )


def on_sale() -> QuerySet:
    # The search vector is for the database to match on, never for a page to read.
    return Product.objects.filter(is_active=True).defer("search_vector")


def shown(field: str):
    """The text a page shows for a translated field: the page's language, else English.

    Filters compare the shopper's choice with this, so a colour whose French
    name is missing (shown in English on /fr/) is still found when chosen;
    modeltranslation's fallback applies to attributes, not to lookups.
    """
    language = (get_language() or "en")[:2]
    local = F(build_localized_fieldname(field, language))
    return Coalesce(
        NullIf(local, Value("")),
        F(build_localized_fieldname(field, "en")),
        output_field=CharField(),
    )


@dataclass
class Filters:
    sizes: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    min_price_minor: int | None = None
    max_price_minor: int | None = None

    def apply(self, products: QuerySet) -> QuerySet:
        """Keep products with one variant of a chosen size *and* a chosen colour.

        One `EXISTS` on the variants: two separate joins would let "M" + "Navy"
        match a product made in Navy S and White M, and a join would repeat
        products, so the count shown would not be the number listed. Every
        variant of a listed product is sold in the market: the product's price
        in the market's list is every variant's price unless it has its own.
        """
        if self.sizes or self.colours:
            matching = Variant.objects.filter(product=OuterRef("pk")).annotate(
                shown_size=shown("size"), shown_colour=shown("colour")
            )
            if self.sizes:
                matching = matching.filter(shown_size__in=self.sizes)
            if self.colours:
                matching = matching.filter(shown_colour__in=self.colours)
            products = products.filter(Exists(matching))
        if self.min_price_minor is not None:
            products = products.filter(market_price_minor__gte=self.min_price_minor)
        if self.max_price_minor is not None:
            products = products.filter(market_price_minor__lte=self.max_price_minor)
        return products


def category_products(category: Category, filters: Filters, market: Market) -> QuerySet:
    return filters.apply(_for_sale(on_sale().filter(category=category), market))


def filter_options(category: Category) -> dict[str, list[str]]:
    """The sizes and colours a category offers, for its filter form."""
    variants = Variant.objects.filter(product__category=category, product__is_active=True)
    rows = (
        variants.annotate(shown_size=shown("size"), shown_colour=shown("colour"))
        .order_by()
        .values_list("shown_size", "shown_colour")
        .distinct()
    )
    sizes, colours = set(), set()
    for size, colour in rows:
        sizes.add(size)
        colours.add(colour)
    size_order = {s: i for i, s in enumerate(["XS", "S", "M", "L", "XL", "XXL"])}
    return {
        "sizes": sorted(sizes, key=lambda s: (size_order.get(s, 99), len(s), s)),
        "colours": sorted(colours, key=alphabetical),
    }


# Text search configurations made by migration 0003: stemming, accents ignored.
SEARCH_CONFIGURATIONS = {"fr": "french_unaccent", "en": "english_unaccent"}


def search(text: str, market: Market, language: str = "en") -> QuerySet:
    """Products matching `text`, best first (SITE-1).

    PostgreSQL searches names, descriptions and compositions in both languages,
    stemmed in the shopper's language and blind to accents ("chemises" finds
    "chemise", "cafe" finds "café"), and ranks name matches above the rest.
    Elsewhere (SQLite) every word must appear in a name or description.
    """
    words = text.split()[:8]
    if connection.vendor == "postgresql":
        query = SearchQuery(
            " ".join(words),
            config=SEARCH_CONFIGURATIONS.get(language, SEARCH_CONFIGURATIONS["en"]),
            search_type="websearch",
        )
        products = (
            on_sale()
            .filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "position", "id")
        )
        return _for_sale(products, market)
    products = on_sale()
    for word in words:
        products = products.filter(
            Q(name_en__icontains=word)
            | Q(name_fr__icontains=word)
            | Q(description_en__icontains=word)
            | Q(description_fr__icontains=word)
        )
    return _for_sale(products, market)


def featured(market: Market, limit: int = 8) -> QuerySet:
    return _for_sale(on_sale(), market)[:limit]


def product_page(slug: str) -> Product | None:
    """A product whatever the market: its page says when it is not sold there."""
    variants = Variant.objects.select_related("stock").order_by("position", "id")
    return (
        on_sale()
        .select_related("category")
        .prefetch_related(Prefetch("variants", queryset=variants), pictures())
        .filter(slug=slug)
        .first()
    )


def variant_for_sale(variant_id: int) -> Variant | None:
    return (
        Variant.objects.select_related("product", "stock")
        .filter(pk=variant_id, product__is_active=True)
        .first()
    )


def stock_available(variant: Variant) -> int:
    try:
        return variant.stock.available
    except Stock.DoesNotExist:
        return 0
