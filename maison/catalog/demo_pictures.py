"""The demo house's product pictures, drawn by Pillow when the demo is loaded.

No photograph ships with the project: each product is drawn as a flat-lay in
its colourway, in the silhouette of its kind (a shirt's collar and placket, a
cardigan's open front, a coat's length and lapels, a boot's shaft, a cap's
visor ...), over a fabric texture chosen by its material (knit ribs, twill
diagonals, cord wales, stripes) and lit from the left. Two views per colour:
the front, and the back, mirrored and without the front's buttons and pockets.

The drawing is the camera: it makes a JPEG that goes through the very path of
a staff upload (`services.add_picture`: checked, kept, renditions queued for
the worker). Shapes are written in a 200 × 260 box and scaled to the width in
settings.MAISON_DEMO_PICTURE_WIDTH (tests draw them small).
"""

import io
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageChops, ImageDraw

BOX_WIDTH, BOX_HEIGHT = 200, 260
BACKDROP = (236, 231, 223)
SHADOW = (206, 199, 188)

Point = tuple[float, float]


@dataclass
class Shape:
    """A kind of product in the 200 × 260 box: what is cloth, and what is drawn on it."""

    parts: list[list[Point]] = field(default_factory=list)
    ellipses: list[tuple[float, float, float, float]] = field(default_factory=list)
    holes: list[list[Point]] = field(default_factory=list)  # cut out of the parts
    seams: list[list[Point]] = field(default_factory=list)  # on both sides
    front: list[list[Point]] = field(default_factory=list)  # plackets, pockets: front only
    buttons: list[Point] = field(default_factory=list)  # front only
    soles: list[list[Point]] = field(default_factory=list)  # in a contrasting colour


def _mirror(points: list[Point]) -> list[Point]:
    return [(BOX_WIDTH - x, y) for x, y in reversed(points)]


def _both(points: list[Point]) -> list[list[Point]]:
    return [points, _mirror(points)]


# --- Tops: shirts, knitwear, coats, built from a torso, sleeves, a neck and a front.


def top(
    *,
    hem: float = 205,
    sleeves: str = "long",
    neck: str = "collar",
    opening: str = "placket",
    pockets: int = 0,
    quilted: bool = False,
    ribbed: bool = False,
    width: float = 0,
    tails: bool = False,
) -> Shape:
    """A garment for the upper body; `tails`: a shirt's hem, curved down at the front."""
    left, right = 58 - width, 142 + width
    shape = Shape()
    if tails:
        bottom = [
            (right + 2, hem - 14),
            (124, hem),
            (100, hem + 6),
            (76, hem),
            (left - 2, hem - 14),
        ]
    else:
        bottom = [(right + 2, hem), (left - 2, hem)]
    shape.parts.append([(left, 48), (78, 34), (122, 34), (right, 48), *bottom])
    if sleeves == "long":
        cuff = min(hem - 10, 200)
        for sleeve in _both(
            [(left, 48), (left - 22, 70), (left - 38, cuff), (left - 20, cuff + 4), (left, 100)]
        ):
            shape.parts.append(sleeve)
        shape.seams += _both([(left - 37, cuff - 12), (left - 20, cuff - 8)])
    elif sleeves == "short":
        for sleeve in _both([(left, 48), (left - 24, 66), (left - 14, 100), (left, 96)]):
            shape.parts.append(sleeve)
    if neck == "collar":
        shape.parts += _both([(100, 50), (80, 31), (88, 28), (100, 38)])
        shape.seams += _both([(80, 31), (100, 50)])
    elif neck == "crew":
        shape.holes.append([(84, 34), (92, 44), (100, 46), (108, 44), (116, 34)])
        shape.seams.append([(82, 34), (90, 48), (100, 51), (110, 48), (118, 34)])
    elif neck == "v":
        shape.holes.append([(84, 34), (100, 78), (116, 34)])
        shape.seams.append([(82, 34), (100, 84), (118, 34)])
    elif neck == "roll":
        shape.parts.append([(80, 20), (120, 20), (124, 44), (76, 44)])
        shape.seams += [[(80, 28), (120, 28)], [(79, 36), (121, 36)]]
    elif neck == "hood":
        shape.parts.append([(76, 40), (78, 14), (100, 6), (122, 14), (124, 40)])
        shape.seams.append([(84, 40), (86, 20), (100, 14), (114, 20), (116, 40)])
    elif neck == "lapels":
        shape.parts += _both([(100, 100), (74, 34), (82, 28), (96, 62), (90, 66)])
        shape.seams += _both([(74, 34), (100, 100)])
    if opening == "placket":
        shape.front.append([(100, 50), (100, hem)])
        shape.buttons += [(104, y) for y in range(62, int(hem) - 10, 22)]
    elif opening == "open":
        shape.holes.append([(88, 34), (100, 110), (112, 34)])
        shape.front.append([(100, 110), (100, hem)])
        shape.buttons += [(104, y) for y in range(118, int(hem) - 8, 20)]
    elif opening == "double":
        shape.front.append([(112, 100), (112, hem)])
        shape.buttons += [(x, y) for y in (110, 140, 170) for x in (88, 112)]
    elif opening == "zip":
        shape.front.append([(100, 40), (100, hem)])
        shape.front.append([(98, 40), (98, hem)])
    elif opening == "polo":
        shape.front.append([(100, 50), (100, 86)])
        shape.buttons += [(102, 60), (102, 76)]
    if pockets:
        y = 68 if hem < 215 else 150
        for x in (70, 112)[:pockets] if pockets == 2 else (112,):
            shape.front.append([(x, y), (x + 18, y), (x + 18, y + 20), (x, y + 20), (x, y)])
    if quilted:
        shape.seams += [[(left, y), (right, y)] for y in range(64, int(hem), 18)]
        shape.seams += [[(left - 34, y), (left - 4, y + 4)] for y in range(84, int(hem) - 10, 22)]
    if ribbed:
        shape.seams += [[(left - 2, hem - 10), (right + 2, hem - 10)]]
        shape.seams += [[(x, hem - 10), (x, hem)] for x in range(int(left) + 4, int(right), 6)]
    return shape


