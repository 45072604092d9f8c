"""The demo catalogue of Maison Orvane, a fictional Paris house.

`make demo` loads it into a fresh database so the store can be browsed and
bought from at once. The house, its products and all its wording are invented.

Products are written as small text tables, one per category: a line
`name | price in euros, VAT included | material | colours`, then an indented
description, then `fr:` with the French name and the French description.
Stock levels are drawn from a seeded generator, so every load of the demo shows
the same sold-out and low-stock variants (PRD-1, ORD-1).
"""

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from maison.inventory.models import Stock
from maison.markets.demo import load_markets, price_product

from .demo_pictures import photographs
from .models import Category, Product, Variant
from .services import NewPicture, add_pictures

SEED = 2026
SKU_PREFIX = "OR"

CLOTHES_SIZES = ["XS", "S", "M", "L", "XL"]
SHOE_SIZES = ["39", "40", "41", "42", "43", "44", "45"]
ONE_SIZE = ["One size"]
# Size labels that are words, in French; the others read the same in both languages.
SIZES_FR = {"One size": "Taille unique"}

# Colour name: (code in the SKU, swatch, French name).
COLOURS = {
    "Navy": ("NAV", "#1f2a44", "Marine"),
    "White": ("WHT", "#f7f5f0", "Blanc"),
    "Sky blue": ("SKY", "#a9c4df", "Bleu ciel"),
    "Blue stripe": ("BST", "#7f9cc6", "Rayé bleu"),
    "Navy stripe": ("NST", "#3a4766", "Rayé marine"),
    "Indigo": ("IND", "#2c3561", "Indigo"),
    "Ecru": ("ECR", "#e8e0cc", "Écru"),
    "Cream": ("CRM", "#efe6d2", "Crème"),
    "Sand": ("SND", "#cdb992", "Sable"),
    "Stone": ("STN", "#b7b0a2", "Pierre"),
    "Camel": ("CAM", "#b8875a", "Camel"),
    "Tobacco": ("TOB", "#7a5230", "Tabac"),
    "Brown": ("BRN", "#5a3b28", "Marron"),
    "Coffee": ("COF", "#4b3621", "Café"),
    "Tortoiseshell": ("TRT", "#6b4226", "Écaille"),
    "Rust": ("RST", "#a4512c", "Rouille"),
    "Mustard": ("MUS", "#c9a13b", "Moutarde"),
    "Burgundy": ("BUR", "#6d1f2e", "Bordeaux"),
    "Olive": ("OLV", "#6b6b3a", "Olive"),
    "Forest green": ("FOR", "#2f4a3a", "Vert forêt"),
    "Grey marl": ("GRY", "#9a9a9a", "Gris chiné"),
    "Charcoal": ("CHA", "#3c3d40", "Anthracite"),
    "Black": ("BLK", "#1b1b1b", "Noir"),
}

