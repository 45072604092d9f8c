"""SITE-6, ORD-1: French names from the category to the email; the country never changes the
language."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from maison.catalog.demo import load_demo
from maison.catalog.models import Variant
from maison.orders.models import Order
from tests import factories

from .test_guest_purchase import choose

OXFORD = "Chemise oxford à col boutonné"


@pytest.fixture
def demo_house(transactional_db):
    load_demo()
    return Variant.objects.filter(
        product__slug="oxford-button-down-shirt", colour_en="Sky blue", stock__on_hand__gt=0
    ).first()


def test_a_french_shopper_buys_on_the_french_site_and_reads_french_names(new_page, demo_house, axe):
    # proves: SITE-6, ORD-1
    size = demo_house.size_en
    page = new_page(locale="fr-FR")
    page.goto("/fr/c/shirts/")
    page.get_by_role("button", name="Continuer", exact=True).click()
    expect(page).to_have_url(re.compile(r"/fr/c/shirts/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Chemises")
    page.get_by_role("link", name=OXFORD).first.click()

    main = page.get_by_role("main")
    for shown in [OXFORD, "100 % oxford de coton", "Lavage en machine à 30 °C", "Bleu ciel"]:
        expect(main).to_contain_text(shown)
    expect(main).not_to_contain_text("Sky blue")
    axe(page)
    choose(page, "Bleu ciel", size)
    page.get_by_role("button", name="Ajouter au panier").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre panier")
    expect(page.get_by_role("table")).to_contain_text(OXFORD)
    expect(page.get_by_role("table")).to_contain_text(f"Bleu ciel, {size}")
    page.get_by_role("link", name="Commander", exact=True).click()

    page.get_by_label("E-mail").fill("camille@example.com")
    address = page.get_by_role("group", name="Adresse de livraison")
    for label, key in [
        ("Prénom", "first_name"),
        ("Nom", "last_name"),
        ("Adresse", "line1"),
        ("Code postal", "postal_code"),
        ("Ville", "city"),
        ("Téléphone, pour le transporteur", "phone"),
    ]:
        address.get_by_label(label, exact=True).fill(factories.GOOD_ADDRESS[key])
    page.get_by_role("button", name="Continuer vers la livraison").click()

    page.get_by_role("radio", name=re.compile("Livraison standard")).check()
    expect(page.get_by_role("main")).to_contain_text("Colis suivi, livré à votre porte.")
    page.get_by_role("button", name="Continuer vers le paiement").click()
    page.get_by_label("Numéro de carte").fill(factories.APPROVED_CARD)
    page.get_by_label("Mois d'expiration (MM)").fill("12")
    page.get_by_label("Année d'expiration (AAAA)").fill("2099")
    page.get_by_label("Cryptogramme visuel").fill("123")
    page.get_by_role("button", name="Continuer vers la vérification").click()

    review = page.get_by_role("main")
    for shown in [OXFORD, f"Bleu ciel, {size}", "Livraison standard"]:
        expect(review).to_contain_text(shown)
    expect(review).not_to_contain_text("Standard delivery")
    page.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    page.get_by_role("button", name=re.compile("Passer la commande")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre commande a bien été enregistrée"
    )
    confirmation = page.get_by_role("main")
    expect(confirmation).to_contain_text(OXFORD)
    expect(confirmation).to_contain_text("Livraison standard")
    axe(page)

    order = Order.objects.get()
    [email] = [sent for sent in mail.outbox if order.number in sent.subject]
    assert OXFORD in email.body
    assert f"Bleu ciel, {size}" in email.body
    assert "Livraison standard" in email.body


def test_an_english_shopper_confirms_france_and_stays_in_english(new_page, demo_house):
    # proves: SITE-6, SITE-3
    page = new_page(locale="fr-FR")  # a French browser, reading the English site
    page.goto("/en/c/shirts/")
    expect(
        page.get_by_text("To continue shopping in EUR and get shipping options in France")
    ).to_be_visible()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/c/shirts/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Shirts")
    expect(page.get_by_role("link", name="Oxford button-down shirt").first).to_be_visible()

    # The footer switch goes to the same page in French, then back, whatever the browser says.
    page.get_by_label("Language").select_option(label="Français")
    page.get_by_role("button", name="Change language").click()
    expect(page).to_have_url(re.compile(r"/fr/c/shirts/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Chemises")
    page.get_by_label("Langue").select_option(label="English")
    page.get_by_role("button", name="Changer de langue").click()
    expect(page).to_have_url(re.compile(r"/en/c/shirts/$"))
