"""A guest buys a shirt in a real browser, as a person would: by labels and roles."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from maison.catalog.models import Product, Variant
from maison.orders.models import Order
from maison.terms.policy import POLICY
from tests import factories


@dataclass
class Shop:
    shirt: Product
    trousers: Product
    shirt_in_l: Variant


@pytest.fixture
def shop(transactional_db):
    """A shirt in three sizes, M sold out, and trousers, in one category of the menu."""
    factories.market()
    factories.delivery_methods()
    summer = factories.category("Summer")
    shirt = factories.product(name="Poplin shirt", price_minor=120_00, in_category=summer)
    factories.variant(of=shirt, size="S", stock=5)
    factories.variant(of=shirt, size="M", stock=0)
    shirt_in_l = factories.variant(of=shirt, size="L", stock=2)
    trousers = factories.product(
        name="Linen trousers",
        price_minor=95_00,
        in_category=summer,
        description="Wide trousers in washed linen.",
    )
    factories.variant(of=trousers, size="M", colour="Sand", stock=4)
    return Shop(shirt=shirt, trousers=trousers, shirt_in_l=shirt_in_l)


def choose(page, colour: str, size: str) -> None:
    """Press a colour swatch, then a size button under it, as a shopper does."""
    page.get_by_role("radio", name=colour, exact=True).check()
    sizes = page.get_by_role("group", name=re.compile(rf" {re.escape(colour)}$"))
    sizes.get_by_role("radio", name=re.compile(rf"^{re.escape(size)}\b")).check()


def tab_to_the_colours(page) -> None:
    """Press Tab from the top of a product page until the checked colour has the focus."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name === 'colour'"):
            return
    pytest.fail("Tab never reaches the colours")