# Care instructions: English, French.
_WASH_30 = (
    "Machine wash at 30 °C; iron on medium heat",
    "Lavage en machine à 30 °C ; repassage à température moyenne",
)
_HAND_WASH = (
    "Hand wash cold or use a wool cycle; dry flat",
    "Lavage à la main à froid ou programme laine ; séchage à plat",
)
_DRY_CLEAN = ("Dry clean only", "Nettoyage à sec uniquement")
_LEATHER = (
    "Wipe clean with a soft cloth; feed with a neutral cream",
    "Essuyer avec un chiffon doux ; nourrir avec une crème neutre",
)
_SUEDE = (
    "Brush with a suede brush; protect with a waterproofing spray",
    "Brosser avec une brosse à daim ; protéger avec un spray imperméabilisant",
)
# Material: (composition, care), each as (English, French).
MATERIALS = {
    "poplin": (("100% cotton poplin", "100 % popeline de coton"), _WASH_30),
    "oxford": (("100% cotton oxford", "100 % oxford de coton"), _WASH_30),
    "twill": (("100% cotton twill", "100 % sergé de coton"), _WASH_30),
    "chambray": (("100% cotton chambray", "100 % chambray de coton"), _WASH_30),
    "seersucker": (("100% cotton seersucker", "100 % seersucker de coton"), _WASH_30),
    "flannel": (("100% brushed cotton", "100 % coton gratté"), _WASH_30),
    "needlecord": (("100% cotton needlecord", "100 % velours milleraies de coton"), _WASH_30),
    "linen": (
        ("100% linen", "100 % lin"),
        (
            "Machine wash at 30 °C on a gentle cycle; iron while damp",
            "Lavage en machine à 30 °C, programme délicat ; repasser encore humide",
        ),
    ),
    "viscose": (
        ("100% viscose", "100 % viscose"),
        ("Hand wash cold; do not tumble dry", "Lavage à la main à froid ; pas de sèche-linge"),
    ),
    "cotton-silk": (("70% cotton, 30% silk", "70 % coton, 30 % soie"), _DRY_CLEAN),
    "merino": (("100% merino wool", "100 % laine mérinos"), _HAND_WASH),
    "lambswool": (("100% lambswool", "100 % laine d'agneau"), _HAND_WASH),
    "cashmere": (("100% cashmere", "100 % cachemire"), _HAND_WASH),
    "mohair": (
        ("50% mohair, 30% wool, 20% polyamide", "50 % mohair, 30 % laine, 20 % polyamide"),
        _HAND_WASH,
    ),
    "cotton-knit": (
        ("100% organic cotton", "100 % coton biologique"),
        ("Machine wash at 30 °C; dry flat", "Lavage en machine à 30 °C ; séchage à plat"),
    ),
    "wool-twill": (("100% virgin wool", "100 % laine vierge"), _DRY_CLEAN),
    "wool-flannel": (("100% wool flannel", "100 % flanelle de laine"), _DRY_CLEAN),
    "wool-gabardine": (("100% wool gabardine", "100 % gabardine de laine"), _DRY_CLEAN),
    "corduroy": (("100% cotton corduroy", "100 % velours côtelé de coton"), _WASH_30),
    "denim": (
        ("100% cotton selvedge denim", "100 % denim selvedge de coton"),
        (
            "Wash rarely, inside out, at 30 °C",
            "Laver rarement, sur l'envers, à 30 °C",
        ),
    ),
    "canvas": (
        ("100% cotton canvas", "100 % toile de coton"),
        (
            "Machine wash at 30 °C; do not tumble dry",
            "Lavage en machine à 30 °C ; pas de sèche-linge",
        ),
    ),
    "ripstop": (("100% cotton ripstop", "100 % ripstop de coton"), _WASH_30),
    "jersey": (("100% cotton fleece jersey", "100 % molleton de coton"), _WASH_30),
    "wool-coat": (("80% wool, 20% polyamide", "80 % laine, 20 % polyamide"), _DRY_CLEAN),
    "cashmere-coat": (("90% wool, 10% cashmere", "90 % laine, 10 % cachemire"), _DRY_CLEAN),
    "gabardine": (
        (
            "100% cotton gabardine, water-repellent finish",
            "100 % gabardine de coton, apprêt déperlant",
        ),
        _DRY_CLEAN,
    ),
    "down": (
        (
            "Shell: 100% polyamide; filling: 90% down, 10% feathers",
            "Extérieur : 100 % polyamide ; garnissage : 90 % duvet, 10 % plumes",
        ),
        _WASH_30,
    ),
    "waxed-cotton": (
        ("100% waxed cotton", "100 % coton ciré"),
        (
            "Sponge clean with cold water; re-wax once a year",
            "Nettoyer à l'éponge et à l'eau froide ; recirer une fois par an",
        ),
    ),
    "suede-garment": (
        (
            "100% goat suede; lining: 100% viscose",
            "100 % daim de chèvre ; doublure : 100 % viscose",
        ),
        ("Specialist leather cleaning only", "Nettoyage par un spécialiste du cuir uniquement"),
    ),
    "technical": (
        (
            "100% recycled polyester, taped seams",
            "100 % polyester recyclé, coutures thermocollées",
        ),
        (
            "Machine wash at 30 °C; do not iron",
            "Lavage en machine à 30 °C ; ne pas repasser",
        ),
    ),
    "calf": (
        (
            "Calf leather upper and lining, rubber sole",
            "Tige et doublure en cuir de veau, semelle en caoutchouc",
        ),
        _LEATHER,
    ),
    "calf-leather-sole": (
        (
            "Calf leather upper, lining and sole",
            "Tige, doublure et semelle en cuir de veau",
        ),
        _LEATHER,
    ),
    "calf-lug": (
        (
            "Oiled calf leather upper, leather lining, lugged rubber sole",
            "Tige en cuir de veau huilé, doublure en cuir, semelle crantée en caoutchouc",
        ),
        _LEATHER,
    ),
    "suede": (
        (
            "Suede upper, leather lining, rubber sole",
            "Tige en daim, doublure en cuir, semelle en caoutchouc",
        ),
        _SUEDE,
    ),
    "suede-crepe": (
        (
            "Suede upper, leather lining, natural crepe sole",
            "Tige en daim, doublure en cuir, semelle en crêpe naturel",
        ),
        _SUEDE,
    ),
    "trainer": (
        (
            "Calf leather upper, leather lining, rubber cupsole",
            "Tige en cuir de veau, doublure en cuir, semelle coque en caoutchouc",
        ),
        _LEATHER,
    ),
    "runner": (
        (
            "Suede and nylon upper, textile lining, rubber sole",
            "Tige en daim et nylon, doublure textile, semelle en caoutchouc",
        ),
        _SUEDE,
    ),
    "shoe-canvas": (
        (
            "Cotton canvas upper, vulcanised rubber sole",
            "Tige en toile de coton, semelle en caoutchouc vulcanisé",
        ),
        ("Wipe with a damp cloth", "Essuyer avec un chiffon humide"),
    ),
    "sandal": (
        (
            "Calf leather straps and footbed, rubber sole",
            "Brides et première en cuir de veau, semelle en caoutchouc",
        ),
        _LEATHER,
    ),
    "small-leather": (("100% calf leather", "100 % cuir de veau"), _LEATHER),
    "belt": (
        (
            "100% calf leather, solid brass buckle",
            "100 % cuir de veau, boucle en laiton massif",
        ),
        _LEATHER,
    ),
    "silk": (("100% silk", "100 % soie"), _DRY_CLEAN),
    "wool-silk": (("60% wool, 40% silk", "60 % laine, 40 % soie"), _DRY_CLEAN),
    "cap": (
        (
            "100% cotton twill, leather strap",
            "100 % sergé de coton, patte de serrage en cuir",
        ),
        (
            "Hand wash cold; reshape while damp",
            "Lavage à la main à froid ; remettre en forme encore humide",
        ),
    ),
    "bag-canvas": (
        (
            "Waxed cotton canvas, calf leather trims",
            "Toile de coton cirée, finitions en cuir de veau",
        ),
        (
            "Sponge clean; keep out of rain",
            "Nettoyer à l'éponge ; tenir à l'abri de la pluie",
        ),
    ),
    "socks": (
        (
            "80% cotton, 18% polyamide, 2% elastane",
            "80 % coton, 18 % polyamide, 2 % élasthanne",
        ),
        ("Machine wash at 40 °C", "Lavage en machine à 40 °C"),
    ),
    "acetate": (
        (
            "Acetate frame, polarised lenses, leather case",
            "Monture en acétate, verres polarisants, étui en cuir",
        ),
        ("Clean with the cloth provided", "Nettoyer avec la chamoisine fournie"),
    ),
}

