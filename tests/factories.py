"""Small builders for test data, in the shop's words."""

import itertools
from decimal import Decimal

from maison.catalog.models import Category, Product, Variant
from maison.inventory.models import Stock
from maison.markets.models import Market
from maison.shipping.models import DeliveryMethod

_seq = itertools.count(1)

GOOD_ADDRESS = {
    "first_name": "Camille",
    "last_name": "Martin",
    "line1": "3 rue des Essais",
    "line2": "",
    "postal_code": "69002",
    "city": "Lyon",
    "country": "FR",
    "phone": "+33 6 00 00 00 00",
}
APPROVED_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"


def market(**fields) -> Market:
    defaults = {
        "name": "France",
        "currency": "EUR",
        "vat_rate": Decimal("0.20"),
        "is_default": True,
    }
    defaults.update(fields)
    return Market.objects.update_or_create(
        country=defaults.pop("country", "FR"), defaults=defaults
    )[0]


def category(name: str = "Shirts") -> Category:
    n = next(_seq)
    return Category.objects.create(slug=f"{name.lower()}-{n}", name=name, position=n)


def product(
    *,
    price_minor: int = 120_00,
    name: str | None = None,
    in_category=None,
    description: str = "A straight shirt in poplin.",
) -> Product:
    n = next(_seq)
    return Product.objects.create(
        slug=f"product-{n}",
        name=name or f"Poplin shirt {n}",
        category=in_category or category(),
        description=description,
        composition="100% cotton",
        care="Wash at 30 °C",
        price_minor=price_minor,
        position=n,
    )


def variant(
    *,
    stock: int = 5,
    of=None,
    colour: str = "Navy",
    size: str | None = None,
    price_minor: int = 120_00,
) -> Variant:
    n = next(_seq)
    made = Variant.objects.create(
        product=of or product(price_minor=price_minor),
        sku=f"SKU-{n}",
        colour=colour,
        colour_hex="#1f2a44",
        size=size or f"S{n}",
    )
    Stock.objects.create(variant=made, on_hand=stock)
    return made


def delivery_methods() -> tuple[DeliveryMethod, DeliveryMethod]:
    standard = DeliveryMethod.objects.get_or_create(
        code="standard",
        defaults={
            "name": "Standard delivery",
            "price_minor": 690,
            "free_above_threshold": True,
            "min_business_days": 2,
            "max_business_days": 4,
            "position": 1,
        },
    )[0]
    express = DeliveryMethod.objects.get_or_create(
        code="express",
        defaults={
            "name": "Express delivery",
            "price_minor": 1900,
            "free_above_threshold": False,
            "min_business_days": 1,
            "max_business_days": 2,
            "position": 2,
        },
    )[0]
    return standard, express


def ready_checkout(
    variants_and_quantities,
    *,
    card: str = APPROVED_CARD,
    email="camille@example.com",
    method: str = "standard",
):
    """A checkout with every step done, as a shopper leaves it on the review page."""
    from maison.basket import services as basket_services
    from maison.checkout import services as checkout_services
    from maison.payments.services import provider

    basket = basket_services.new_basket()
    for made, quantity in variants_and_quantities:
        basket.lines.create(variant=made, quantity=quantity, added_at=basket.created_at)
    checkout = checkout_services.start(basket)
    checkout_services.save_details(checkout, email, GOOD_ADDRESS, GOOD_ADDRESS)
    checkout_services.choose_delivery(checkout, DeliveryMethod.objects.get(code=method))
    checkout_services.save_card(checkout, provider().tokenize(card, 12, 2099, "123"))
    return checkout
