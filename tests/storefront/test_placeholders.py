"""SITE-3: no placeholder ever renders unfilled, in any language, on any page or email.

The source page printed "To continue shopping in {currency} ..." with the braces
showing; here every template renders in every language with templates that
raise on an unknown variable, and every translation keeps its msgid's placeholders.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from maison.checkout import services
from maison.markets.models import DutyRate, PriceMode
from maison.notifications.rendering import render
from maison.terms.policy import POLICY
from tests import factories

from .helpers import add, checkout_to_review

LANGUAGES = [code for code, _ in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
LEFTOVERS = re.compile(r"\{\{|\}\}|\{%|%\}|%\(\w+\)[sd]|\{(currency|country|amount|total|name)\}")


def catalogues():
    return sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text) if text else [])


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.parts[-3])
def test_every_translation_keeps_the_placeholders_of_its_msgid(po_path):
    # proves: SITE-3, SITE-6
    catalog = read_po(po_path.open("rb"))
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        if message.pluralizable:
            english = set(placeholders(message.id[0])) | set(placeholders(message.id[1]))
            for form in message.string:
                if form and not set(placeholders(form)) <= english | {"n", "count"}:
                    wrong.append((message.id[0], form))
                needed = set(placeholders(message.id[1])) - {"n", "count"}
                if form and not needed <= set(placeholders(form)):
                    wrong.append((message.id[0], form))
        elif placeholders(message.id) != placeholders(message.string):
            wrong.append((message.id, message.string))
    assert not wrong, (
        f"{len(wrong)} translations with other placeholders than their msgid: {wrong[:5]}"
    )


def test_every_french_message_is_translated():
    # proves: SITE-6
    catalog = read_po(next(p for p in catalogues() if p.parts[-3] == "fr").open("rb"))
    missing = [
        m.id for m in catalog if m.id and not (m.string if not m.pluralizable else all(m.string))
    ]
    assert not missing, f"{len(missing)} French messages untranslated, e.g. {missing[:5]}"


@pytest.fixture
def shop(store):
    swiss = factories.market("CH", vat="0.081", currency="CHF", mode=PriceMode.DUTIES_AT_ORDER)
    DutyRate.objects.create(country="CH", customs_category="apparel", rate=Decimal("0.04"))
    factories.delivery_methods(swiss)
    usa = factories.market("US", vat=None, currency="USD", mode=PriceMode.DUTIES_AT_DELIVERY)
    factories.delivery_methods(usa)
    shirt = factories.variant(price_minor=180_00, stock=3)
    factories.variant(of=shirt.product, size="XL", stock=0)
    factories.price(shirt.product, 150_00, "chf")
    factories.price(shirt.product, 160_00, "usd")
    return shirt


def assert_filled(response, where, language):
    assert response.status_code in (200, 400, 404), (where, response.status_code)
    html = response.content.decode()
    # The page is in the language under test: a request leaves its own language
    # active, so an address reversed after one would silently be the English page.
    assert f'<html lang="{language}"' in html, (where, html[:200])
    leftover = LEFTOVERS.search(html)
    if leftover is not None:
        near = html[max(0, leftover.start() - 80) : leftover.end() + 80]
        pytest.fail(f"{where}: unfilled placeholder {leftover.group(0)!r} near {near!r}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", ["FR", "CH", "US"])
def test_every_shopper_page_renders_filled_in_every_language_and_mode(
    client, shop, language, country
):
    # proves: SITE-3, SITE-6, PRC-3

    def at(name, *args):
        with translation.override(language):
            return reverse(name, args=args)

    with translation.override(language):
        category, product = (
            shop.product.category.get_absolute_url(),
            shop.product.get_absolute_url(),
        )
    client.post(at("set_language"), {"language": language, "next": at("storefront:home")})
    client.post(at("storefront:country"), {"country": country})
    pages = {
        "home": at("storefront:home"),
        "category": category,
        "product": product,
        "search": at("storefront:search") + "?q=poplin",
        "empty basket": at("storefront:basket"),
        "country": at("storefront:country"),
        "terms": at("storefront:terms"),
        "terms version": at("storefront:terms-version", POLICY.terms_version),
        "customer service": at("storefront:customer-service"),
        "contact": at("storefront:contact"),
        "faq": at("storefront:faq"),
        "privacy": at("storefront:privacy"),
        "track": at("storefront:track"),
    }
    for where, url in pages.items():
        assert_filled(client.get(url), where, language)
    add(client, shop)
    assert_filled(client.get(at("storefront:basket")), "basket", language)
    assert_filled(client.get(at("storefront:checkout")), "details", language)
    checkout_to_review(client)
    for step in ["checkout-delivery", "checkout-payment", "checkout-review"]:
        assert_filled(client.get(at(f"storefront:{step}")), step, language)
    review = client.get(at("storefront:checkout-review")).context["review"]
    placed = client.post(
        at("storefront:checkout-place"),
        {"accept_terms": "on", "reviewed": review.fingerprint},
    )
    assert_filled(client.get(placed.url), "confirmation", language)
    assert_filled(client.get(placed.url + "summary/"), "summary", language)
    assert_filled(
        client.post(at("storefront:track"), {"number": "X", "email": "a@b.example"}),
        "not found",
        language,
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", ["FR", "CH", "US"])
def test_the_acknowledgment_email_renders_filled_in_every_language_and_mode(
    shop, language, country
):
    # proves: SITE-3, SITE-6, ORD-6
    with translation.override(language):
        order = services.place_order(
            factories.ready_checkout([(shop, 1)], country=country), accepted_terms=True
        )
    email = render("order_acknowledgment", {"order": order.number}, language)
    for rendered in (email.to_send, email.to_keep):
        for part, text in vars(rendered).items():
            leftover = LEFTOVERS.search(text)
            assert leftover is None, (part, leftover.group(0))