SHIRTS = """
Oxford button-down shirt | 150 | oxford | Sky blue, White, Navy
    Cotton oxford with a soft roll to the button-down collar, cut straight to be worn tucked in
    or loose over trousers.
  fr: Chemise oxford à col boutonné
    Un oxford de coton au col boutonné qui roule avec souplesse, coupé droit pour se porter
    rentré ou par-dessus le pantalon.
Poplin city shirt | 140 | poplin | White, Sky blue
    A crisp poplin shirt with a semi-spread collar and single-button cuffs: the one to reach for
    on a Monday morning.
  fr: Chemise de ville en popeline
    Une popeline nette, un col semi-italien et des poignets à un bouton : la chemise que l'on
    prend sans hésiter le lundi matin.
Camp-collar linen shirt | 175 | linen | Ecru, Olive, Navy
    Washed linen with an open camp collar and a straight hem, made for warm evenings and worn
    untucked.
  fr: Chemise en lin à col cubain
    Un lin lavé, un col cubain ouvert et un bas droit, pensée pour les soirs d'été et portée
    hors du pantalon.
Striped poplin shirt | 160 | poplin | Blue stripe
    Fine vertical stripes on a light poplin ground, with a rounded collar and a relaxed body.
  fr: Chemise rayée en popeline
    De fines rayures verticales sur une popeline légère, avec un col arrondi et une coupe
    décontractée.
Brushed flannel overshirt | 210 | flannel | Grey marl, Forest green, Tobacco
    A heavier shirt in brushed cotton with two chest pockets, warm enough to wear as a light
    jacket in autumn.
  fr: Surchemise en flanelle grattée
    Une chemise plus épaisse en coton gratté, à deux poches poitrine, assez chaude pour se
    porter comme une veste légère à l'automne.
Chambray work shirt | 165 | chambray | Indigo, Sky blue
    Soft chambray with a pleated back yoke and two buttoned pockets. It fades a little more with
    every wash.
  fr: Chemise de travail en chambray
    Un chambray souple, un empiècement plissé au dos et deux poches boutonnées. Elle pâlit un
    peu plus à chaque lavage.
Band-collar linen shirt | 170 | linen | White, Sand
    A linen shirt with a narrow band at the neck and a half placket, easy under a blazer or on
    its own in summer.
  fr: Chemise en lin à col officier
    Une chemise en lin au col officier étroit et à demi-patte de boutonnage, facile sous un
    blazer ou seule en été.
Silk-blend evening shirt | 260 | cotton-silk | Black, Cream
    Cotton and silk woven for a soft sheen, with a concealed placket and double cuffs for the
    evenings that call for a tie, or for none.
  fr: Chemise du soir en coton et soie
    Coton et soie tissés pour un léger reflet, patte cachée et poignets mousquetaires, pour
    les soirs qui appellent une cravate, ou aucune.
Needlecord overshirt | 220 | needlecord | Camel, Navy
    Fine corduroy cut boxy, with patch pockets and horn-effect buttons, to layer over a T-shirt
    or a thin knit.
  fr: Surchemise en velours milleraies
    Un velours fin à la coupe carrée, poches plaquées et boutons effet corne, à superposer
    sur un tee-shirt ou une maille fine.
Short-sleeve viscose shirt | 130 | viscose | Black, Olive
    Fluid viscose with a camp collar and short sleeves, cut wide and straight so it hangs away
    from the body.
  fr: Chemise manches courtes en viscose
    Une viscose fluide, un col cubain et des manches courtes, coupée ample et droite pour
    tomber loin du corps.
Heavy twill shirt | 190 | twill | Navy, Stone
    A dense cotton twill with a sharp collar and a curved hem, structured enough to keep its
    line all day.
  fr: Chemise en sergé épais
    Un sergé de coton dense, un col net et un bas arrondi, assez structurée pour garder sa
    tenue toute la journée.
Seersucker short-sleeve shirt | 135 | seersucker | Blue stripe, White
    Puckered seersucker that stays off the skin on hot days, with a chest pocket and a boxy cut.
  fr: Chemise manches courtes en seersucker
    Un seersucker gaufré qui ne colle pas à la peau les jours de chaleur, avec une poche
    poitrine et une coupe carrée.
"""

