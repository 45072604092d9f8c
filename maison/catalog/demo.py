"""The demo catalogue of Maison Orvane, a fictional Paris house.

`make demo` loads it into a fresh database so the store can be browsed and
bought from at once. The house, its products and all its wording are invented.

Products are written as small text tables, one per category: a line
`name | price in euros, VAT included | material | colours`, then an indented
description. Stock levels are drawn from a seeded generator, so every load of
the demo shows the same sold-out and low-stock variants (PRD-1, ORD-1).
"""

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from maison.inventory.models import Stock
from maison.markets.demo import load_markets, price_product

from .models import Category, Product, Variant

SEED = 2026
SKU_PREFIX = "OR"

CLOTHES_SIZES = ["XS", "S", "M", "L", "XL"]
SHOE_SIZES = ["39", "40", "41", "42", "43", "44", "45"]
ONE_SIZE = ["One size"]

# Colour name: (code in the SKU, swatch).
COLOURS = {
    "Navy": ("NAV", "#1f2a44"),
    "White": ("WHT", "#f7f5f0"),
    "Sky blue": ("SKY", "#a9c4df"),
    "Blue stripe": ("BST", "#7f9cc6"),
    "Navy stripe": ("NST", "#3a4766"),
    "Indigo": ("IND", "#2c3561"),
    "Ecru": ("ECR", "#e8e0cc"),
    "Cream": ("CRM", "#efe6d2"),
    "Sand": ("SND", "#cdb992"),
    "Stone": ("STN", "#b7b0a2"),
    "Camel": ("CAM", "#b8875a"),
    "Tobacco": ("TOB", "#7a5230"),
    "Brown": ("BRN", "#5a3b28"),
    "Tortoiseshell": ("TRT", "#6b4226"),
    "Rust": ("RST", "#a4512c"),
    "Mustard": ("MUS", "#c9a13b"),
    "Burgundy": ("BUR", "#6d1f2e"),
    "Olive": ("OLV", "#6b6b3a"),
    "Forest green": ("FOR", "#2f4a3a"),
    "Grey marl": ("GRY", "#9a9a9a"),
    "Charcoal": ("CHA", "#3c3d40"),
    "Black": ("BLK", "#1b1b1b"),
}

