"""Addresses as each country writes them, in a real browser, without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests import factories

from .test_guest_purchase import choose, fill_address


@pytest.fixture
def abroad(transactional_db):
    """France, the United States and Japan, and one shirt sold in all three."""
    factories.market()
    factories.delivery_methods()
    return factories.us_and_japan()


def to_details(page, country: str, shirt) -> None:
    page.goto("/en/country/")
    page.get_by_label("Country, and the currency you pay in").select_option(value=country)
    page.get_by_role("main").get_by_role("button", name="Continue").click()
    page.goto(shirt.product.get_absolute_url())
    choose(page, shirt.colour, shirt.size)
    page.get_by_role("button", name="Add to basket").click()
    page.get_by_role("link", name="Checkout", exact=True).click()


def fill(page, address: dict) -> None:
    page.get_by_label("Email").fill("sam@example.com")
    fill_address(page.get_by_role("group", name="Delivery address"), address)


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
