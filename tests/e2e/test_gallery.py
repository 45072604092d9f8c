"""Photographs in the browser: the gallery follows the colour without JavaScript; nothing shifts."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from maison.catalog import services
from maison.catalog.models import Product

from .test_guest_purchase import tab_to_the_colours
from .test_look import NARROW, fits, shop  # noqa: F401 (the look's coat, which these photograph)

CAMEL, NAVY = "#b9875a", "#1f2a44"


def photograph(colour: str, mark: str) -> SimpleUploadedFile:
    """A 600 × 780 picture in `colour`, a white mark telling the views apart."""
    picture = Image.new("RGB", (600, 780), colour)
    pen = ImageDraw.Draw(picture)
    if mark == "front":
        pen.rectangle([280, 100, 320, 700], fill="white")
    else:
        pen.rectangle([100, 370, 500, 410], fill="white")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"{mark}.jpg", out.getvalue(), content_type="image/jpeg")


def pictures_of(coat, colour: str, hex_colour: str) -> None:
    french = {"Camel": "camel", "Navy": "marine"}[colour]
    for position, (view, view_fr) in enumerate((("front", "de face"), ("back", "de dos"))):
        services.add_picture(
            coat,
            photograph(hex_colour, view),
            alt_en=f"The coat in {colour.lower()}, {view} view",
            alt_fr=f"Le manteau {french}, vue {view_fr}",
            colour=colour,
            position=position,
        )


@pytest.fixture
def coat(shop):  # noqa: F811 (pytest passes the look's fixture)
    """The look's camel and navy coat, photographed in both, among seven loden coats.

    The rows are committed as the test runs (transactional_db), so the worker's
    renditions are made at once.
    """
    pictures_of(shop, "Camel", CAMEL)
    pictures_of(shop, "Navy", NAVY)
    for other in Product.objects.exclude(pk=shop.pk):
        services.add_picture(
            other,
            photograph("#4b5a3a", "front"),
            alt_en="A loden overcoat",
            alt_fr="Un pardessus en loden",
        )
    return shop


def test_picking_a_colour_shows_its_pictures_without_javascript(new_page, coat):
    # proves: ORD-1
    page = new_page(java_script_enabled=False)
    page.goto(coat.get_absolute_url())
    gallery = page.locator(".gallery")
    for view in ("front", "back"):
        expect(gallery.get_by_role("img", name=f"The coat in camel, {view} view")).to_be_visible()
        expect(gallery.get_by_role("img", name=f"The coat in navy, {view} view")).to_be_hidden()

    page.get_by_text("Navy", exact=True).click()
    expect(page.get_by_role("radio", name="Navy", exact=True)).to_be_checked()
    for view in ("front", "back"):
        expect(gallery.get_by_role("img", name=f"The coat in navy, {view} view")).to_be_visible()
        expect(gallery.get_by_role("img", name=f"The coat in camel, {view} view")).to_be_hidden()


def test_the_gallery_shows_the_workers_webp_and_passes_axe_in_every_colour(page, coat, axe):
    page.goto(coat.get_absolute_url())
    axe(page)
    page.get_by_role("radio", name="Navy", exact=True).check()
    # The browser shows a rendition the worker made, in WebP, never the original.
    shown = page.get_by_role("img", name="The coat in navy, front view")
    expect(shown).to_be_visible()
    shown.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gallery img')].some(i => i.currentSrc && i.complete"
        " && i.naturalWidth && i.alt === 'The coat in navy, front view')"
    )
    assert re.search(r"/media/products/r/[0-9a-f]{20}\.webp$", shown.evaluate("i => i.currentSrc"))
    axe(page)


def test_the_gallery_follows_the_colour_chosen_by_keyboard_in_french(new_page, coat):
    page = new_page(locale="fr-FR")
    page.goto("/fr" + coat.get_absolute_url()[3:])
    tab_to_the_colours(page)
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("img", name="Le manteau marine, vue de face")).to_be_visible()
    expect(page.get_by_role("img", name="Le manteau camel, vue de face")).to_be_hidden()


def reserved_boxes(page, selector: str) -> list[dict]:
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(i => ({
            width: i.getAttribute("width"), height: i.getAttribute("height"),
            loading: i.getAttribute("loading"),
            natural: i.naturalWidth ? i.naturalWidth / i.naturalHeight : null,
        }))""",
        selector,
    )


def layout_shift(page) -> float:
    """The page's cumulative layout shift so far, as the browser measured it."""
    return page.evaluate(
        """() => new Promise(done => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) total += entry.value;
            }).observe({type: "layout-shift", buffered: true});
            setTimeout(() => done(total), 300);
        })"""
    )


def test_pictures_reserve_their_place_so_nothing_shifts(page, coat, axe):
    page.goto(coat.get_absolute_url())
    page.wait_for_load_state("load")
    gallery = reserved_boxes(page, ".gallery img")
    assert len(gallery) == 4
    for box in gallery:
        assert box["width"] and box["height"], box
        if box["natural"]:
            assert abs(int(box["width"]) / int(box["height"]) - box["natural"]) < 0.01
    # The chosen colour's first view loads at once; the rest wait until shown.
    assert [box["loading"] for box in gallery] == [None, "lazy", "lazy", "lazy"]
    assert layout_shift(page) < 0.01

    page.goto(coat.category.get_absolute_url())
    page.wait_for_load_state("load")
    cards = reserved_boxes(page, ".card-media > picture:not(.second-view) img")
    assert len(cards) == 8
    assert all(box["width"] and box["height"] for box in cards)
    # The first row loads at once, the others as they come near.
    assert [box["loading"] for box in cards] == [None] * 4 + ["lazy"] * 4
    assert layout_shift(page) < 0.01
    axe(page)


def test_a_card_shows_its_second_view_on_hover(page, coat):
    page.goto(coat.category.get_absolute_url())
    card = page.locator(".card", has_text="Double-breasted wool coat")
    second = card.locator("picture.second-view")
    expect(second).to_have_css("opacity", "0")
    card.locator("a").first.hover()
    expect(second).to_have_css("opacity", "1")


def test_photographed_pages_reflow_at_320_px_with_the_views_side_by_side(new_page, coat, axe):
    page = new_page(viewport=NARROW)
    for url in (coat.get_absolute_url(), coat.category.get_absolute_url()):
        page.goto(url)
        fits(page)
        axe(page)
    page.goto(coat.get_absolute_url())
    front = page.get_by_role("img", name="The coat in camel, front view").bounding_box()
    back = page.get_by_role("img", name="The coat in camel, back view").bounding_box()
    assert front["y"] == back["y"] and back["x"] > front["x"] + front["width"] - 1