# Material: (composition, care).
_WASH_30 = "Machine wash at 30 °C; iron on medium heat"
_HAND_WASH = "Hand wash cold or use a wool cycle; dry flat"
_DRY_CLEAN = "Dry clean only"
_LEATHER = "Wipe clean with a soft cloth; feed with a neutral cream"
_SUEDE = "Brush with a suede brush; protect with a waterproofing spray"
MATERIALS = {
    "poplin": ("100% cotton poplin", _WASH_30),
    "oxford": ("100% cotton oxford", _WASH_30),
    "twill": ("100% cotton twill", _WASH_30),
    "chambray": ("100% cotton chambray", _WASH_30),
    "seersucker": ("100% cotton seersucker", _WASH_30),
    "flannel": ("100% brushed cotton", _WASH_30),
    "needlecord": ("100% cotton needlecord", _WASH_30),
    "linen": ("100% linen", "Machine wash at 30 °C on a gentle cycle; iron while damp"),
    "viscose": ("100% viscose", "Hand wash cold; do not tumble dry"),
    "cotton-silk": ("70% cotton, 30% silk", _DRY_CLEAN),
    "merino": ("100% merino wool", _HAND_WASH),
    "lambswool": ("100% lambswool", _HAND_WASH),
    "cashmere": ("100% cashmere", _HAND_WASH),
    "mohair": ("50% mohair, 30% wool, 20% polyamide", _HAND_WASH),
    "cotton-knit": ("100% organic cotton", "Machine wash at 30 °C; dry flat"),
    "wool-twill": ("100% virgin wool", _DRY_CLEAN),
    "wool-flannel": ("100% wool flannel", _DRY_CLEAN),
    "wool-gabardine": ("100% wool gabardine", _DRY_CLEAN),
    "corduroy": ("100% cotton corduroy", _WASH_30),
    "denim": ("100% cotton selvedge denim", "Wash rarely, inside out, at 30 °C"),
    "canvas": ("100% cotton canvas", "Machine wash at 30 °C; do not tumble dry"),
    "ripstop": ("100% cotton ripstop", _WASH_30),
    "jersey": ("100% cotton fleece jersey", _WASH_30),
    "wool-coat": ("80% wool, 20% polyamide", _DRY_CLEAN),
    "cashmere-coat": ("90% wool, 10% cashmere", _DRY_CLEAN),
    "gabardine": ("100% cotton gabardine, water-repellent finish", _DRY_CLEAN),
    "down": ("Shell: 100% polyamide; filling: 90% down, 10% feathers", _WASH_30),
    "waxed-cotton": ("100% waxed cotton", "Sponge clean with cold water; re-wax once a year"),
    "suede-garment": ("100% goat suede; lining: 100% viscose", "Specialist leather cleaning only"),
    "technical": ("100% recycled polyester, taped seams", "Machine wash at 30 °C; do not iron"),
    "calf": ("Calf leather upper and lining, rubber sole", _LEATHER),
    "calf-leather-sole": ("Calf leather upper, lining and sole", _LEATHER),
    "calf-lug": ("Oiled calf leather upper, leather lining, lugged rubber sole", _LEATHER),
    "suede": ("Suede upper, leather lining, rubber sole", _SUEDE),
    "suede-crepe": ("Suede upper, leather lining, natural crepe sole", _SUEDE),
    "trainer": ("Calf leather upper, leather lining, rubber cupsole", _LEATHER),
    "runner": ("Suede and nylon upper, textile lining, rubber sole", _SUEDE),
    "shoe-canvas": ("Cotton canvas upper, vulcanised rubber sole", "Wipe with a damp cloth"),
    "sandal": ("Calf leather straps and footbed, rubber sole", _LEATHER),
    "small-leather": ("100% calf leather", _LEATHER),
    "belt": ("100% calf leather, solid brass buckle", _LEATHER),
    "silk": ("100% silk", _DRY_CLEAN),
    "wool-silk": ("60% wool, 40% silk", _DRY_CLEAN),
    "cap": ("100% cotton twill, leather strap", "Hand wash cold; reshape while damp"),
    "bag-canvas": ("Waxed cotton canvas, calf leather trims", "Sponge clean; keep out of rain"),
    "socks": ("80% cotton, 18% polyamide, 2% elastane", "Machine wash at 40 °C"),
    "acetate": ("Acetate frame, polarised lenses, leather case", "Clean with the cloth provided"),
}

SHIRTS = """
Oxford button-down shirt | 150 | oxford | Sky blue, White, Navy
    Cotton oxford with a soft roll to the button-down collar, cut straight to be worn tucked in
    or loose over trousers.
Poplin city shirt | 140 | poplin | White, Sky blue
    A crisp poplin shirt with a semi-spread collar and single-button cuffs: the one to reach for
    on a Monday morning.
Camp-collar linen shirt | 175 | linen | Ecru, Olive, Navy
    Washed linen with an open camp collar and a straight hem, made for warm evenings and worn
    untucked.
Striped poplin shirt | 160 | poplin | Blue stripe
    Fine vertical stripes on a light poplin ground, with a rounded collar and a relaxed body.
Brushed flannel overshirt | 210 | flannel | Grey marl, Forest green, Tobacco
    A heavier shirt in brushed cotton with two chest pockets, warm enough to wear as a light
    jacket in autumn.
Chambray work shirt | 165 | chambray | Indigo, Sky blue
    Soft chambray with a pleated back yoke and two buttoned pockets. It fades a little more with
    every wash.
Band-collar linen shirt | 170 | linen | White, Sand
    A linen shirt with a narrow band at the neck and a half placket, easy under a blazer or on
    its own in summer.
Silk-blend evening shirt | 260 | cotton-silk | Black, Cream
    Cotton and silk woven for a soft sheen, with a concealed placket and double cuffs for the
    evenings that call for a tie, or for none.
Needlecord overshirt | 220 | needlecord | Camel, Navy
    Fine corduroy cut boxy, with patch pockets and horn-effect buttons, to layer over a T-shirt
    or a thin knit.
Short-sleeve viscose shirt | 130 | viscose | Black, Olive
    Fluid viscose with a camp collar and short sleeves, cut wide and straight so it hangs away
    from the body.
Heavy twill shirt | 190 | twill | Navy, Stone
    A dense cotton twill with a sharp collar and a curved hem, structured enough to keep its
    line all day.
Seersucker short-sleeve shirt | 135 | seersucker | Blue stripe, White
    Puckered seersucker that stays off the skin on hot days, with a chest pocket and a boxy cut.
"""

