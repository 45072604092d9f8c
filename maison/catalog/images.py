"""The drawing a product shows until it has a photograph, as SVG.

Photographs are uploaded by staff (or drawn by the demo, demo_pictures.py) and
shown from their renditions; a product with none, or whose renditions the
worker has not made yet, shows this simple silhouette of its category in the
colour's swatch. It is a few hundred bytes of text: no image is decoded.
"""

from django.utils.html import escape

SILHOUETTES = {
    "shirts": "M60 40 L100 25 L140 40 L170 80 L150 95 L140 85 L140 230 L60 230 L60 85 L50 95 "
    "L30 80 Z",
    "knitwear": "M55 45 L100 30 L145 45 L175 160 L155 165 L140 90 L140 230 L60 230 L60 90 L45 165 "
    "L25 160 Z",
    "trousers": "M65 30 L135 30 L145 230 L112 230 L100 90 L88 230 L55 230 Z",
    "coats": "M55 35 L100 25 L145 35 L175 190 L150 195 L142 110 L145 240 L55 240 L58 110 L50 195 "
    "L25 190 Z",
    "shoes": "M30 170 L30 120 L80 120 L110 150 L165 160 Q180 165 178 185 L30 185 Z",
    "accessories": "M50 100 L150 100 L160 220 L40 220 Z M75 100 Q100 40 125 100",
}
DEFAULT = "M50 50 L150 50 L150 210 L50 210 Z"


def product_svg(category_slug: str, colour_hex: str, label: str) -> str:
    shape = SILHOUETTES.get(category_slug, DEFAULT)
    fill = colour_hex if _is_hex(colour_hex) else "#888888"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 260" role="img" '
        f'aria-label="{escape(label)}">'
        '<rect width="200" height="260" fill="#f4f1ec"/>'
        f'<path d="{shape}" fill="{fill}" stroke="#2b2b2b" stroke-width="2" '
        'stroke-linejoin="round" fill-rule="evenodd"/></svg>'
    )


def _is_hex(value: str) -> bool:
    return (
        len(value) == 7
        and value[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )
