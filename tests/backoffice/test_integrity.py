"""What staff type in the back office cannot break what shoppers are charged."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from maison.checkout import services
from maison.markets.models import DutyRate, Market, Price, PriceList, PriceMode, VatRate
from maison.shipping.models import DeliveryMethod
from tests import factories


@pytest.fixture
def staff(client, db):
    client.force_login(
        get_user_model().objects.create_superuser("boss@example.com", "x-Strong-pass-1")
    )
    return client


def add_vat_rate(client, rate):
    return client.post(
        reverse("admin:markets_vatrate_add"),
        {"country": "DE", "rate": rate, "valid_from": "2027-01-01"},
    )


def test_a_vat_rate_is_a_fraction_from_0_to_below_1(staff, store):
    # proves: PRC-2, PRC-7
    typed_as_percent = add_vat_rate(staff, "5.5").content.decode()
    assert "A rate is a fraction below 1: type 0.055 for 5.5 %, not 5.5" in typed_as_percent
    negative = add_vat_rate(staff, "-0.1").content.decode()
    assert "Ensure this value is greater than or equal to 0" in negative
    assert add_vat_rate(staff, "1").status_code == 200  # 100 % is refused too
    assert not VatRate.objects.filter(country="DE").exists()
    assert add_vat_rate(staff, "0.19").status_code == 302
    assert VatRate.objects.get(country="DE").rate == Decimal("0.19")
    # The database refuses them as well, whatever writes them.
    for rate in ["-0.1", "5.5", "1"]:
        with pytest.raises(IntegrityError), transaction.atomic():
            VatRate.objects.create(country="IT", rate=Decimal(rate), valid_from=date(2027, 1, 1))


def market_form(market, **changes):
    data = {
        "country": market.country,
        "currency": market.currency,
        "price_list": market.price_list_id,
        "price_mode": market.price_mode,
        "free_delivery_threshold": "250.00",
        "language": market.language,
    }
    data.update(changes)
    return data


def test_a_market_sells_in_its_price_lists_currency(staff, store):
    # proves: PRC-2
    france = Market.objects.get(country="FR")
    francs = factories.price_list("chf", "CHF", includes_tax=False)
    url = reverse("admin:markets_market_change", args=[france.pk])
    page = staff.post(url, market_form(france, price_list=francs.pk)).content.decode()
    assert (
        "The price list chf is in CHF but this market sells in EUR: "
        "choose a price list in EUR." in page
    )
    assert Market.objects.get(country="FR").price_list.code == "eur"
    # Nor can a list used by a market change currency under it.
    eur = PriceList.objects.get(code="eur")
    page = staff.post(
        reverse("admin:markets_pricelist_change", args=[eur.pk]),
        {"code": "eur", "currency": "GBP", "includes_tax": "on"},
    ).content.decode()
    assert "These markets sell in another currency with this price list: FR." in page
    assert PriceList.objects.get(code="eur").currency == "EUR"


def test_staff_type_prices_in_currency_units_with_the_currencys_decimals(staff, store):
    # proves: PRC-7
    factories.market("JP", vat="0.10", currency="JPY", mode=PriceMode.DUTIES_AT_ORDER)
    coat, scarf = factories.product(price_minor=None), factories.product(price_minor=None)
    eur, jpy = PriceList.objects.get(code="eur"), PriceList.objects.get(code="jpy")
    add = reverse("admin:markets_price_add")

    def post(product, price_list, amount):
        return staff.post(
            add, {"price_list": price_list.pk, "product": product.pk, "amount": amount}
        )

    assert (
        "EUR amounts have 2 decimal places at most." in post(coat, eur, "12.505").content.decode()
    )
    assert "JPY amounts have 0 decimal places at most." in post(coat, jpy, "100.5").content.decode()
    assert not Price.objects.exists()
    assert post(coat, eur, "590.50").status_code == 302
    assert post(coat, jpy, "97400").status_code == 302
    assert post(scarf, eur, "95").status_code == 302
    stored = {(p.product_id, p.price_list.code): p.amount_minor for p in Price.objects.all()}
    assert stored == {(coat.pk, "eur"): 590_50, (coat.pk, "jpy"): 97_400, (scarf.pk, "eur"): 95_00}
    # The change form shows the price as typed, in euros.
    price = Price.objects.get(product=coat, price_list=eur)
    page = staff.get(reverse("admin:markets_price_change", args=[price.pk])).content.decode()
    assert 'value="590.50"' in page
    listing = staff.get(reverse("admin:markets_price_changelist")).content.decode()
    assert "€590.50" in listing and "¥97,400" in listing


def test_staff_type_delivery_prices_in_the_markets_currency_units(staff, store):
    # proves: PRC-7, DEL-1
    standard, _ = store
    url = reverse("admin:shipping_deliverymethod_change", args=[standard.pk])
    assert 'value="6.90"' in staff.get(url).content.decode()
    data = {
        "market": standard.market_id,
        "code": "standard",
        "name": "Standard delivery",
        "description": "",
        "price": "7.5",
        "currency": "EUR",
        "free_above_threshold": "on",
        "min_business_days": 2,
        "max_business_days": 4,
        "position": 1,
        "is_active": "on",
    }
    too_precise = staff.post(url, {**data, "price": "7.499"}).content.decode()
    assert "EUR amounts have 2 decimal places at most." in too_precise
    wrong_currency = staff.post(url, {**data, "currency": "GBP"}).content.decode()
    assert "sells in EUR: price the method in it." in wrong_currency
    assert staff.post(url, data).status_code == 302
    assert DeliveryMethod.objects.get(pk=standard.pk).price_minor == 750


def amounts_on_the_order_page(client, order):
    page = client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    return page


def test_the_order_page_shows_every_amount_of_the_total(staff, store):
    # proves: PRC-4, PRC-7, PAY-3
    shirt = factories.variant(price_minor=180_00)
    order = services.place_order(factories.ready_checkout([(shirt, 1)]), accepted_terms=True)
    page = amounts_on_the_order_page(staff, order)
    # 180.00 + 6.90 delivery = 186.90; VAT inside at 20 %: 30.00 + 1.15 = 31.15.
    for fact in [
        "Products: €180.00",
        "Delivery: €6.90",
        "Import duties: €0.00",
        "Import VAT: €0.00",
        "Total: €186.90",
        "VAT: €31.15 (included in products and delivery)",
    ]:
        assert fact in page, fact

    swiss = factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    DutyRate.objects.create(country="CH", customs_category="apparel", rate=Decimal("0.04"))
    factories.delivery_methods(swiss)
    coat = factories.variant(price_minor=240_00)
    factories.price(coat.product, 190_00, "chf")
    order = services.place_order(
        factories.ready_checkout([(coat, 2)], country="CH"), accepted_terms=True
    )
    page = amounts_on_the_order_page(staff, order)
    # 380.00, free delivery, 4 % duty 15.20, 8.1 % import VAT on 395.20 = 32.01: 427.21.
    for fact in [
        "Products: CHF\xa0380.00",
        "Delivery: CHF\xa00.00",
        "Import duties: CHF\xa015.20",
        "Import VAT: CHF\xa032.01",
        "Total: CHF\xa0427.21",
        "VAT: CHF\xa032.01 (the import VAT above)",
    ]:
        assert fact in page, fact