KNITWEAR = """
Merino crew-neck jumper | 195 | merino | Navy, Grey marl, Burgundy
    A fine-gauge merino crew neck, light enough to wear under a coat and warm enough to wear
    without one.
  fr: Pull col rond en mérinos
    Un col rond en mérinos à jauge fine, assez léger pour un manteau par-dessus et assez
    chaud pour s'en passer.
Cashmere V-neck jumper | 390 | cashmere | Camel, Charcoal
    Two-ply cashmere knitted loosely for softness, with a clean V neck that sits well over a
    shirt collar.
  fr: Pull col V en cachemire
    Un cachemire deux fils tricoté lâche pour la douceur, au col V net qui se pose bien sur un
    col de chemise.
Cable-knit lambswool sweater | 260 | lambswool | Ecru, Forest green
    A chunky lambswool knit with a central cable panel and deep ribbing, made for the coldest
    months of the year.
  fr: Pull torsadé en laine d'agneau
    Une grosse maille de laine d'agneau à torsade centrale et côtes profondes, faite pour les
    mois les plus froids de l'année.
Merino knitted polo | 210 | merino | Navy, Camel
    A knitted polo in fine merino with a three-button placket and a soft collar that holds its
    shape.
  fr: Polo en maille de mérinos
    Un polo en maille de mérinos fin, patte à trois boutons et col souple qui garde sa
    forme.
Striped boat-neck jumper | 180 | cotton-knit | Navy stripe, Ecru
    A striped jumper with a wide boat neck and dropped shoulders, knitted in firm organic cotton.
  fr: Pull marinière col bateau
    Une marinière au large col bateau et aux épaules tombantes, tricotée dans un coton
    biologique ferme.
Mohair cardigan | 320 | mohair | Burgundy, Olive
    A brushed mohair-blend cardigan with oversized buttons and a relaxed fit, light for the
    warmth it gives.
  fr: Cardigan en mohair
    Un cardigan en mohair mélangé brossé, aux gros boutons et à la coupe décontractée, léger
    pour la chaleur qu'il donne.
Merino roll-neck | 220 | merino | Black, Ecru, Charcoal
    A slim merino roll-neck with a double-fold collar, the quiet base layer under a blazer or a
    coat.
  fr: Col roulé en mérinos
    Un col roulé ajusté en mérinos, replié deux fois, la base discrète sous un blazer ou un
    manteau.
Cashmere hooded sweater | 450 | cashmere | Grey marl, Navy
    The ease of a sweatshirt in the hand of a fine knit: a hooded cashmere sweater with a front
    pocket.
  fr: Sweat à capuche en cachemire
    L'aisance d'un sweat avec la main d'une maille fine : un pull à capuche en cachemire avec
    une poche devant.
Shawl-collar cardigan | 340 | lambswool | Charcoal, Camel
    A heavy cardigan with a wide shawl collar and patch pockets, to wear at home or in place of
    a jacket.
  fr: Cardigan à col châle
    Un cardigan épais au large col châle et aux poches plaquées, à porter chez soi ou à la
    place d'une veste.
Ribbed zip cardigan | 190 | cotton-knit | Stone, Navy
    A ribbed cotton cardigan that zips up to the neck, light enough for a cool summer evening.
  fr: Cardigan zippé côtelé
    Un cardigan en coton côtelé qui se zippe jusqu'au cou, assez léger pour une soirée d'été
    fraîche.
Sleeveless merino vest | 165 | merino | Grey marl, Forest green
    A V-neck knit without sleeves to layer over a shirt, adding warmth without bulk at the arms.
  fr: Pull sans manches en mérinos
    Une maille col V sans manches à porter sur une chemise, pour la chaleur sans épaisseur
    aux bras.
"""

