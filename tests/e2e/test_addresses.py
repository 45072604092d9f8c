"""Addresses as each country writes them, in a real browser, without JavaScript."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from maison.markets.models import DutyRate, PriceMode
from tests import factories


@pytest.fixture
def abroad(transactional_db):
    """France, the United States and Japan, and one shirt sold in all three."""
    factories.market()
    factories.delivery_methods()
    usa = factories.market("US", vat=None, currency="USD", mode=PriceMode.DUTIES_AT_DELIVERY)
    japan = factories.market("JP", vat="0.10", currency="JPY", mode=PriceMode.DUTIES_AT_ORDER)
    DutyRate.objects.create(country="JP", customs_category="apparel", rate=Decimal("0.09"))
    factories.delivery_methods(usa)
    factories.delivery_methods(japan)
    shirt = factories.variant(price_minor=180_00, stock=5)
    factories.price(shirt.product, 200_00, "usd")
    factories.price(shirt.product, 30000, "jpy")
    return shirt


def to_details(page, country: str, shirt) -> None:
    page.goto("/en/country/")
    page.get_by_label("Country, and the currency you pay in").select_option(value=country)
    page.get_by_role("main").get_by_role("button", name="Continue").click()
    page.goto(shirt.product.get_absolute_url())
    page.get_by_role("radio", name=f"{shirt.colour}, {shirt.size}").check()
    page.get_by_role("button", name="Add to basket").click()
    page.get_by_role("link", name="Checkout", exact=True).click()


def fill(page, address: dict) -> None:
    page.get_by_label("Email").fill("sam@example.com")
    group = page.get_by_role("group", name="Delivery address")
    for label, key in [
        ("First name", "first_name"),
        ("Last name", "last_name"),
        ("Address", "line1"),
        ("Postal code", "postal_code"),
        ("City", "city"),
        ("Phone, for the carrier", "phone"),
    ]:
        group.get_by_label(label, exact=True).fill(address[key])


def test_a_us_buyer_gives_a_state_and_a_zip_code_without_javascript(new_page, abroad):
    # proves: ORD-4
    page = new_page(java_script_enabled=False)
    to_details(page, "US", abroad)
    group = page.get_by_role("group", name="Delivery address")
    fill(page, {**factories.address_in("US"), "postal_code": "1011"})
    # The billing fields stay out of the way while "same as delivery" is ticked.
    billing = page.get_by_role("group", name="Billing address, if different")
    expect(billing).to_be_hidden()
    page.get_by_role("button", name="Continue to delivery").click()
    expect(group).to_contain_text("Please give the state.")
    expect(group).to_contain_text("This postcode does not exist in United States")
    group.get_by_label("State", exact=True).select_option(label="New York")
    group.get_by_label("Postal code", exact=True).fill("10118")
    page.get_by_role("button", name="Continue to delivery").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delivery")


def test_a_japanese_buyer_gives_a_prefecture_and_can_bill_elsewhere(new_page, abroad):
    # proves: ORD-4
    page = new_page(java_script_enabled=False)
    to_details(page, "JP", abroad)
    group = page.get_by_role("group", name="Delivery address")
    fill(page, {**factories.address_in("JP"), "postal_code": "15000"})
    page.get_by_label("Billing address is the same as the delivery address").uncheck()
    billing = page.get_by_role("group", name="Billing address, if different")
    expect(billing).to_be_visible()
    expect(billing.get_by_label("Country", exact=True)).to_have_value("JP")
    page.get_by_label("Billing address is the same as the delivery address").check()
    page.get_by_role("button", name="Continue to delivery").click()
    expect(group).to_contain_text("Please give the prefecture.")
    group.get_by_label("Prefecture", exact=True).select_option(label="Tokyo")
    group.get_by_label("Postal code", exact=True).fill("150-0001")
    page.get_by_role("button", name="Continue to delivery").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delivery")
