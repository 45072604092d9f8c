from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from maison.catalog.demo import CATEGORIES, load_demo
from maison.catalog.models import Category, Product, Variant
from maison.inventory.models import Stock
from maison.markets.models import Market, Price, VatRate
from maison.shipping.models import DeliveryMethod

MODELS = [Market, DeliveryMethod, Category, Product, Variant, Stock]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(db):
    return load_demo()


def test_the_demo_house_sells_at_least_sixty_products_in_six_categories(demo):
    assert Product.objects.count() >= 60
    slugs = set(Category.objects.values_list("slug", flat=True))
    assert slugs >= {"shirts", "knitwear", "trousers", "coats", "shoes", "accessories"}
    for category in Category.objects.all():
        assert category.products.count() >= 8, category.slug
    assert demo["products"] == Product.objects.count()


def test_every_demo_product_states_its_description_composition_and_price(demo):
    # proves: ORD-1
    for product in Product.objects.all():
        assert len(product.description.split()) >= 8, product.name
        assert product.description.endswith("."), product.name
        assert product.composition.strip(), product.name
        assert product.care, product.name
    eur = {p.product_id: p.amount_minor for p in Price.objects.filter(price_list__code="eur")}
    assert len(eur) == Product.objects.count()
    assert all(40_00 <= amount <= 900_00 for amount in eur.values())
    coats = Product.objects.filter(category__slug="coats")
    assert all(450_00 <= eur[coat.pk] <= 900_00 for coat in coats)


def test_every_demo_product_has_a_price_in_every_market(demo):
    # proves: PRC-2
    for market in Market.objects.all():
        priced = Price.objects.filter(price_list=market.price_list, variant=None).count()
        assert priced == Product.objects.count(), market.country
    assert not Price.objects.filter(price_list__code="jpy", amount_minor__lt=1000).exists()


def test_every_demo_product_comes_in_colours_and_sizes_with_one_in_stock(demo):
    for product in Product.objects.prefetch_related("variants__stock"):
        variants = list(product.variants.all())
        assert 1 <= len({v.colour for v in variants}) <= 3, product.name
        assert all(v.colour and v.size and v.colour_hex.startswith("#") for v in variants)
        assert any(v.stock.on_hand > 0 for v in variants), product.name
    sizes = set(
        Variant.objects.filter(product__category__slug="shoes").values_list("size", flat=True)
    )
    assert sizes == {"39", "40", "41", "42", "43", "44", "45"}
    assert Variant.objects.get(sku="OR-SH-001-NAV-M").product.name == "Oxford button-down shirt"


def test_some_demo_variants_are_sold_out_and_some_nearly_gone(demo):
    total = Stock.objects.count()
    assert total == Variant.objects.count()
    sold_out = Stock.objects.filter(on_hand=0).count()
    low = Stock.objects.filter(on_hand__range=(1, 3)).count()
    assert 0.05 * total < sold_out < 0.15 * total
    assert 0.05 * total < low < 0.15 * total
    assert not Stock.objects.filter(on_hand__gt=25).exists()


def test_the_demo_markets_and_delivery_methods(demo):
    france = Market.objects.get(is_default=True)
    assert (france.country, france.currency, france.price_mode) == ("FR", "EUR", "included")
    assert set(Market.objects.values_list("country", flat=True)) == {
        "FR",
        "DE",
        "IT",
        "ES",
        "BE",
        "NL",
        "GB",
        "CH",
        "JP",
        "US",
    }
    assert set(Market.objects.values_list("currency", flat=True)) == {
        "EUR",
        "GBP",
        "CHF",
        "JPY",
        "USD",
    }
    assert VatRate.objects.get(country="DE").rate == Decimal("0.19")
    assert Market.objects.get(country="CH").price_mode == "at_order"
    assert Market.objects.get(country="US").price_mode == "at_delivery"
    standard, express = DeliveryMethod.objects.filter(market=france)
    assert (standard.code, standard.price_minor, standard.free_above_threshold) == (
        "standard",
        690,
        True,
    )
    assert (standard.min_business_days, standard.max_business_days) == (2, 4)
    assert (express.code, express.price_minor, express.free_above_threshold) == (
        "express",
        1900,
        False,
    )
    assert (express.min_business_days, express.max_business_days) == (1, 2)


def test_loading_the_demo_again_creates_nothing(demo):
    before = counts()
    skus = list(Variant.objects.values_list("sku", "stock__on_hand"))
    again = load_demo()
    assert not any(again.values())
    assert counts() == before
    assert list(Variant.objects.values_list("sku", "stock__on_hand")) == skus


def test_the_demo_stock_is_the_same_on_every_fresh_load(db):
    load_demo()
    first = sorted(Stock.objects.values_list("variant__sku", "on_hand"))
    Product.objects.all().delete()
    load_demo()
    assert sorted(Stock.objects.values_list("variant__sku", "on_hand")) == first


def test_every_category_of_the_demo_has_a_drawn_silhouette():
    from maison.catalog.images import SILHOUETTES

    assert {slug for slug, *_ in CATEGORIES} <= set(SILHOUETTES)


def test_the_command_prints_the_back_office_login_and_keeps_it(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    first = StringIO()
    call_command("load_demo", stdout=first)
    saved = (tmp_path / "var" / "demo-staff-password.txt").read_text().strip()
    assert "Demo catalogue loaded" in first.getvalue()
    assert (
        f"Back office: http://127.0.0.1:8000/admin/  email: staff@orvane.example  password: {saved}"
        in first.getvalue()
    )
    staff = authenticate(email="staff@orvane.example", password=saved)
    assert staff is not None and staff.is_staff and staff.is_superuser
    assert staff.email == "staff@orvane.example"

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "already loaded" in again.getvalue()
    assert f"password: {saved}" in again.getvalue()