# --- Bottoms.


def trousers(
    *, length: float = 245, flare: float = 0, jeans: bool = False, pleats: bool = False
) -> Shape:
    shape = Shape()
    shape.parts.append(
        [
            (62, 24),
            (138, 24),
            (142 + flare, length),
            (106, length),
            (100, 92),
            (94, length),
            (58 - flare, length),
        ]
    )
    shape.seams += [[(62, 36), (138, 36)], [(100, 36), (100, 90)]]
    shape.front += _both([(66, 40), (80, 62)])
    if pleats:
        shape.front += _both([(82, 38), (80, 110)])
    if jeans:
        shape.front += _both([(62, 40), (84, 40), (84, 44)])
        shape.buttons += [(100, 30)]
        shape.seams += [
            [(60 - flare, length - 8), (96, length - 8)],
            [(104, length - 8), (140 + flare, length - 8)],
        ]
    return shape


# --- Shoes, seen from the side.


def shoe(
    *, shaft: float = 0, sole: str = "thin", strap: str = "", open_back: bool = False
) -> Shape:
    """A shoe in profile, heel to the left, on a ground line at y = 170."""
    shape = Shape()
    top_y = 118 - shaft
    vamp = [(74, top_y + 8), (92, 128), (120, 134), (150, 142), (172, 150), (184, 160), (184, 170)]
    if strap == "sandal":
        shape.parts += [
            [(66, 128), (90, 128), (100, 166), (60, 166)],
            [(112, 138), (134, 142), (140, 166), (108, 166)],
        ]
    elif open_back:
        shape.parts.append([(62, 170), (66, 150), (92, 128), *vamp[2:]])
    else:
        shape.parts.append([(22, 170), (22, 140), (26, top_y), (62, top_y), *vamp])
    depth = 14 if sole == "thick" else 7
    shape.soles.append([(18, 170), (188, 170), (188, 170 + depth), (18, 170 + depth)])
    if sole == "thin" and not open_back and strap != "sandal":
        shape.soles.append([(18, 170), (54, 170), (54, 186), (20, 186)])  # the heel
    if sole == "thick":
        shape.front.append([(70, 156), (128, 142)])
        shape.seams.append([(26, 176), (184, 176)])
    if strap == "laces":
        shape.front += [[(80 + i * 10, 124 + i * 2), (86 + i * 10, 136 + i * 2)] for i in range(4)]
    elif strap == "penny":
        shape.front.append([(84, 132), (128, 140)])
    elif strap == "monk":
        shape.front += [[(84, 132), (124, 142)], [(88, 144), (128, 152)]]
        shape.buttons += [(126, 142), (130, 152)]
    if shaft:
        shape.seams.append([(24, top_y + 12), (64, top_y + 12)])
    return shape