KNITWEAR = """
Merino crew-neck jumper | 195 | merino | Navy, Grey marl, Burgundy
    A fine-gauge merino crew neck, light enough to wear under a coat and warm enough to wear
    without one.
Cashmere V-neck jumper | 390 | cashmere | Camel, Charcoal
    Two-ply cashmere knitted loosely for softness, with a clean V neck that sits well over a
    shirt collar.
Cable-knit lambswool sweater | 260 | lambswool | Ecru, Forest green
    A chunky lambswool knit with a central cable panel and deep ribbing, made for the coldest
    months of the year.
Merino knitted polo | 210 | merino | Navy, Camel
    A knitted polo in fine merino with a three-button placket and a soft collar that holds its
    shape.
Striped boat-neck jumper | 180 | cotton-knit | Navy stripe, Ecru
    A striped jumper with a wide boat neck and dropped shoulders, knitted in firm organic cotton.
Mohair cardigan | 320 | mohair | Burgundy, Olive
    A brushed mohair-blend cardigan with oversized buttons and a relaxed fit, light for the
    warmth it gives.
Merino roll-neck | 220 | merino | Black, Ecru, Charcoal
    A slim merino roll-neck with a double-fold collar, the quiet base layer under a blazer or a
    coat.
Cashmere hooded sweater | 450 | cashmere | Grey marl, Navy
    The ease of a sweatshirt in the hand of a fine knit: a hooded cashmere sweater with a front
    pocket.
Shawl-collar cardigan | 340 | lambswool | Charcoal, Camel
    A heavy cardigan with a wide shawl collar and patch pockets, to wear at home or in place of
    a jacket.
Ribbed zip cardigan | 190 | cotton-knit | Stone, Navy
    A ribbed cotton cardigan that zips up to the neck, light enough for a cool summer evening.
Sleeveless merino vest | 165 | merino | Grey marl, Forest green
    A V-neck knit without sleeves to layer over a shirt, adding warmth without bulk at the arms.
"""