TROUSERS = """
Pleated wool trousers | 290 | wool-twill | Charcoal, Navy
    High-waisted trousers in virgin wool twill with a single front pleat and a tapered leg that
    breaks just above the shoe.
  fr: Pantalon à pince en laine
    Un pantalon taille haute en sergé de laine vierge, à une pince devant et à la jambe
    fuselée qui casse juste au-dessus de la chaussure.
Straight-leg chinos | 170 | twill | Sand, Navy, Olive
    Cotton twill chinos with a mid rise and a straight leg, washed for a soft hand from the
    first wear.
  fr: Chino droit
    Un chino en sergé de coton, taille mi-haute et jambe droite, lavé pour être doux dès le
    premier jour.
Wide-leg corduroy trousers | 230 | corduroy | Brown, Ecru
    Wide-wale corduroy cut full through the leg, with a flat front and deep turn-ups.
  fr: Pantalon large en velours côtelé
    Un velours à grosses côtes coupé ample sur toute la jambe, devant plat et revers
    profonds.
Selvedge denim jeans | 210 | denim | Indigo, Black
    Straight jeans in rigid selvedge denim that shape themselves to the wearer over months of
    use.
  fr: Jean en denim selvedge
    Un jean droit en denim selvedge brut qui prend la forme de celui qui le porte au fil des
    mois.
Drawstring linen trousers | 180 | linen | Ecru, Black, Stone
    Relaxed linen trousers with a drawstring waist, as easy to wear on a terrace as on a long
    train journey.
  fr: Pantalon en lin à cordon
    Un pantalon en lin décontracté à taille coulissée, aussi facile à porter en terrasse que
    pour un long voyage en train.
Canvas carpenter trousers | 195 | canvas | Stone, Olive
    Heavy cotton canvas with a hammer loop and deep side pockets, cut loose through the leg.
  fr: Pantalon charpentier en toile
    Une toile de coton épaisse avec passant porte-marteau et poches profondes, coupée ample
    sur la jambe.
Wool flannel trousers | 310 | wool-flannel | Grey marl, Charcoal
    Soft flannel trousers with side adjusters instead of belt loops, sharp enough for the office
    and warm on winter mornings.
  fr: Pantalon en flanelle de laine
    Un pantalon en flanelle douce à pattes de serrage latérales au lieu de passants, assez
    net pour le bureau et chaud les matins d'hiver.
Ripstop cargo trousers | 220 | ripstop | Olive, Black
    Cotton ripstop trousers with bellows pockets on the thigh and an adjustable tab at the ankle.
  fr: Pantalon cargo en ripstop
    Un pantalon en ripstop de coton avec poches soufflet sur la cuisse et patte réglable à la
    cheville.
Jersey tapered trousers | 160 | jersey | Grey marl, Navy
    Heavy cotton jersey with an elasticated waist and a tapered leg: they feel like joggers and
    look like trousers.
  fr: Pantalon fuselé en molleton
    Un molleton de coton épais, taille élastiquée et jambe fuselée : le confort d'un jogging,
    l'allure d'un pantalon.
Double-pleat gabardine trousers | 250 | wool-gabardine | Camel, Black
    Two front pleats, a wide leg and a fluid drape, in a wool gabardine with a dry, fine touch.
  fr: Pantalon à double pince en gabardine
    Deux pinces devant, une jambe large et un tombé fluide, dans une gabardine de laine au
    toucher sec et fin.
Pleated twill shorts | 150 | twill | Sand, Navy
    Knee-length shorts in cotton twill with a single pleat, smart enough for a long summer lunch.
  fr: Short à pince en sergé
    Un short au genou en sergé de coton à une pince, assez habillé pour un long déjeuner
    d'été.
"""