# --- Accessories, each its own drawing.


def scarf() -> Shape:
    shape = Shape(parts=[[(70, 20), (130, 20), (134, 230), (66, 230)]])
    shape.seams += [[(x, 230), (x + 1, 246)] for x in range(68, 134, 5)]
    return shape


def beanie() -> Shape:
    shape = Shape(
        ellipses=[(50, 70, 150, 190)], parts=[[(46, 150), (154, 150), (154, 196), (46, 196)]]
    )
    shape.seams += [[(x, 152), (x, 194)] for x in range(52, 150, 7)]
    return shape


def cap() -> Shape:
    shape = Shape(
        ellipses=[(50, 80, 150, 190)], parts=[[(130, 150), (186, 168), (180, 178), (128, 170)]]
    )
    shape.seams += [[(100, 82), (100, 150)], [(70, 92), (84, 150)]]
    shape.buttons.append((100, 84))
    return shape


def belt() -> Shape:
    shape = Shape(parts=[[(20, 120), (180, 120), (180, 142), (20, 142)]])
    shape.soles.append([(26, 114), (52, 114), (52, 148), (26, 148)])
    shape.holes.append([(32, 120), (46, 120), (46, 142), (32, 142)])
    shape.buttons += [(x, 131) for x in (120, 134, 148, 162)]
    return shape


def bag(*, holdall: bool = False) -> Shape:
    if holdall:
        shape = Shape(parts=[[(24, 120), (176, 120), (184, 210), (16, 210)]])
        shape.seams += [[(60, 120), (72, 80), (128, 80), (140, 120)]]
        shape.front.append([(30, 140), (170, 140)])
    else:
        shape = Shape(parts=[[(46, 90), (154, 90), (160, 230), (40, 230)]])
        shape.seams += [[(70, 90), (76, 40), (124, 40), (130, 90)]]
    return shape


def card_holder() -> Shape:
    shape = Shape(parts=[[(50, 100), (150, 100), (150, 170), (50, 170)]])
    shape.front += [[(56, 118), (144, 118)], [(56, 136), (144, 136)]]
    return shape


def pocket_square() -> Shape:
    shape = Shape(parts=[[(40, 60), (160, 60), (160, 200), (40, 200)]])
    shape.seams += [[(40, 60), (160, 200)], [(46, 66), (154, 66)]]
    return shape


def gloves() -> Shape:
    hand = [
        (50, 230),
        (46, 130),
        (40, 80),
        (50, 78),
        (58, 120),
        (60, 60),
        (70, 60),
        (74, 116),
        (78, 54),
        (88, 54),
        (88, 118),
        (94, 64),
        (104, 66),
        (100, 140),
        (114, 116),
        (122, 124),
        (100, 180),
        (96, 230),
    ]
    shape = Shape(parts=_both([(x - 6, y) for x, y in hand]))
    shape.seams += [[(50, 214), (96, 214)], [(104, 214), (150, 214)]]
    return shape


def socks() -> Shape:
    sock = [(52, 30), (92, 30), (92, 170), (110, 210), (104, 236), (60, 236), (40, 214), (52, 180)]
    shape = Shape(parts=[sock, [(x + 60, y) for x, y in sock]])
    shape.seams += [[(52, 48), (92, 48)], [(112, 48), (152, 48)]]
    return shape


def tie() -> Shape:
    shape = Shape(
        parts=[
            [
                (92, 20),
                (108, 20),
                (112, 40),
                (104, 46),
                (120, 220),
                (100, 246),
                (80, 220),
                (96, 46),
                (88, 40),
            ]
        ]
    )
    shape.seams.append([(96, 46), (104, 46)])
    return shape


