"""Product photographs as a page shows them: `<picture>` sources read from the rows.

Nothing here opens or resizes a file: the renditions and their sizes were
recorded by the worker (maison/catalog/renditions.py), and a page only writes
their addresses. A photograph whose renditions are not made yet is left out,
and a product with none shows its drawing.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage

from maison.catalog.models import ProductImage


@dataclass(frozen=True)
class Picture:
    alt: str
    srcset: str
    fallback: str
    width: int
    height: int


def shown(image: ProductImage) -> Picture | None:
    webp, jpeg = image.made("webp"), image.made("jpeg")
    if not webp or not jpeg:
        return None
    largest = webp[-1]
    return Picture(
        alt=image.alt,
        srcset=", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in webp),
        fallback=default_storage.url(jpeg[0]["name"]),
        width=largest["width"],
        height=largest["height"],
    )


def of_colour(images: list[ProductImage], colour: str) -> list[Picture]:
    """The pictures of one colour (its English name) and those of every colour, in order."""
    found = (shown(image) for image in images if image.colour in ("", colour))
    return [picture for picture in found if picture is not None]
