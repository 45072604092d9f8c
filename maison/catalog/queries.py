"""Reads the catalogue pages need, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from maison.inventory.models import Stock
from maison.markets.models import Market
from maison.markets.pricing import with_prices

from .models import Category, Product, Variant

PAGE_SIZE = 24


def categories() -> list[Category]:
    return list(Category.objects.all())


def _for_sale(products: QuerySet, market: Market) -> QuerySet:
    """Products priced in the market, as a listing shows them: one query for the lot.

    A card needs the price and the first colour's swatch, both annotated; the
    variants themselves are loaded only on the product page.
    """
    first_colour = (
        Variant.objects.filter(product=OuterRef("pk"))
        .order_by("position", "id")
        .values("colour_hex")
    )
    return (
        with_prices(products, market)
        .annotate(card_colour=Subquery(first_colour[:1]))
        .filter(card_colour__isnull=False)
    )


def on_sale() -> QuerySet:
    return Product.objects.filter(is_active=True)


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
            matching = Variant.objects.filter(product=OuterRef("pk"))
            if self.sizes:
                matching = matching.filter(size__in=self.sizes)
            if self.colours:
                matching = matching.filter(colour__in=self.colours)
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
    rows = variants.order_by().values_list("size", "colour").distinct()
    sizes, colours = set(), set()
    for size, colour in rows:
        sizes.add(size)
        colours.add(colour)
    size_order = {s: i for i, s in enumerate(["XS", "S", "M", "L", "XL", "XXL"])}
    return {
        "sizes": sorted(sizes, key=lambda s: (size_order.get(s, 99), len(s), s)),
        "colours": sorted(colours),
    }


def search(text: str, market: Market) -> QuerySet:
    words = text.split()[:8]
    products = on_sale()
    for word in words:
        products = products.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return _for_sale(products, market)


def featured(market: Market, limit: int = 8) -> QuerySet:
    return _for_sale(on_sale(), market)[:limit]


def product_page(slug: str) -> Product | None:
    """A product whatever the market: its page says when it is not sold there."""
    variants = Variant.objects.select_related("stock").order_by("position", "id")
    return (
        on_sale()
        .select_related("category")
        .prefetch_related(Prefetch("variants", queryset=variants))
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
