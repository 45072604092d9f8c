"""The look (issue #12) holds at a phone's width, by keyboard and without JavaScript.

Reflow (WCAG 1.4.10): every shopper page fits 320 CSS pixels with no sideways
scroll, and axe-core finds no serious or critical violation there either.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from playwright.sync_api import expect

from maison.catalog.models import Variant
from maison.orders.models import Order
from tests import factories

from .test_guest_purchase import (
    add_to_basket_by_keyboard,
    basket_link,
    fill_card,
    fill_details,
    tab_to_the_colours,
)

NARROW = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}
PASSWORD = "Linen-coat-42"


@pytest.fixture
def shop(transactional_db):
    """A coat in camel (M sold out) and navy, among enough coats to fill two rows."""
    cache.clear()
    factories.market()
    factories.delivery_methods()
    coats = factories.category("Coats")
    coat = factories.product(
        name="Double-breasted wool coat",
        price_minor=790_00,
        in_category=coats,
        description="A long coat in double-faced wool, cut straight.",
    )
    factories.variant(of=coat, colour="Camel", size="S", stock=4)
    factories.variant(of=coat, colour="Camel", size="M", stock=0)
    factories.variant(of=coat, colour="Camel", size="L", stock=2)
    factories.variant(of=coat, colour="Navy", size="M", stock=5)
    Variant.objects.filter(product=coat, colour="Camel").update(colour_hex="#b9875a")
    for n in range(7):
        other = factories.product(name=f"Overcoat in loden {n}", in_category=coats)
        for size in ["XS", "S", "M", "L", "XL"]:
            factories.variant(of=other, colour="Loden green", size=size)
    get_user_model().objects.create_user("lou@example.com", PASSWORD)
    yield coat
    cache.clear()


def fits(page) -> None:
    """Nothing reaches past the right edge: the page never scrolls sideways."""
    page.wait_for_load_state("load")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .slice(0, 5).map(e => e.tagName + "." + e.className)"""
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px at 320 px: {wide}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_shopper_page_reflows_at_320_px_and_passes_axe(new_page, shop, axe, language):
    page = new_page(viewport=NARROW, locale=f"{language}-FR")
    seen = []

    def check(path=None):
        if path:
            page.goto(f"/{language}{path}")
        fits(page)
        axe(page)
        seen.append(page.url)

    check("/")
    page.locator(".country-prompt button").click()
    category = f"/c/{shop.category.slug}/"
    check(category)
    page.locator("summary", has_text=re.compile("^(Menu)$")).click()
    page.locator(".filters summary").click()
    check()
    check(f"{category}?size=M&colour=Navy&min_price=1&max_price=5000&page=1")
    check("/search/?q=coat")
    check("/search/?q=no+such+garment")
    check(f"/p/{shop.slug}/")
    page.get_by_role("radio", name=re.compile("^(Navy|Marine)$")).check()
    check()
    page.get_by_role("radio", name=re.compile("^(Camel)$")).check()
    page.locator(".sizes:visible .choice:not([disabled])").last.check()
    page.locator(".buy button[type=submit]").click()
    expect(basket_link(page) if language == "en" else page.locator(".basket-link")).to_contain_text(
        "(1)"
    )
    check()  # the basket, stacked
    expect(page.locator(".remove button")).to_be_visible()
    check("/basket/")

    if language == "en":
        page.get_by_role("link", name="Checkout", exact=True).click()
        check()
        fill_details(page)
        check()
        page.get_by_role("radio", name=re.compile("Standard delivery")).check()
        page.get_by_role("button", name="Continue to payment").click()
        check()
        fill_card(page)
        check()  # the review
        page.get_by_label("I have read and accept the terms of sale").check()
        page.get_by_role("button", name=re.compile("^Place order")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is placed")
        check()  # the confirmation
        order = Order.objects.get()
        check(f"/orders/{order.number}/{order.access_key}/summary/")

    for path in [
        "/track/",
        "/country/",
        "/terms/",
        "/customer-service/",
        "/contact/",
        "/faq/",
        "/privacy/",
        "/wishlist/",
        "/account/sign-in/",
        "/account/register/",
        "/account/forgot-password/",
        "/no-such-page/",
    ]:
        check(path)

    page.goto(f"/{language}/account/sign-in/")
    page.fill("input[name=username], input[name=email]", "lou@example.com")
    page.fill("input[type=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    for path in [
        "/account/",
        "/account/profile/",
        "/account/password/",
        "/account/addresses/",
        "/account/addresses/new/",
        "/account/orders/",
        "/account/delete/",
    ]:
        check(path)
    assert len(seen) >= 25


def test_a_colour_then_a_size_are_chosen_by_keyboard_and_a_sold_out_size_cannot_be(page, shop):
    # proves: ORD-1
    page.goto(shop.get_absolute_url())
    gallery = page.locator(".gallery")
    expect(gallery.get_by_role("img", name="Double-breasted wool coat, Camel")).to_be_visible()
    tab_to_the_colours(page)
    expect(page.get_by_role("radio", name="Camel", exact=True)).to_be_focused()

    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Navy", exact=True)).to_be_checked()
    expect(gallery.get_by_role("img", name="Double-breasted wool coat, Navy")).to_be_visible()
    expect(gallery.get_by_role("img", name="Double-breasted wool coat, Camel")).to_be_hidden()
    expect(page.get_by_role("group", name="Size in Camel")).to_be_hidden()
    expect(page.get_by_role("group", name="Size in Navy")).to_be_visible()

    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("radio", name="Camel", exact=True)).to_be_checked()
    expect(gallery.get_by_role("img", name="Double-breasted wool coat, Camel")).to_be_visible()
    sizes = page.get_by_role("group", name="Size in Camel")
    sold_out = sizes.get_by_role("radio", name=re.compile(r"^M\b.*sold out$"))
    expect(sold_out).to_be_disabled()
    expect(sizes.locator("label", has_text=re.compile("^M"))).to_have_css(
        "text-decoration-line", "line-through"
    )
    page.keyboard.press("Tab")
    expect(sizes.get_by_role("radio", name="S", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # passes over the sold-out M
    expect(sizes.get_by_role("radio", name=re.compile(r"^L\b"))).to_be_checked()
    expect(sold_out).not_to_be_checked()
    page.keyboard.press("ArrowLeft")
    expect(sizes.get_by_role("radio", name="S", exact=True)).to_be_checked()
    expect(sold_out).not_to_be_checked()
    page.keyboard.press("ArrowRight")
    add_to_basket_by_keyboard(page)

    expect(basket_link(page)).to_contain_text("(1)")
    expect(page.get_by_role("table")).to_contain_text("Camel, L")


def test_the_first_product_is_three_tab_presses_from_the_top_of_a_category(page, shop):
    page.goto(shop.category.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to products")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.locator(".card > a").first
    expect(first).to_be_focused()
    expect(first).to_contain_text("Double-breasted wool coat")


def test_without_javascript_the_phone_menu_and_the_filters_open(new_page, shop):
    page = new_page(java_script_enabled=False, viewport=PHONE)
    page.goto(shop.category.get_absolute_url())
    categories = page.get_by_role("navigation", name="Categories")
    expect(categories).to_be_hidden()
    expect(page.get_by_role("searchbox", name="Search the store")).to_be_hidden()
    expect(basket_link(page)).to_be_visible()
    page.locator("summary", has_text="Menu").click()
    expect(categories.get_by_role("link", name="Coats")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the store")).to_be_visible()
    expect(page.get_by_role("link", name="Customer service").first).to_be_visible()

    size = page.get_by_role("group", name="Size", exact=True)
    expect(size).to_be_hidden()
    page.locator("summary", has_text="Filter").click()
    expect(size.get_by_role("checkbox", name="M", exact=True)).to_be_visible()
    size.get_by_role("checkbox", name="M", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"size=M"))

    cards = page.locator(".card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"] and second["x"] > first["x"], "two products per row"


def test_the_desktop_header_shows_every_link_without_a_menu_button(page, shop, axe):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(shop.category.get_absolute_url())
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    expect(page.locator("summary", has_text="Filter")).to_be_hidden()
    expect(page.get_by_role("group", name="Size", exact=True)).to_be_visible()
    tools = page.get_by_role("navigation", name="Your shopping")
    for name in ["Customer service", "Account", "Wishlist", re.compile(r"\(EUR\)")]:
        expect(tools.get_by_role("link", name=name)).to_be_visible()
    link = page.get_by_role("navigation", name="Categories").get_by_role("link", name="Coats")
    expect(link).to_have_css("text-decoration-line", "none")
    axe(page)