def sunglasses() -> Shape:
    shape = Shape(ellipses=[(30, 100, 94, 164), (106, 100, 170, 164)])
    shape.parts.append([(90, 116), (110, 116), (110, 124), (90, 124)])
    shape.parts += [
        [(30, 118), (14, 112), (14, 118), (30, 126)],
        [(170, 118), (186, 112), (186, 118), (170, 126)],
    ]
    return shape


def shape_for(category: str, name: str) -> Shape:
    """The silhouette of a product, by its category and the words of its name."""
    words = name.lower()
    if category == "shirts":
        sleeves = "short" if "short-sleeve" in words else "long"
        neck = "crew" if "band-collar" in words else "collar"
        overshirt = "overshirt" in words
        return top(sleeves=sleeves, neck=neck, pockets=2 if overshirt else 0, tails=not overshirt)
    if category == "knitwear":
        # Knits: wider and shorter than a shirt, on a ribbed hem and cuffs.
        if "cardigan" in words:
            opening = "zip" if "zip" in words else "open"
            return top(hem=222, neck="crew", opening=opening, ribbed=True, pockets=2, width=4)
        if "vest" in words:
            return top(hem=190, sleeves="none", neck="v", opening="", ribbed=True, width=8)
        if "polo" in words:
            return top(hem=190, neck="collar", opening="polo", ribbed=True, width=8)
        neck = "crew"
        for word, kind in (("v-neck", "v"), ("roll-neck", "roll"), ("hooded", "hood")):
            if word in words:
                neck = kind
        return top(
            hem=188, neck=neck, opening="", ribbed=True, width=14 if "cable" in words else 10
        )
    if category == "trousers":
        if "shorts" in words:
            return trousers(length=140, flare=8, pleats=True)
        return trousers(
            jeans="jeans" in words, pleats="pleat" in words, flare=10 if "wide" in words else 0
        )
    if category == "coats":
        if "parka" in words:
            return top(hem=238, neck="hood", opening="zip", pockets=2, width=4)
        if "down" in words:
            return top(hem=200, neck="crew", opening="zip", quilted=True, width=8)
        if any(word in words for word in ("jacket", "bomber")):
            return top(
                hem=196,
                neck="collar",
                opening="zip" if "bomber" in words else "placket",
                pockets=2,
                ribbed="bomber" in words,
            )
        double = "double-breasted" in words or "pea" in words or "trench" in words
        return top(
            hem=248, neck="lapels", opening="double" if double else "placket", pockets=2, width=4
        )
    if category == "shoes":
        if "boots" in words:
            return shoe(shaft=50, strap="laces" if "lace" in words or "desert" in words else "")
        if "trainers" in words or "runners" in words:
            return shoe(sole="thick", strap="laces", shaft=16 if "high-top" in words else 0)
        if "sandals" in words:
            return shoe(strap="sandal")
        if "mules" in words:
            return shoe(open_back=True)
        strap = "penny" if "loafers" in words else "monk" if "monk" in words else "laces"
        return shoe(strap=strap)
    for word, drawing in (
        ("scarf", scarf),
        ("beanie", beanie),
        ("cap", cap),
        ("belt", belt),
        ("holdall", lambda: bag(holdall=True)),
        ("bag", bag),
        ("card holder", card_holder),
        ("pocket square", pocket_square),
        ("gloves", gloves),
        ("socks", socks),
        ("tie", tie),
        ("sunglasses", sunglasses),
    ):
        if word in words:
            return drawing()
    return Shape(parts=[[(50, 50), (150, 50), (150, 210), (50, 210)]])


# --- Fabric: a texture by material, lit from the left.

KNIT = {"merino", "lambswool", "cashmere", "mohair", "cotton-knit", "socks"}
TWILL = {
    "twill",
    "denim",
    "wool-twill",
    "wool-gabardine",
    "gabardine",
    "canvas",
    "waxed-cotton",
    "chambray",
    "cap",
    "bag-canvas",
    "wool-coat",
    "cashmere-coat",
}
CORD = {"corduroy", "needlecord"}
GRID = {"ripstop", "technical", "down", "seersucker"}


def texture_of(material: str) -> str:
    for name, materials in (("knit", KNIT), ("twill", TWILL), ("cord", CORD), ("grid", GRID)):
        if material in materials:
            return name
    return "plain"