def add_to_basket_by_keyboard(page) -> None:
    """From the chosen size: Tab to the quantity, Tab to the button, Enter."""
    page.keyboard.press("Tab")
    expect(page.get_by_label("Quantity")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add to basket")).to_be_focused()
    page.keyboard.press("Enter")


def basket_link(page):
    return page.get_by_role("navigation", name="Your shopping").get_by_role(
        "link", name=re.compile(r"^Basket")
    )


def fill_details(page):
    page.get_by_label("Email").fill("camille@example.com")
    address = page.get_by_role("group", name="Delivery address")
    fill_address(address, factories.GOOD_ADDRESS)
    address.get_by_label("Country", exact=True).select_option(label="France")
    page.get_by_role("button", name="Continue to delivery").click()


def fill_address(group, address: dict) -> None:
    """Type an address into a group of fields, by their labels, as a person does."""
    for label, key in [
        ("First name", "first_name"),
        ("Last name", "last_name"),
        ("Address", "line1"),
        ("Postal code", "postal_code"),
        ("City", "city"),
        ("Phone, for the carrier", "phone"),
    ]:
        group.get_by_label(label, exact=True).fill(address[key])


def fill_card(page):
    page.get_by_label("Card number").fill(factories.APPROVED_CARD)
    page.get_by_label("Expiry month (MM)").fill("12")
    page.get_by_label("Expiry year (YYYY)").fill("2099")
    page.get_by_label("Security code").fill("123")
    page.get_by_role("button", name="Continue to review").click()


def test_guest_buys_a_shirt_from_the_home_page_to_the_confirmation(page, shop, axe):
    # proves: ORD-1, ORD-2, ORD-3, ORD-4, SITE-1
    page.goto("/")
    search = page.get_by_role("search").get_by_role("searchbox", name="Search the store")
    expect(search).to_be_visible()
    tools = page.get_by_role("navigation", name="Your shopping")
    for name in ["Customer service", "Account", "Wishlist", re.compile(r"\(EUR\)")]:
        expect(tools.get_by_role("link", name=name)).to_be_visible()
    expect(basket_link(page)).to_contain_text("(0)")
    axe(page)

    page.get_by_role("navigation", name="Categories").get_by_role("link", name="Summer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Summer")
    axe(page)

    page.get_by_role("link", name=re.compile("Linen trousers")).click()
    choose(page, "Sand", "M")
    page.get_by_role("button", name="Add to basket").click()
    expect(basket_link(page)).to_contain_text("(1)")

    page.get_by_role("navigation", name="Categories").get_by_role("link", name="Summer").click()
    page.get_by_role("link", name=re.compile("Poplin shirt")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Poplin shirt")
    main = page.get_by_role("main")
    for shown in [
        "€120.00",
        "VAT included",
        "A straight shirt in poplin.",
        "100% cotton",
    ]:
        expect(main).to_contain_text(shown)
    expect(page.get_by_role("radio", name="Navy", exact=True)).to_be_checked()
    sizes = page.get_by_role("group", name="Size in Navy")
    expect(sizes.get_by_role("radio", name="S", exact=True)).to_be_enabled()
    expect(sizes.get_by_role("radio", name=re.compile(r"^M\b.*sold out$"))).to_be_disabled()
    expect(sizes.get_by_role("radio", name=re.compile(r"^L\b.*only 2 left$"))).to_be_enabled()
    axe(page)
    choose(page, "Navy", "L")
    page.get_by_role("button", name="Add to basket").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your basket")
    expect(basket_link(page)).to_contain_text("(2)")
    page.get_by_role("button", name="Remove Linen trousers").click()
    expect(page.get_by_role("row").filter(has_text="Linen trousers")).to_have_count(0)
    page.get_by_label("Quantity of Poplin shirt").fill("2")
    page.get_by_role("button", name="Update").click()
    expect(basket_link(page)).to_contain_text("(2)")
    expect(page.get_by_role("table")).to_contain_text("€240.00")
    axe(page)

    page.get_by_role("link", name="Checkout", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("continue as a guest below")
    axe(page)
    fill_details(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Delivery")
    axe(page)
    standard = page.get_by_role("radio", name=re.compile("Standard delivery, €6.90"))
    standard.check()
    page.get_by_role("button", name="Continue to payment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Payment")
    axe(page)
    fill_card(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Review your order")
    review = page.get_by_role("main")
    for shown in [
        "Poplin shirt",
        "Navy, L",
        "€240.00",
        "Standard delivery",
        "€6.90",
        "€246.90",
        "Visa •••• 4242",
        "All prices include VAT",
    ]:
        expect(review).to_contain_text(shown)
    for section in ["Delivery address", "Billing address"]:
        block = page.locator("section").filter(has=page.get_by_role("heading", name=section))
        expect(block).to_contain_text("3 rue des Essais")
        expect(block.get_by_role("link", name=f"Edit {section.lower()}")).to_be_visible()
    axe(page)
    page.get_by_label("I have read and accept the terms of sale").check()
    page.get_by_role("button", name="Place order with obligation to pay €246.90").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is placed")
    order = Order.objects.get()
    expect(page.get_by_role("main")).to_contain_text(order.number)
    assert page.url.endswith(order.get_absolute_url())
    assert order.total_minor == 246_90
    assert order.terms_version == POLICY.terms_version
    expect(basket_link(page)).to_contain_text("(0)")
    axe(page)


def test_a_size_is_chosen_and_added_to_the_basket_with_the_keyboard_alone(page, shop):
    page.goto(shop.shirt.get_absolute_url())
    expect(basket_link(page)).to_contain_text("(0)")
    tab_to_the_colours(page)
    expect(page.get_by_role("radio", name="Navy", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    sizes = page.get_by_role("group", name="Size in Navy")
    expect(sizes.get_by_role("radio", name="S", exact=True)).to_be_checked()
    page.keyboard.press("ArrowRight")  # skips the sold-out M
    expect(sizes.get_by_role("radio", name=re.compile(r"^L\b.*only 2 left$"))).to_be_checked()
    add_to_basket_by_keyboard(page)

    expect(basket_link(page)).to_contain_text("(1)")
    expect(page.get_by_role("table")).to_contain_text("Navy, L")


def test_a_checkout_error_is_read_out_with_its_field(page, shop, axe):
    page.goto(shop.shirt.get_absolute_url())
    choose(page, "Navy", "L")
    page.get_by_role("button", name="Add to basket").click()
    page.get_by_role("link", name="Checkout", exact=True).click()
    page.get_by_label("Email").fill("not an address")
    page.get_by_role("button", name="Continue to delivery").click()

    expect(page.get_by_role("alert")).to_have_text("Please correct the fields marked below.")
    expect(page.get_by_label("Email")).to_have_accessible_description(
        "Enter a valid email address."
    )
    city = page.get_by_role("group", name="Delivery address").get_by_label("City")
    expect(city).to_have_accessible_description("This field is required.")
    axe(page)


def test_a_guest_orders_with_javascript_turned_off(new_page, shop):
    # proves: ORD-3
    page = new_page(java_script_enabled=False)
    page.goto(shop.shirt.get_absolute_url())
    choose(page, "Navy", "L")
    page.get_by_role("button", name="Add to basket").click()
    expect(basket_link(page)).to_contain_text("(1)")
    page.get_by_role("link", name="Checkout", exact=True).click()
    fill_details(page)
    page.get_by_role("radio", name=re.compile("Standard delivery")).check()
    page.get_by_role("button", name="Continue to payment").click()
    fill_card(page)
    page.get_by_label("I have read and accept the terms of sale").check()
    page.get_by_role("button", name=re.compile("^Place order with obligation to pay")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is placed")
    order = Order.objects.get()
    expect(page.get_by_role("main")).to_contain_text(order.number)
    assert order.lines.get().sku == shop.shirt_in_l.sku