COATS = """
Double-breasted wool coat | 790 | wool-coat | Navy, Camel, Black
    A long double-breasted coat in dense wool, with peak lapels and a half belt at the back.
  fr: Manteau croisé en laine
    Un long manteau croisé en laine dense, aux revers en pointe et à la martingale au dos.
Cashmere-blend overcoat | 890 | cashmere-coat | Camel, Charcoal
    A single-breasted overcoat in wool and cashmere that falls below the knee, with soft natural
    shoulders.
  fr: Pardessus en laine et cachemire
    Un pardessus droit en laine et cachemire qui tombe sous le genou, aux épaules naturelles
    et souples.
Cotton trench coat | 650 | gabardine | Stone, Black
    A water-repellent cotton gabardine trench with a storm flap, raglan sleeves and a belted
    waist.
  fr: Trench en coton
    Un trench en gabardine de coton déperlante, avec rabat tempête, manches raglan et taille
    ceinturée.
Quilted down jacket | 550 | down | Black, Olive, Navy
    A lightly quilted down jacket that packs into its own inside pocket for travelling.
  fr: Doudoune matelassée
    Une doudoune légèrement matelassée qui se range dans sa propre poche intérieure pour
    voyager.
Wool melton pea coat | 620 | wool-coat | Navy, Charcoal
    A short double-breasted coat in heavy wool melton, with a wide collar to turn up against the
    wind.
  fr: Caban en drap de laine
    Un manteau court et croisé en drap de laine épais, au large col à relever contre le vent.
Waxed cotton field jacket | 480 | waxed-cotton | Olive, Navy
    A four-pocket field jacket in waxed cotton with a corduroy collar; it creases and marks with
    use, and looks better for it.
  fr: Veste de terrain en coton ciré
    Une veste à quatre poches en coton ciré au col de velours côtelé ; elle se froisse et se
    marque à l'usage, et n'en est que plus belle.
Suede bomber jacket | 890 | suede-garment | Tobacco
    A soft suede bomber with a ribbed collar, cuffs and hem, lined in viscose to slip easily over
    a knit.
  fr: Blouson aviateur en daim
    Un blouson en daim souple, col, poignets et bas côtelés, doublé de viscose pour glisser
    facilement sur une maille.
Wool car coat | 590 | wool-coat | Grey marl, Camel
    A mid-thigh coat with a fly front and a straight cut, easy to drive in and to wear over a
    suit.
  fr: Manteau court en laine
    Un manteau mi-cuisse à boutonnage caché et coupe droite, facile à porter au volant comme
    sur un costume.
Hooded technical parka | 520 | technical | Black, Navy
    A hooded parka in a water-repellent recycled fabric, with taped seams and inner storm cuffs.
  fr: Parka technique à capuche
    Une parka à capuche dans un tissu recyclé déperlant, aux coutures étanchées et aux
    poignets intérieurs coupe-vent.
Felted wool chore jacket | 460 | wool-coat | Charcoal, Forest green
    A boxy chore jacket in felted wool with three patch pockets, a warm layer for the turn of the
    seasons.
  fr: Veste de travail en laine feutrée
    Une veste de travail carrée en laine feutrée à trois poches plaquées, une couche chaude
    pour les changements de saison.
Belted wrap coat | 820 | cashmere-coat | Camel, Black
    A collarless wrap coat closed by a tie belt, in a wool and cashmere cloth with a brushed face.
  fr: Manteau portefeuille ceinturé
    Un manteau portefeuille sans col fermé par une ceinture à nouer, dans un drap de laine et
    cachemire à l'endroit brossé.
"""

SHOES = """
Leather Derby shoes | 390 | calf | Black, Brown
    Open-laced Derbies in polished calf leather on a rubber sole, as right with a suit as with
    jeans.
  fr: Derbies en cuir
    Des derbies à laçage ouvert en cuir de veau poli sur semelle en caoutchouc, aussi justes
    avec un costume qu'avec un jean.
Suede Chelsea boots | 450 | suede | Tobacco, Black
    Ankle boots in soft suede with elastic side panels and a pull tab at the heel.
  fr: Bottines Chelsea en daim
    Des bottines en daim souple, à élastiques latéraux et tirette au talon.
Penny loafers | 420 | calf-leather-sole | Burgundy, Black
    Hand-stitched moccasin loafers with a strap across the vamp and a leather sole.
  fr: Mocassins à patte
    Des mocassins cousus main, une patte en travers du plateau et une semelle en cuir.
Low-top leather trainers | 290 | trainer | White, Black
    Clean low-top trainers in smooth leather on a stitched rubber cupsole, with no logo at all.
  fr: Baskets basses en cuir
    Des baskets basses épurées en cuir lisse sur une semelle coque cousue, sans aucun logo.
Canvas high-top trainers | 180 | shoe-canvas | Ecru, Navy
    High-tops in heavy cotton canvas on a vulcanised sole, broken in within a week.
  fr: Baskets montantes en toile
    Des baskets montantes en toile de coton épaisse sur semelle vulcanisée, faites au pied
    en une semaine.
Suede desert boots | 320 | suede-crepe | Sand, Brown
    Two-eyelet ankle boots in brushed suede on a natural crepe sole, light and supple from the
    first day.
  fr: Desert boots en daim
    Des bottines à deux œillets en daim brossé sur semelle en crêpe naturel, légères et
    souples dès le premier jour.
Lace-up leather boots | 520 | calf-lug | Brown, Black
    Six-eyelet boots in oiled leather on a lugged sole, stitched so that the sole can be
    replaced.
  fr: Boots à lacets en cuir
    Des boots à six œillets en cuir huilé sur semelle crantée, cousues pour que la semelle
    puisse être remplacée.
Two-strap leather sandals | 240 | sandal | Brown, Black
    Leather sandals with two adjustable buckles and a moulded footbed that shapes to the foot.
  fr: Sandales à deux brides en cuir
    Des sandales en cuir à deux boucles réglables et à la semelle moulée qui épouse le pied.
Suede and nylon runners | 260 | runner | Stone, Navy
    Retro runners in suede and nylon mesh on a light cushioned sole, for long days on foot.
  fr: Baskets de course en daim et nylon
    Des baskets rétro en daim et maille de nylon sur une semelle légère et amortie, pour les
    longues journées à pied.
Double monk-strap shoes | 430 | calf-leather-sole | Brown, Black
    Burnished leather shoes closed by two buckles across the instep, on a leather sole.
  fr: Chaussures à double boucle
    Des chaussures en cuir patiné fermées par deux boucles sur le cou-de-pied, sur semelle en
    cuir.
Leather mules | 310 | calf-leather-sole | Black, Tobacco
    Backless mules in smooth leather with a square toe, to slip on at the door.
  fr: Mules en cuir
    Des mules en cuir lisse au bout carré, à enfiler sur le pas de la porte.
"""