TROUSERS = """
Pleated wool trousers | 290 | wool-twill | Charcoal, Navy
    High-waisted trousers in virgin wool twill with a single front pleat and a tapered leg that
    breaks just above the shoe.
Straight-leg chinos | 170 | twill | Sand, Navy, Olive
    Cotton twill chinos with a mid rise and a straight leg, washed for a soft hand from the
    first wear.
Wide-leg corduroy trousers | 230 | corduroy | Brown, Ecru
    Wide-wale corduroy cut full through the leg, with a flat front and deep turn-ups.
Selvedge denim jeans | 210 | denim | Indigo, Black
    Straight jeans in rigid selvedge denim that shape themselves to the wearer over months of
    use.
Drawstring linen trousers | 180 | linen | Ecru, Black, Stone
    Relaxed linen trousers with a drawstring waist, as easy to wear on a terrace as on a long
    train journey.
Canvas carpenter trousers | 195 | canvas | Stone, Olive
    Heavy cotton canvas with a hammer loop and deep side pockets, cut loose through the leg.
Wool flannel trousers | 310 | wool-flannel | Grey marl, Charcoal
    Soft flannel trousers with side adjusters instead of belt loops, sharp enough for the office
    and warm on winter mornings.
Ripstop cargo trousers | 220 | ripstop | Olive, Black
    Cotton ripstop trousers with bellows pockets on the thigh and an adjustable tab at the ankle.
Jersey tapered trousers | 160 | jersey | Grey marl, Navy
    Heavy cotton jersey with an elasticated waist and a tapered leg: they feel like joggers and
    look like trousers.
Double-pleat gabardine trousers | 250 | wool-gabardine | Camel, Black
    Two front pleats, a wide leg and a fluid drape, in a wool gabardine with a dry, fine touch.
Pleated twill shorts | 150 | twill | Sand, Navy
    Knee-length shorts in cotton twill with a single pleat, smart enough for a long summer lunch.
"""

COATS = """
Double-breasted wool coat | 790 | wool-coat | Navy, Camel, Black
    A long double-breasted coat in dense wool, with peak lapels and a half belt at the back.
Cashmere-blend overcoat | 890 | cashmere-coat | Camel, Charcoal
    A single-breasted overcoat in wool and cashmere that falls below the knee, with soft natural
    shoulders.
Cotton trench coat | 650 | gabardine | Stone, Black
    A water-repellent cotton gabardine trench with a storm flap, raglan sleeves and a belted
    waist.
Quilted down jacket | 550 | down | Black, Olive, Navy
    A lightly quilted down jacket that packs into its own inside pocket for travelling.
Wool melton pea coat | 620 | wool-coat | Navy, Charcoal
    A short double-breasted coat in heavy wool melton, with a wide collar to turn up against the
    wind.
Waxed cotton field jacket | 480 | waxed-cotton | Olive, Navy
    A four-pocket field jacket in waxed cotton with a corduroy collar; it creases and marks with
    use, and looks better for it.
Suede bomber jacket | 890 | suede-garment | Tobacco
    A soft suede bomber with a ribbed collar, cuffs and hem, lined in viscose to slip easily over
    a knit.
Wool car coat | 590 | wool-coat | Grey marl, Camel
    A mid-thigh coat with a fly front and a straight cut, easy to drive in and to wear over a
    suit.
Hooded technical parka | 520 | technical | Black, Navy
    A hooded parka in a water-repellent recycled fabric, with taped seams and inner storm cuffs.
Felted wool chore jacket | 460 | wool-coat | Charcoal, Forest green
    A boxy chore jacket in felted wool with three patch pockets, a warm layer for the turn of the
    seasons.
Belted wrap coat | 820 | cashmere-coat | Camel, Black
    A collarless wrap coat closed by a tie belt, in a wool and cashmere cloth with a brushed face.
"""

SHOES = """
Leather Derby shoes | 390 | calf | Black, Brown
    Open-laced Derbies in polished calf leather on a rubber sole, as right with a suit as with
    jeans.
Suede Chelsea boots | 450 | suede | Tobacco, Black
    Ankle boots in soft suede with elastic side panels and a pull tab at the heel.
Penny loafers | 420 | calf-leather-sole | Burgundy, Black
    Hand-stitched moccasin loafers with a strap across the vamp and a leather sole.
Low-top leather trainers | 290 | trainer | White, Black
    Clean low-top trainers in smooth leather on a stitched rubber cupsole, with no logo at all.
Canvas high-top trainers | 180 | shoe-canvas | Ecru, Navy
    High-tops in heavy cotton canvas on a vulcanised sole, broken in within a week.
Suede desert boots | 320 | suede-crepe | Sand, Brown
    Two-eyelet ankle boots in brushed suede on a natural crepe sole, light and supple from the
    first day.
Lace-up leather boots | 520 | calf-lug | Brown, Black
    Six-eyelet boots in oiled leather on a lugged sole, stitched so that the sole can be
    replaced.
Two-strap leather sandals | 240 | sandal | Brown, Black
    Leather sandals with two adjustable buckles and a moulded footbed that shapes to the foot.
Suede and nylon runners | 260 | runner | Stone, Navy
    Retro runners in suede and nylon mesh on a light cushioned sole, for long days on foot.
Double monk-strap shoes | 430 | calf-leather-sole | Brown, Black
    Burnished leather shoes closed by two buckles across the instep, on a leather sole.
Leather mules | 310 | calf-leather-sole | Black, Tobacco
    Backless mules in smooth leather with a square toe, to slip on at the door.
"""

