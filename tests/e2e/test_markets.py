"""A shopper switches to Switzerland and to French, in a real browser."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from maison.markets.models import DutyRate, PriceMode
from tests import factories

from .test_guest_purchase import choose


@pytest.fixture
def swiss_shop(transactional_db):
    factories.market(language="fr")
    factories.delivery_methods()
    swiss = factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    DutyRate.objects.create(country="CH", customs_category="apparel", rate=Decimal("0.04"))
    factories.delivery_methods(swiss)
    coats = factories.category("Coats")
    coat = factories.product(name="Wool coat", price_minor=600_00, in_category=coats)
    factories.price(coat, 480_00, "chf")
    factories.variant(of=coat, size="M", stock=3)
    return coat


def test_switzerland_shows_chf_without_tax_and_duties_at_checkout(new_page, swiss_shop, axe):
    # proves: SITE-3, PRC-2, PRC-3
    page = new_page()
    page.goto("/en/")
    expect(
        page.get_by_text("To continue shopping in EUR and get shipping options in France")
    ).to_be_visible()
    page.get_by_role("link", name="Choose your location").click()
    page.get_by_label("Country, and the currency you pay in").select_option(
        label="Switzerland (CHF)"
    )
    page.get_by_role("button", name="Continue").click()
    page.goto(swiss_shop.get_absolute_url().replace("/fr/", "/en/"))
    expect(page.get_by_text("CHF 480.00")).to_be_visible()
    expect(
        page.get_by_text("excluding taxes; duties and taxes are added at checkout")
    ).to_be_visible()
    choose(page, "Navy", "M")
    page.get_by_role("button", name="Add to basket").click()
    page.get_by_role("link", name="Checkout").click()
    expect(page.get_by_text("calculated now and paid with your order")).to_be_visible()
    page.get_by_label("Email").fill("noa@example.com")
    address = page.get_by_role("group", name="Delivery address")
    for label, value in [
        ("First name", "Noa"),
        ("Last name", "Keller"),
        ("Address", "Seestrasse 1"),
        ("Postal code", "8002"),
        ("City", "Zürich"),
        ("Phone, for the carrier", "+41 44 000 00 00"),
    ]:
        address.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Continue to delivery").click()
    page.get_by_role("button", name="Continue to payment").click()
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry month (MM)").fill("12")
    page.get_by_label("Expiry year (YYYY)").fill("2099")
    page.get_by_label("Security code").fill("123")
    page.get_by_role("button", name="Continue to review").click()
    # 480.00 + free delivery; duty 4 % = 19.20; import VAT 8.1 % of 499.20 = 40.44.
    expect(page.get_by_role("row", name=re.compile("Import duties"))).to_contain_text("CHF 19.20")
    expect(page.get_by_role("row", name=re.compile("Import VAT"))).to_contain_text("CHF 40.44")
    expect(
        page.get_by_role("button", name=re.compile("obligation to pay CHF 539.64"))
    ).to_be_visible()
    expect(
        page.get_by_text("Prices exclude taxes. Import duties and taxes for Switzerland")
    ).to_be_visible()
    axe(page)


def test_switching_to_french_translates_the_page(new_page, swiss_shop, axe):
    # proves: SITE-6
    page = new_page()
    page.goto("/en/")
    page.get_by_label("Language").select_option(label="Français")
    page.get_by_role("button", name="Change language").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Conditions générales de vente")).to_be_visible()
    expect(page.get_by_role("search").get_by_role("button")).to_have_text("Rechercher")
    page.goto(swiss_shop.get_absolute_url().replace("/en/", "/fr/"))
    expect(page.get_by_text("600,00\xa0€")).to_be_visible()
    expect(page.get_by_role("button", name="Ajouter au panier")).to_be_visible()
    axe(page)