ACCESSORIES = """
Lambswool scarf | 120 | lambswool | Camel, Navy, Burgundy
    A long scarf in woven lambswool with fringed ends, woven rather than knitted so that it lies
    flat under a collar.
  fr: Écharpe en laine d'agneau
    Une longue écharpe en laine d'agneau tissée aux extrémités frangées, tissée plutôt que
    tricotée pour rester plate sous un col.
Ribbed merino beanie | 70 | merino | Black, Mustard, Navy
    A ribbed merino beanie with a deep turn-up, close to the head without pinching.
  fr: Bonnet côtelé en mérinos
    Un bonnet côtelé en mérinos à large revers, près de la tête sans serrer.
Cotton twill cap | 60 | cap | Navy, Sand
    A six-panel cap in washed cotton twill, with an adjustable leather strap at the back.
  fr: Casquette en sergé de coton
    Une casquette six panneaux en sergé de coton lavé, avec une patte de serrage en cuir au
    dos.
Leather belt | 110 | belt | Black, Brown
    A 3 cm belt in vegetable-tanned leather with a solid brass buckle and five holes to fit most
    waists.
  fr: Ceinture en cuir
    Une ceinture de 3 cm en cuir tanné végétal, boucle en laiton massif et cinq trous pour
    aller à la plupart des tailles.
Canvas tote bag | 90 | canvas | Ecru, Black
    A heavy cotton canvas tote with long handles and an inside pocket, big enough for a laptop.
  fr: Cabas en toile
    Un cabas en toile de coton épaisse à longues anses et poche intérieure, assez grand pour
    un ordinateur portable.
Leather card holder | 80 | small-leather | Black, Burgundy, Tobacco
    A flat card holder in grained leather with four slots and a central pocket for folded notes.
  fr: Porte-cartes en cuir
    Un porte-cartes plat en cuir grainé à quatre fentes, avec une poche centrale pour les
    billets pliés.
Silk pocket square | 65 | silk | Navy, Rust
    A hand-rolled square of printed silk, to fold into a breast pocket or knot at the neck.
  fr: Pochette en soie
    Un carré de soie imprimée roulotté main, à plier dans une poche de poitrine ou à nouer au
    cou.
Cashmere gloves | 140 | cashmere | Charcoal, Camel
    Knitted cashmere gloves with ribbed cuffs, thin enough to slip into a coat pocket.
  fr: Gants en cachemire
    Des gants en maille de cachemire aux poignets côtelés, assez fins pour glisser dans une
    poche de manteau.
Waxed canvas holdall | 195 | bag-canvas | Olive, Navy
    A roomy weekend bag in waxed canvas trimmed with leather, with a shoulder strap and a zip
    that opens wide.
  fr: Sac de voyage en toile cirée
    Un grand sac de week-end en toile cirée bordée de cuir, avec une bandoulière et une
    fermeture à glissière qui s'ouvre en grand.
Ribbed cotton socks | 40 | socks | Navy, Grey marl, Black
    Ribbed socks in combed cotton with a reinforced heel and toe; one size fits EU 39 to 45.
  fr: Chaussettes côtelées en coton
    Des chaussettes côtelées en coton peigné, talon et pointe renforcés ; taille unique du 39
    au 45.
Wool and silk tie | 95 | wool-silk | Navy, Forest green, Burgundy
    A hand-finished tie in wool and silk, with a matt texture that suits flannel as well as
    poplin.
  fr: Cravate en laine et soie
    Une cravate finie main en laine et soie, à la texture mate qui va aussi bien avec la
    flanelle qu'avec la popeline.
Round acetate sunglasses | 180 | acetate | Black, Tortoiseshell, Coffee
    Round acetate frames with polarised lenses and a keyhole bridge, delivered in a leather case;
    in black, tortoiseshell or a deep coffee brown.
  fr: Lunettes de soleil rondes en acétate
    Une monture ronde en acétate aux verres polarisants et au pont en trou de serrure, livrée
    dans un étui en cuir ; en noir, écaille ou café profond.
"""

