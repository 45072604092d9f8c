"""Small builders for test data, in the shop's words."""

import itertools
from datetime import date
from decimal import Decimal

from maison.catalog.models import Category, Product, Variant
from maison.inventory.models import Stock
from maison.markets.models import Market, Price, PriceList, PriceMode, VatRate
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
# A real-looking address in each demo country, as a shopper there writes it.
ADDRESSES = {
    "FR": GOOD_ADDRESS,
    "DE": {"line1": "Friedrichstraße 43", "postal_code": "10117", "city": "Berlin"},
    "IT": {"line1": "Via Roma 12", "postal_code": "20121", "city": "Milano", "area": "MI"},
    "ES": {"line1": "Calle Mayor 5", "postal_code": "28013", "city": "Madrid", "area": "M"},
    "BE": {"line1": "Rue Neuve 10", "postal_code": "1000", "city": "Bruxelles"},
    "NL": {"line1": "Kalverstraat 1", "postal_code": "1012 NX", "city": "Amsterdam"},
    "GB": {"line1": "12 Savile Row", "postal_code": "W1S 3PQ", "city": "London"},
    "CH": {"line1": "Bahnhofstrasse 20", "postal_code": "8001", "city": "Zürich"},
    "JP": {"line1": "1-2-3 Jingumae", "postal_code": "150-0001", "city": "Shibuya-ku"},
    "US": {"line1": "350 Fifth Avenue", "postal_code": "10118", "city": "New York"},
}
ADDRESSES["JP"]["area"] = "東京都"
ADDRESSES["US"]["area"] = "NY"
PHONES = {"CH": "+41 44 668 18 00", "US": "+1 212-736-3100", "JP": "+81 3-3403-1111"}


def us_and_japan(shirt_price_minor: int = 180_00):
    """The United States (duties at delivery) and Japan (duties at order) beside France,
    and one shirt sold in all three; returns the shirt."""
    from maison.markets.models import DutyRate

    usa = market("US", vat=None, currency="USD", mode=PriceMode.DUTIES_AT_DELIVERY)
    japan = market("JP", vat="0.10", currency="JPY", mode=PriceMode.DUTIES_AT_ORDER)
    DutyRate.objects.create(country="JP", customs_category="apparel", rate=Decimal("0.09"))
    delivery_methods(usa)
    delivery_methods(japan)
    shirt = variant(price_minor=shirt_price_minor, stock=5)
    price(shirt.product, 200_00, "usd")
    price(shirt.product, 30000, "jpy")
    return shirt


def address_in(country: str) -> dict:
    """The demo address of a country, complete with a name and a phone the carrier can call."""
    local = ADDRESSES.get(country, {})
    return {
        **GOOD_ADDRESS,
        "area": "",
        **local,
        "country": country,
        "phone": PHONES.get(country, GOOD_ADDRESS["phone"]),
    }


APPROVED_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"


def price_list(code: str = "eur", currency: str = "EUR", includes_tax: bool = True) -> PriceList:
    return PriceList.objects.get_or_create(
        code=code, defaults={"currency": currency, "includes_tax": includes_tax}
    )[0]


def market(
    country: str = "FR",
    *,
    vat: str | None = "0.20",
    currency: str = "EUR",
    mode: str = PriceMode.TAXES_INCLUDED,
    threshold_minor: int = 250_00,
    list_code: str | None = None,
    language: str = "en",
    is_default: bool | None = None,
) -> Market:
    prices = price_list(list_code or currency.lower(), currency, mode == PriceMode.TAXES_INCLUDED)
    made = Market.objects.update_or_create(
        country=country,
        defaults={
            "currency": currency,
            "price_list": prices,
            "price_mode": mode,
            "free_delivery_threshold_minor": threshold_minor,
            "language": language,
            "is_default": country == "FR" if is_default is None else is_default,
        },
    )[0]
    if vat is not None:
        VatRate.objects.get_or_create(
            country=country, valid_from=date(2000, 1, 1), defaults={"rate": Decimal(vat)}
        )
    return made


def price(product, amount_minor: int, list_code: str = "eur", variant=None) -> Price:
    return Price.objects.update_or_create(
        price_list=PriceList.objects.get(code=list_code),
        product=product,
        variant=variant,
        defaults={"amount_minor": amount_minor},
    )[0]


def category(name: str = "Shirts") -> Category:
    n = next(_seq)
    return Category.objects.create(slug=f"{name.lower()}-{n}", name=name, position=n)


def product(
    *,
    price_minor: int | None = 120_00,
    name: str | None = None,
    in_category=None,
    description: str = "A straight shirt in poplin.",
) -> Product:
    """A product priced in the euro list (no price: not sold anywhere)."""
    n = next(_seq)
    made = Product.objects.create(
        slug=f"product-{n}",
        name=name or f"Poplin shirt {n}",
        category=in_category or category(),
        description=description,
        composition="100% cotton",
        care="Wash at 30 °C",
        position=n,
    )
    if price_minor is not None:
        price(made, price_minor)
    return made


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


def delivery_methods(for_market: Market | None = None) -> tuple[DeliveryMethod, DeliveryMethod]:
    """Standard (free above the threshold) and express delivery to a market, France by default."""
    for_market = for_market or Market.objects.get(country="FR")
    common = {"market": for_market, "currency": for_market.currency}
    standard = DeliveryMethod.objects.get_or_create(
        **common,
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
        **common,
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
    country: str = "FR",
):
    """A checkout with every step done, as a shopper leaves it on the review page."""
    from maison.basket import services as basket_services
    from maison.checkout import services as checkout_services
    from maison.payments.services import provider

    basket = basket_services.new_basket()
    for made, quantity in variants_and_quantities:
        basket.lines.create(variant=made, quantity=quantity, added_at=basket.created_at)
    in_market = Market.objects.get(country=country)
    checkout = checkout_services.start(basket, in_market)
    address = address_in(country)
    checkout_services.save_details(checkout, email, address, address)
    checkout_services.choose_delivery(
        checkout, DeliveryMethod.objects.get(market=in_market, code=method)
    )
    checkout_services.save_card(checkout, provider().tokenize(card, 12, 2099, "123"))
    return checkout