ACCESSORIES = """
Lambswool scarf | 120 | lambswool | Camel, Navy, Burgundy
    A long scarf in woven lambswool with fringed ends, woven rather than knitted so that it lies
    flat under a collar.
Ribbed merino beanie | 70 | merino | Black, Mustard, Navy
    A ribbed merino beanie with a deep turn-up, close to the head without pinching.
Cotton twill cap | 60 | cap | Navy, Sand
    A six-panel cap in washed cotton twill, with an adjustable leather strap at the back.
Leather belt | 110 | belt | Black, Brown
    A 3 cm belt in vegetable-tanned leather with a solid brass buckle and five holes to fit most
    waists.
Canvas tote bag | 90 | canvas | Ecru, Black
    A heavy cotton canvas tote with long handles and an inside pocket, big enough for a laptop.
Leather card holder | 80 | small-leather | Black, Burgundy, Tobacco
    A flat card holder in grained leather with four slots and a central pocket for folded notes.
Silk pocket square | 65 | silk | Navy, Rust
    A hand-rolled square of printed silk, to fold into a breast pocket or knot at the neck.
Cashmere gloves | 140 | cashmere | Charcoal, Camel
    Knitted cashmere gloves with ribbed cuffs, thin enough to slip into a coat pocket.
Waxed canvas holdall | 195 | bag-canvas | Olive, Navy
    A roomy weekend bag in waxed canvas trimmed with leather, with a shoulder strap and a zip
    that opens wide.
Ribbed cotton socks | 40 | socks | Navy, Grey marl, Black
    Ribbed socks in combed cotton with a reinforced heel and toe; one size fits EU 39 to 45.
Wool and silk tie | 95 | wool-silk | Navy, Forest green, Burgundy
    A hand-finished tie in wool and silk, with a matt texture that suits flannel as well as
    poplin.
Round acetate sunglasses | 180 | acetate | Black, Tortoiseshell
    Round acetate frames with polarised lenses and a keyhole bridge, delivered in a leather case.
"""

# Customs category of each catalogue category, for duties (PRC-2).
CUSTOMS = {"shoes": "footwear", "accessories": "accessories"}

# Slug (drawn by images.py), name, code in the SKU, sizes, product table.
CATEGORIES = [
    ("shirts", "Shirts", "SH", CLOTHES_SIZES, SHIRTS),
    ("knitwear", "Knitwear", "KN", CLOTHES_SIZES, KNITWEAR),
    ("trousers", "Trousers", "TR", CLOTHES_SIZES, TROUSERS),
    ("coats", "Coats and jackets", "CO", CLOTHES_SIZES, COATS),
    ("shoes", "Shoes", "FW", SHOE_SIZES, SHOES),
    ("accessories", "Accessories", "AC", ONE_SIZE, ACCESSORIES),
]


@dataclass
class DemoProduct:
    name: str
    price_minor: int
    material: str
    colours: list[str]
    description: str = ""


def parse_table(table: str) -> list[DemoProduct]:
    """Read one category's table: a product line, then its indented description."""
    products: list[DemoProduct] = []
    for line in table.strip("\n").splitlines():
        if line.startswith(" "):
            products[-1].description = f"{products[-1].description} {line.strip()}".strip()
            continue
        name, euros, material, colours = (part.strip() for part in line.split("|"))
        products.append(
            DemoProduct(name, int(euros) * 100, material, [c.strip() for c in colours.split(",")])
        )
    return products