# Customs category of each catalogue category, for duties (PRC-2).
CUSTOMS = {"shoes": "footwear", "accessories": "accessories"}

# Slug (drawn by demo_pictures.py, and by images.py until renditions exist), name,
# code in the SKU, sizes, product table.
CATEGORIES = [
    ("shirts", "Shirts", "SH", CLOTHES_SIZES, SHIRTS),
    ("knitwear", "Knitwear", "KN", CLOTHES_SIZES, KNITWEAR),
    ("trousers", "Trousers", "TR", CLOTHES_SIZES, TROUSERS),
    ("coats", "Coats and jackets", "CO", CLOTHES_SIZES, COATS),
    ("shoes", "Shoes", "FW", SHOE_SIZES, SHOES),
    ("accessories", "Accessories", "AC", ONE_SIZE, ACCESSORIES),
]
CATEGORY_NAMES_FR = {
    "shirts": "Chemises",
    "knitwear": "Mailles",
    "trousers": "Pantalons",
    "coats": "Manteaux et vestes",
    "shoes": "Chaussures",
    "accessories": "Accessoires",
}


@dataclass
class DemoProduct:
    name: str
    price_minor: int
    material: str
    colours: list[str]
    description: str = ""
    name_fr: str = ""
    description_fr: str = ""


def parse_table(table: str) -> list[DemoProduct]:
    """Read one category's table: a product line, its indented description, then
    `fr:` with the French name and the French description indented below it."""
    products: list[DemoProduct] = []
    for line in table.strip("\n").splitlines():
        if line.startswith("  fr: "):
            products[-1].name_fr = line.removeprefix("  fr: ").strip()
            continue
        if line.startswith(" "):
            item = products[-1]
            if item.name_fr:
                item.description_fr = f"{item.description_fr} {line.strip()}".strip()
            else:
                item.description = f"{item.description} {line.strip()}".strip()
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
        [
            "markets",
            "delivery_methods",
            "categories",
            "products",
            "prices",
            "variants",
            "stock",
            "pictures",
        ],
        0,
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
            slug=slug,
            defaults={
                "name": name,
                "name_en": name,
                "name_fr": CATEGORY_NAMES_FR[slug],
                "position": category_index + 1,
            },
        )
        created["categories"] += new
        for number, item in enumerate(parse_table(table), start=1):
            # Interleaved positions let the home page show every category.
            position = (number - 1) * len(CATEGORIES) + category_index + 1
            composition, care = MATERIALS[item.material]
            product, new = Product.objects.get_or_create(
                slug=slugify(item.name),
                defaults={
                    "name": item.name,
                    "name_en": item.name,
                    "name_fr": item.name_fr,
                    "category": category,
                    "description": item.description,
                    "description_en": item.description,
                    "description_fr": item.description_fr,
                    "composition": composition[0],
                    "composition_en": composition[0],
                    "composition_fr": composition[1],
                    "care": care[0],
                    "care_en": care[0],
                    "care_fr": care[1],
                    "customs_category": CUSTOMS.get(slug, "apparel"),
                    "position": position,
                },
            )
            created["products"] += new
            created["prices"] += price_product(product, item.price_minor)
            _load_variants(product, f"{SKU_PREFIX}-{code}-{number:03d}", item, sizes, rng, created)
            _load_pictures(product, slug, item, created)


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
        colour_code, colour_hex, colour_fr = COLOURS[colour]
        sku = f"{sku_stem}-{colour_code}-{'OS' if size == ONE_SIZE[0] else size}"
        variant = Variant(
            product=product,
            sku=sku,
            colour=colour,
            colour_en=colour,
            colour_fr=colour_fr,
            size=size,
            size_en=size,
            size_fr=SIZES_FR.get(size, size),
            colour_hex=colour_hex,
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


VIEWS_FR = {"front": "de face", "back": "de dos"}


def _load_pictures(product: Product, category_slug: str, item: DemoProduct, created) -> None:
    """Each colour drawn from the front and the back, stored as staff uploads are.

    Through `services.add_picture`: checked, kept, renditions queued for the
    worker, so the demo shows the path a photograph takes. A product that has
    pictures already keeps them.
    """
    if product.images.exists():
        return
    pictures = []
    for colour in item.colours:
        colour_fr, colour_hex = COLOURS[colour][2], COLOURS[colour][1]
        drawn = photographs(category_slug, item.name, item.material, colour, colour_hex)
        for view, picture in drawn:
            pictures.append(
                NewPicture(
                    picture,
                    alt_en=f"{item.name} in {colour.lower()}, {view} view",
                    alt_fr=f"{item.name_fr}, coloris {colour_fr.lower()}, vue {VIEWS_FR[view]}",
                    colour=colour,
                    position=len(pictures) + 1,
                )
            )
    add_pictures(product, pictures)
    created["pictures"] += len(pictures)
