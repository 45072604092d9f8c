"""The demo house's markets: ten countries, five currencies, three price modes.

VAT rates are each country's real standard rate. Duty rates are demo values
only, not customs advice. Public holidays come from the `holidays` package
(`manage.py refresh_holidays`, which `load_demo` runs), for this year and the
next two.
"""

from datetime import date
from decimal import Decimal

from maison.shipping.models import DeliveryMethod, StoreClosure

from .models import DutyRate, Market, Price, PriceList, PriceMode, VatRate

INCLUDED, AT_ORDER, AT_DELIVERY = (
    PriceMode.TAXES_INCLUDED,
    PriceMode.DUTIES_AT_ORDER,
    PriceMode.DUTIES_AT_DELIVERY,
)

# Price list: currency, prices include VAT.
PRICE_LISTS = {
    "eur": ("EUR", True),
    "gbp": ("GBP", True),
    "chf": ("CHF", False),
    "jpy": ("JPY", False),
    "usd": ("USD", False),
}

# Country: English name, French name, price list, mode, free-delivery threshold
# (minor units), language, standard VAT rate, delivery (standard, express):
# (price in minor units, earliest and latest business day).
MARKETS = {
    "FR": ("France", "France", "eur", INCLUDED, 250_00, "fr", "0.20", (690, 2, 4), (1900, 1, 2)),
    "DE": (
        "Germany",
        "Allemagne",
        "eur",
        INCLUDED,
        250_00,
        "en",
        "0.19",
        (990, 3, 5),
        (2500, 2, 3),
    ),
    "IT": ("Italy", "Italie", "eur", INCLUDED, 250_00, "en", "0.22", (990, 3, 6), (2500, 2, 3)),
    "ES": ("Spain", "Espagne", "eur", INCLUDED, 250_00, "en", "0.21", (990, 3, 6), (2500, 2, 3)),
    "BE": ("Belgium", "Belgique", "eur", INCLUDED, 250_00, "fr", "0.21", (890, 2, 4), (2200, 1, 2)),
    "NL": (
        "Netherlands",
        "Pays-Bas",
        "eur",
        INCLUDED,
        250_00,
        "en",
        "0.21",
        (890, 2, 4),
        (2200, 1, 2),
    ),
    "GB": (
        "United Kingdom",
        "Royaume-Uni",
        "gbp",
        INCLUDED,
        220_00,
        "en",
        "0.20",
        (900, 3, 6),
        (2500, 2, 3),
    ),
    "CH": (
        "Switzerland",
        "Suisse",
        "chf",
        AT_ORDER,
        250_00,
        "fr",
        "0.081",
        (1500, 3, 6),
        (3500, 2, 3),
    ),
    "JP": ("Japan", "Japon", "jpy", AT_ORDER, 40000, "en", "0.10", (2500, 5, 9), (5000, 3, 5)),
    "US": (
        "United States",
        "États-Unis",
        "usd",
        AT_DELIVERY,
        300_00,
        "en",
        None,
        (1500, 4, 8),
        (3500, 2, 4),
    ),
}

# Demo duty rates by customs category: clearly not real tariffs.
DEMO_DUTIES = {
    "CH": {"apparel": "0.04", "footwear": "0.03", "accessories": "0.02"},
    "JP": {"apparel": "0.09", "footwear": "0.12", "accessories": "0.05"},
}

# The workshop's winter closure, announced on the home page (SITE-5).
CLOSURES = [(date(2026, 12, 24), date(2027, 1, 3))]


def load_markets(created: dict[str, int]) -> None:
    lists = {}
    for code, (currency, includes_tax) in PRICE_LISTS.items():
        lists[code], _ = PriceList.objects.update_or_create(
            code=code, defaults={"currency": currency, "includes_tax": includes_tax}
        )
    for country, row in MARKETS.items():
        # The names in the rows are for the reader; the store takes them from django-countries.
        _name, _name_fr, price_list, mode, threshold, language, vat, standard, express = row
        market, new = Market.objects.update_or_create(
            country=country,
            defaults={
                "currency": lists[price_list].currency,
                "price_list": lists[price_list],
                "price_mode": mode,
                "free_delivery_threshold_minor": threshold,
                "language": language,
                "is_default": country == "FR",
            },
        )
        created["markets"] += new
        if vat is not None:
            VatRate.objects.get_or_create(
                country=country, valid_from=date(2000, 1, 1), defaults={"rate": Decimal(vat)}
            )
        for category, rate in DEMO_DUTIES.get(country, {}).items():
            DutyRate.objects.update_or_create(
                country=country, customs_category=category, defaults={"rate": Decimal(rate)}
            )
        for position, (code, label, free, (price, earliest, latest)) in enumerate(
            [
                ("standard", "Standard delivery", True, standard),
                ("express", "Express delivery", False, express),
            ],
            start=1,
        ):
            _, new = DeliveryMethod.objects.update_or_create(
                market=market,
                code=code,
                defaults={
                    "name": label,
                    "price_minor": price,
                    "currency": market.currency,
                    "free_above_threshold": free,
                    "min_business_days": earliest,
                    "max_business_days": latest,
                    "position": position,
                    "description": "Tracked parcel, delivered to your door."
                    if free
                    else "Priority courier, tracked from our workshop to your door.",
                },
            )
            created["delivery_methods"] += new
    for first, last in CLOSURES:
        StoreClosure.objects.get_or_create(starts_on=first, ends_on=last)


def _nearest(value: Decimal, step: int) -> int:
    return int((value / step).quantize(Decimal(1)) * step)


def local_prices(eur_minor: int) -> dict[str, int]:
    """The house's prices per list, set from the French price in round figures."""
    net_eur = Decimal(eur_minor) / Decimal("1.2")
    return {
        "eur": eur_minor,
        "gbp": _nearest(Decimal(eur_minor) * Decimal("0.87"), 500),
        "chf": _nearest(net_eur * Decimal("0.95"), 500),
        "jpy": _nearest(net_eur / 100 * 165, 100),
        "usd": _nearest(net_eur * Decimal("1.10"), 500),
    }


def price_product(product, eur_minor: int) -> int:
    lists = {pl.code: pl for pl in PriceList.objects.all()}
    made = 0
    for code, amount in local_prices(eur_minor).items():
        _, new = Price.objects.update_or_create(
            price_list=lists[code], product=product, variant=None, defaults={"amount_minor": amount}
        )
        made += new
    return made