def draw_stock(rng: random.Random) -> int:
    """About one variant in ten sold out, one in ten nearly gone, the rest on the shelf."""
    roll = rng.random()
    if roll < 0.10:
        return 0
    if roll < 0.20:
        return rng.randint(1, 3)
    return rng.randint(4, 25)


def _marker_slug() -> str:
    # Everything is written in one transaction, so the last product present
    # means the whole catalogue is.
    return slugify(parse_table(CATEGORIES[-1][4])[-1].name)


def load_demo() -> dict[str, int]:
    """Load the demo house once; return how many rows of each kind were created."""
    created = dict.fromkeys(
        ["markets", "delivery_methods", "categories", "products", "prices", "variants", "stock"], 0
    )
    if Product.objects.filter(slug=_marker_slug()).exists():
        return created
    with transaction.atomic():
        _load_store(created)
        _load_catalogue(created)
    return created


def _load_store(created: dict[str, int]) -> None:
    load_markets(created)


def _load_catalogue(created: dict[str, int]) -> None:
    rng = random.Random(SEED)
    for category_index, (slug, name, code, sizes, table) in enumerate(CATEGORIES):
        category, new = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": category_index + 1}
        )
        created["categories"] += new
        for number, item in enumerate(parse_table(table), start=1):
            # Interleaved positions let the home page show every category.
            position = (number - 1) * len(CATEGORIES) + category_index + 1
            product, new = Product.objects.get_or_create(
                slug=slugify(item.name),
                defaults={
                    "name": item.name,
                    "category": category,
                    "description": item.description,
                    "composition": MATERIALS[item.material][0],
                    "care": MATERIALS[item.material][1],
                    "customs_category": CUSTOMS.get(slug, "apparel"),
                    "position": position,
                },
            )
            created["products"] += new
            created["prices"] += price_product(product, item.price_minor)
            _load_variants(product, f"{SKU_PREFIX}-{code}-{number:03d}", item, sizes, rng, created)


def _load_variants(
    product: Product,
    sku_stem: str,
    item: DemoProduct,
    sizes: list[str],
    rng: random.Random,
    created: dict[str, int],
) -> None:
    options = [(colour, size) for colour in item.colours for size in sizes]
    levels = [draw_stock(rng) for _ in options]
    if not any(levels):
        levels[0] = rng.randint(4, 25)
    wanted: dict[str, tuple[Variant, int]] = {}
    for position, ((colour, size), on_hand) in enumerate(zip(options, levels, strict=True)):
        colour_code, colour_hex = COLOURS[colour]
        sku = f"{sku_stem}-{colour_code}-{'OS' if size == ONE_SIZE[0] else size}"
        variant = Variant(
            product=product,
            sku=sku,
            colour=colour,
            colour_hex=colour_hex,
            size=size,
            position=position,
        )
        wanted[sku] = (variant, on_hand)
    # A few queries per product rather than a few per variant: the demo has
    # hundreds of them, and rows already there are left as they are.
    present = set(Variant.objects.filter(sku__in=wanted).values_list("sku", flat=True))
    missing = [variant for sku, (variant, _) in wanted.items() if sku not in present]
    Variant.objects.bulk_create(missing)
    created["variants"] += len(missing)
    ids = dict(Variant.objects.filter(sku__in=wanted).values_list("sku", "pk"))
    stocked = set(
        Stock.objects.filter(variant_id__in=ids.values()).values_list("variant_id", flat=True)
    )
    stock = [
        Stock(variant_id=ids[sku], on_hand=on_hand)
        for sku, (_, on_hand) in wanted.items()
        if ids[sku] not in stocked
    ]
    Stock.objects.bulk_create(stock)
    created["stock"] += len(stock)
