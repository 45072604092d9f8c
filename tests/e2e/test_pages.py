"""The pages the terms promise pass axe-core, and the contact form works by keyboard."""

import pytest
from playwright.sync_api import expect

from maison.support.models import Ticket
from tests import factories


@pytest.fixture
def shop(transactional_db):
    factories.market()
    factories.delivery_methods()


@pytest.mark.parametrize(
    "path",
    [
        "/en/faq/",
        "/fr/faq/",
        "/en/privacy/",
        "/fr/privacy/",
        "/en/terms/",
        "/fr/terms/",
        "/fr/terms/2026-12-07/",
    ],
)
def test_the_faq_privacy_and_terms_pages_pass_axe(page, shop, axe, path):
    # proves: SITE-4
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)


def test_a_shopper_writes_to_customer_service_by_keyboard(page, shop, axe):
    # proves: SITE-4
    page.goto("/en/contact/")
    axe(page)
    page.get_by_label("Your name").focus()
    page.keyboard.type("Camille Martin")
    page.keyboard.press("Tab")
    page.keyboard.type("camille@example.com")
    page.get_by_label("Your message is about").select_option(label="Sizes, materials or care")
    page.get_by_label("Your message", exact=True).fill("Does the coat run large?")
    page.get_by_label("Your message", exact=True).press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Thank you. Your message is number")
    assert Ticket.objects.get().topic == "product"
    axe(page)
