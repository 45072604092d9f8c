"""SITE-6, ORD-1: the French site shows the catalogue in French, up to the order and its email."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import override

from maison.catalog.demo import load_demo
from maison.catalog.models import Product, Variant
from maison.orders.models import Order
from tests import factories
from tests.storefront.helpers import add, checkout_to_review, place


@pytest.fixture
def demo(db):
    load_demo()


def in_stock(slug: str, colour: str, size: str) -> Variant:
    return Variant.objects.get(
        product__slug=slug, colour_en=colour, size_en=size, stock__on_hand__gt=0
    )


def french_oxford(demo) -> Variant:
    shirt = Variant.objects.filter(
        product__slug="oxford-button-down-shirt", colour_en="Sky blue", stock__on_hand__gt=0
    ).first()
    assert shirt is not None, "the demo sells a sky-blue oxford shirt"
    return shirt


def test_a_french_shopper_reads_the_catalogue_in_french_from_category_to_email(
    client, demo, django_capture_on_commit_callbacks
):
    # proves: SITE-6, ORD-1
    shirt = french_oxford(demo)
    size = shirt.size_en
    with override("fr"):
        client.post(reverse("storefront:country"), {"country": "FR", "next": "/fr/"})
        category = client.get(reverse("storefront:category", args=["shirts"])).content.decode()
        assert "Chemises" in category
        assert "Chemise oxford à col boutonné" in category
        assert "Oxford button-down shirt" not in category

        page = client.get(reverse("storefront:product", args=["oxford-button-down-shirt"]))
        text = page.content.decode()
        for french in [
            "Chemise oxford à col boutonné",
            "Un oxford de coton au col boutonné qui roule avec souplesse",
            "100 % oxford de coton",
            "Lavage en machine à 30 °C ; repassage à température moyenne",
            "Bleu ciel",
            "Marine",
        ]:
            assert french in text, french
        for english in ["Sky blue", "100% cotton oxford", "Cotton oxford with a soft roll"]:
            assert english not in text, english

        add(client, shirt)
        basket = client.get(reverse("storefront:basket")).content.decode()
        assert "Chemise oxford à col boutonné" in basket and "Bleu ciel" in basket

        delivery_page = None
        checkout_to_review(client)
        delivery_page = client.get(reverse("storefront:checkout-delivery")).content.decode()
        assert "Livraison standard" in delivery_page and "Livraison express" in delivery_page
        assert "Colis suivi, livré à votre porte." in delivery_page
        review = client.get(reverse("storefront:checkout-review")).content.decode()
        assert "Chemise oxford à col boutonné" in review
        assert "Livraison standard" in review and "Standard delivery" not in review

        with django_capture_on_commit_callbacks(execute=True):
            confirmation = place(client)
        confirmation = client.get(confirmation.url).content.decode()
    assert "Chemise oxford à col boutonné" in confirmation
    assert f"Bleu ciel, {size}" in confirmation
    assert "Livraison standard" in confirmation

    order = Order.objects.get()
    assert order.language == "fr"
    assert order.delivery_method_name == "Livraison standard"
    [line] = order.lines.all()
    assert (line.product_name, line.colour) == ("Chemise oxford à col boutonné", "Bleu ciel")

    [email] = mail.outbox
    body = email.body
    assert "Chemise oxford à col boutonné" in body
    assert f"Bleu ciel, {size}" in body
    assert "Livraison standard" in body
    assert "Standard delivery" not in body and "Sky blue" not in body


def test_the_order_keeps_its_names_in_its_own_language_whatever_is_active(demo):
    # proves: ORD-1, SITE-6
    from maison.checkout import services

    scarf = in_stock("lambswool-scarf", "Camel", "One size")
    with override("en"):
        order = services.place_order(
            factories.ready_checkout([(scarf, 1)]), accepted_terms=True, language="fr"
        )
    [line] = order.lines.all()
    assert line.product_name == "Écharpe en laine d'agneau"
    assert (line.colour, line.size) == ("Camel", "Taille unique")
    assert order.delivery_method_name == "Livraison standard"
    assert order.language == "fr"


def test_an_english_shopper_still_reads_english(client, demo):
    # proves: SITE-6
    with override("en"):
        page = client.get(reverse("storefront:product", args=["oxford-button-down-shirt"]))
    text = page.content.decode()
    assert "Oxford button-down shirt" in text and "Sky blue" in text
    assert "Chemise oxford" not in text


def test_a_missing_french_text_falls_back_to_english(client, store):
    # proves: SITE-6, ORD-1
    product = factories.product(name="Linen scarf", description="A light scarf in linen.")
    factories.variant(of=product, colour="Sage")
    product.name_fr = ""
    product.description_fr = "Une écharpe légère en lin."
    product.save()
    with override("fr"):
        page = client.get(reverse("storefront:product", args=[product.slug])).content.decode()
    assert "Linen scarf" in page  # no French name yet: the English one
    assert "Sage" in page
    assert "Une écharpe légère en lin." in page and "A light scarf in linen." not in page


def test_the_back_office_marks_products_whose_french_is_missing(admin_client, store):
    # proves: SITE-6
    done = factories.product(name="Poplin shirt", description="A straight shirt in poplin.")
    Product.objects.filter(pk=done.pk).update(
        name_fr="Chemise en popeline",
        description_fr="Une chemise droite en popeline.",
        composition_fr="100 % coton",
        care_fr="Lavage à 30 °C",
    )
    todo = factories.product(name="Linen scarf")
    listing = admin_client.get(reverse("admin:catalog_product_changelist")).content.decode()
    assert "French missing: name, description, composition, care" in listing
    assert listing.count("French missing: ") == 1
    missing = admin_client.get(
        reverse("admin:catalog_product_changelist"), {"french": "missing"}
    ).content.decode()
    assert "Linen scarf" in missing and "Poplin shirt" not in missing
    form = admin_client.get(reverse("admin:catalog_product_change", args=[todo.pk]))
    text = form.content.decode()
    assert 'name="name_en"' in text and 'name="name_fr"' in text
