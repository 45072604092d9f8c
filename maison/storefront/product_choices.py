"""A product's variants as a shopper chooses them: a colour, then a size in it.

The product page draws one group of size buttons per colour; each size's value is
its variant, so what is bought is exactly the button that was pressed (see
`AddToBasketForm`). Colours are numbered from 1 in the order of their first
variant: the number names the colour's size group and its gallery views.
"""

from dataclasses import dataclass, field

from maison.catalog.models import ProductImage, Variant
from maison.catalog.queries import stock_available
from maison.markets.money import Money

from . import pictures
from .pictures import Picture


@dataclass
class SizeChoice:
    variant: Variant
    offer: Money | None
    available: int

    @property
    def sold_out(self) -> bool:
        return self.available < 1


@dataclass
class ColourChoice:
    index: int
    name: str
    hex: str
    key: str = ""  # the English name, which photographs are filed under
    sizes: list[SizeChoice] = field(default_factory=list)
    views: list[Picture] = field(default_factory=list)

    @property
    def sold_out(self) -> bool:
        return all(size.sold_out for size in self.sizes)


def by_colour(
    variants: list[Variant], prices: dict[int, Money], images: list[ProductImage] = ()
) -> list[ColourChoice]:
    """The colours in the order of their first variant, each with its sizes and photographs."""
    colours: dict[str, ColourChoice] = {}
    for variant in variants:
        colour = colours.get(variant.colour)
        if colour is None:
            colour = ColourChoice(
                len(colours) + 1, variant.colour, variant.colour_hex, variant.colour_en
            )
            colour.views = pictures.of_colour(images, variant.colour_en)
            colours[variant.colour] = colour
        colour.sizes.append(SizeChoice(variant, prices.get(variant.pk), stock_available(variant)))
    return list(colours.values())


def first_in_stock(colours: list[ColourChoice]) -> ColourChoice | None:
    """The colour checked when the page opens: the first one that can be bought."""
    return next((c for c in colours if not c.sold_out), colours[0] if colours else None)