@lru_cache(maxsize=16)
def _light(texture: str, width: int, height: int) -> Image.Image:
    """How much of its colour each pixel keeps (255: all): light from the left, and the weave."""
    light = Image.linear_gradient("L").rotate(90).resize((width, height))
    light = light.point(lambda v: 255 - v * 60 // 255)  # left 255, right 195
    weave = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(weave)
    step = max(3, width // 100)
    if texture == "knit":
        for x in range(0, width, step):
            draw.line([(x, 0), (x, height)], fill=222)
    elif texture == "twill":
        for x in range(-height, width, step):
            draw.line([(x, height), (x + height, 0)], fill=226)
    elif texture == "cord":
        for x in range(0, width, step * 2):
            draw.line([(x, 0), (x, height)], fill=206, width=max(1, step // 2))
    elif texture == "grid":
        for x in range(0, width, step * 3):
            draw.line([(x, 0), (x, height)], fill=228)
        for y in range(0, height, step * 3):
            draw.line([(0, y), (width, y)], fill=228)
    else:
        weave = Image.effect_noise((width, height), 6).point(lambda v: 240 + v * 15 // 255)
    return Image.merge("RGB", [ImageChops.multiply(light, weave)] * 3)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _seam_colour(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """Darker on a light cloth, lighter on a dark one, so stitching shows on both."""
    luminance = (0.3 * colour[0] + 0.59 * colour[1] + 0.11 * colour[2]) / 255
    if luminance > 0.35:
        return tuple(int(c * 0.6) for c in colour)
    return tuple(int(c + (255 - c) * 0.35) for c in colour)


def draw(shape: Shape, hex_colour: str, material: str, *, back: bool, striped: bool) -> bytes:
    """One view of a product in one colour, as the JPEG a camera would give."""
    width = settings.MAISON_DEMO_PICTURE_WIDTH
    height = width * BOX_HEIGHT // BOX_WIDTH
    scale = width / BOX_WIDTH

    def at(points, dx: float = 0, dy: float = 0):
        return [((BOX_WIDTH - x if back else x) * scale + dx, y * scale + dy) for x, y in points]

    def box(bounds, dx: float = 0, dy: float = 0):
        x0, y0, x1, y1 = bounds
        if back:
            x0, x1 = BOX_WIDTH - x1, BOX_WIDTH - x0
        return [x0 * scale + dx, y0 * scale + dy, x1 * scale + dx, y1 * scale + dy]

    mask = Image.new("L", (width, height), 0)
    cut = ImageDraw.Draw(mask)
    for part in shape.parts:
        cut.polygon(at(part), fill=255)
    for bounds in shape.ellipses:
        cut.ellipse(box(bounds), fill=255)
    for hole in shape.holes:
        cut.polygon(at(hole), fill=0)

    colour = _rgb(hex_colour)
    cloth = Image.new("RGB", (width, height), colour)
    if striped:
        stripes = ImageDraw.Draw(cloth)
        for x in range(0, width, max(4, width // 40)):
            stripes.line([(x, 0), (x, height)], fill=(247, 245, 240), width=max(1, width // 160))
    cloth = ImageChops.multiply(cloth, _light(texture_of(material), width, height))

    picture = Image.new("RGB", (width, height), BACKDROP)
    offset = max(2, round(3 * scale))
    picture.paste(SHADOW, (offset, offset), mask)
    picture.paste(cloth, (0, 0), mask)
    pen = ImageDraw.Draw(picture)
    seam, line = _seam_colour(colour), max(1, round(scale * 0.8))
    for sole in shape.soles:
        pen.polygon(at(sole), fill=(40, 36, 34) if sum(colour) > 330 else (232, 226, 214))
    for stitched in shape.seams + ([] if back else shape.front):
        pen.line(at(stitched), fill=seam, width=line, joint="curve")
    if not back:
        radius = 2.2 * scale
        for x, y in shape.buttons:
            ((cx, cy),) = at([(x, y)])
            pen.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=seam)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def photographs(category: str, name: str, material: str, colour_name: str, hex_colour: str):
    """The front and back of one product in one colour: (view, JPEG file)."""
    shape = shape_for(category, name)
    striped = "stripe" in colour_name.lower()
    for view in ("front", "back"):
        data = draw(shape, hex_colour, material, back=view == "back", striped=striped)
        yield view, ContentFile(data, name=f"{view}.jpg")
