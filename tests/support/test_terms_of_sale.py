"""The whole terms of sale from the policy, in both languages; every version kept (SITE-4)."""

import dataclasses
import hashlib
from datetime import time
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from maison.markets.models import Market
from maison.orders.models import Order
from maison.terms import policy
from maison.terms.models import TermsVersion
from tests import factories
from tests.accounts.helpers import member, signed_in
from tests.storefront.helpers import buy

NBSP, NNBSP = "\u00a0", "\u202f"


def articles(client, url):
    """The articles of a terms page, without the banner and footer around them."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<div class="terms-articles">')
    return html[start : html.index("</main>", start)]


@pytest.fixture
def other_house(monkeypatch, store):
    """A house with other figures everywhere: the page must print these, not the defaults."""
    changed = dataclasses.replace(
        policy.POLICY,
        withdrawal_days=21,
        return_shipping_days=25,
        refund_days=11,
        complaint_days=9,
        late_delivery_cancel_days=45,
        unavailable_refund_days=12,
        guarantee_months=36,
        conformity_presumption_months=18,
        hidden_defects_months=27,
        amicable_settlement_days=35,
        return_cost_minor=7_50,
        seller_share_capital_minor=50_000_00,
        service_opens=time(9, 30),
        service_closes=time(17, 45),
        store_time_zone="Europe/Brussels",
        periods_holidays_country="BE",
        returns_address="Orvane Returns, 5 quai des Colis, 59000 Lille, France",
        seller_registration="RCS Lille 911 222 333",
        seller_vat_number="FR77911222333",
        mediator_name="Médiateur des Ateliers Textiles",
        mediator_address="9 rue de la Conciliation, 69001 Lyon, France",
        mediator_website="https://ateliers-mediation.example",
    )
    monkeypatch.setattr(policy, "POLICY", changed)
    Market.objects.filter(country="FR").update(free_delivery_threshold_minor=300_00)
    return changed


# Every figure, written by hand, as the page must say it in each language.
FIGURES = {
    "en": [
        "within 21 days of delivery",
        "within 25 days of telling us",
        "within 11 days of receiving them",
        "within 9 days of delivery",
        "45 days after the latest estimated date",
        "more than 45 days late",
        "refunded within 12 days",
        "within 36 months of delivery",
        "within 18 months of delivery is presumed",
        "within 27 months of discovering the defect",
        "within 35 days of a registered letter",
        "<td>€300.00</td>",
        "<td>€7.50</td>",
        "share capital of €50,000.00",
        "9:30 to 17:45 (Brussels time)",
        "in our time zone (Brussels time)",
        "a Sunday or a public holiday in Belgium runs until the next working day",
        "Orvane Returns, 5 quai des Colis, 59000 Lille, France",
        "registered as RCS Lille 911 222 333, VAT number FR77911222333",
        "Médiateur des Ateliers Textiles, 9 rue de la Conciliation, 69001 Lyon, France, "
        "https://ateliers-mediation.example",
    ],
    "fr": [
        "dans un délai de 21 jours à compter de la livraison",
        "dans un délai de 25 jours à compter de cette information",
        "dans un délai de 11 jours à compter de leur réception",
        "dans un délai de 9 jours à compter de la livraison",
        "45 jours après la date de livraison estimée la plus tardive",
        "retard de livraison de plus de 45 jours",
        "remboursés dans un délai de 12 jours",
        "dans un délai de 36 mois à compter de la livraison",
        "dans un délai de 18 mois à compter de la livraison est présumé",
        "dans un délai de 27 mois à compter de la découverte du vice",
        "dans un délai de 35 jours à compter d'une lettre recommandée",
        f"<td>300,00{NBSP}€</td>",
        f"<td>7,50{NBSP}€</td>",
        f"au capital de 50{NNBSP}000,00{NBSP}€",
        "de 09:30 à 17:45 (heure de Brussels)",
        "fuseau horaire (heure de Brussels)",
        "un dimanche ou un jour férié en Belgique est prorogé",
        "Orvane Returns, 5 quai des Colis, 59000 Lille, France",
        "immatriculée sous le numéro RCS Lille 911 222 333, numéro de TVA intracommunautaire "
        "FR77911222333",
        "Médiateur des Ateliers Textiles, 9 rue de la Conciliation, 69001 Lyon, France, "
        "https://ateliers-mediation.example",
    ],
}
# What a page with the default figures hard-coded would print instead.
DEFAULTS = {
    "en": ["14 days", "20 days", "30 days", "24 months", "€250.00", "€10.00", "10:00", "18:00"],
    "fr": [
        "14 jours",
        "20 jours",
        "30 jours",
        "24 mois",
        f"250,00{NBSP}€",
        f"10,00{NBSP}€",
        "10:00",
        "18:00",
        "Saint-Denis",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_figure_of_the_terms_follows_the_policy_in_both_languages(
    client, other_house, language
):
    # proves: SITE-4, SITE-6, SITE-2, RET-1, RET-2, RET-4, RET-5, RET-6, RET-7, DEL-4, ORD-7
    page = articles(client, f"/{language}/terms/")
    for figure in FIGURES[language]:
        assert figure in page, figure
    for default in DEFAULTS[language]:
        assert default not in page, default


def test_the_terms_cover_every_clause_of_the_seed(client, store):
    # proves: SITE-4
    page = articles(client, "/en/terms/")
    for clause in [
        "legal guarantee against hidden defects",
        "is presumed to have existed at delivery",
        "refunded within 14 days",
        "Returns are free when the order reached the free-returns threshold",
        "We may block an order",
        "We may refuse an order",
        "obviously wrong price",
        "an order we suspect of fraud",
        "limit the quantity of a product one buyer may purchase",
        "When our online store closes",
        "the address is wrong or incomplete",
        "Parcels are sent to: Maison Orvane, service retours",
        "the withdrawal form of the order page",
        "damaged, soiled, incomplete, whose label has been removed, or that is a counterfeit",
        "Personal data",
        "governed by French law",
        "consumer mediator",
        "Force majeure",
        "runs until the next working day (article L221-19",
        "a public holiday in France runs until",
        "the period runs from the delivery of the last one",
        "the date the carrier took the parcel counts",
        "A parcel sent after this period is refused",
        "another size or colour of the same product at the same price",
        "Our own periods, such as the time we take to refund, are never extended",
        "The standard delivery cost is refunded when the whole order comes back",
        "When only part of it comes back, it is not refunded",
        "is never refunded (article 13(2)",
        "Intellectual property",
        "No waiver",
    ]:
        assert clause in page, clause
    assert page.count("<h2 ") == 22
    faq = client.get("/en/faq/").content.decode()
    assert "and the standard delivery cost when the whole order comes back" in faq


def test_the_french_terms_say_the_french_version_prevails(client, store):
    # proves: SITE-6, SITE-4
    french = client.get("/fr/terms/").content.decode()
    assert "Conditions générales de vente" in french
    assert "la version française prévaut" in french
    assert "rédigées en français et traduites en anglais" in french
    english = client.get("/en/terms/").content.decode()
    assert "the French version prevails" in english


def test_a_published_version_is_kept_as_it_was_whatever_the_policy_says_later(
    client, store, monkeypatch, caplog
):
    # proves: ORD-4, SITE-4, SITE-6, ORD-11
    out = StringIO()
    call_command("publish_terms", stdout=out)
    assert "Terms of sale version 2026-12-07 published." in out.getvalue()
    kept = TermsVersion.objects.get()
    assert kept.version == "2026-12-07"
    assert kept.sha256_fr == hashlib.sha256(kept.text_fr.encode()).hexdigest()
    assert kept.sha256_en == hashlib.sha256(kept.text_en.encode()).hexdigest()
    assert "within 14 days of delivery" in kept.text_en
    assert "dans un délai de 14 jours à compter de la livraison" in kept.text_fr

    again = StringIO()
    call_command("publish_terms", stdout=again)
    assert "already published; unchanged" in again.getvalue()
    assert TermsVersion.objects.count() == 1

    monkeypatch.setattr(policy, "POLICY", dataclasses.replace(policy.POLICY, withdrawal_days=21))
    with pytest.raises(CommandError, match="already published with another text"):
        call_command("publish_terms", stdout=StringIO())
    kept.refresh_from_db()
    assert "within 14 days of delivery" in kept.text_en

    shown = articles(client, "/en/terms/2026-12-07/")
    assert "within 14 days of delivery" in shown and "within 21 days" not in shown
    assert "dans un délai de 14 jours" in articles(client, "/fr/terms/2026-12-07/")

    monkeypatch.setattr(
        policy, "POLICY", dataclasses.replace(policy.POLICY, terms_version="2027-01-15")
    )
    call_command("publish_terms", stdout=StringIO())
    assert list(TermsVersion.objects.values_list("version", flat=True).order_by("version")) == [
        "2026-12-07",
        "2027-01-15",
    ]
    assert "within 21 days of delivery" in articles(client, "/en/terms/")
    assert "differ from kept" not in caplog.text
    Market.objects.update(free_delivery_threshold_minor=400_00)
    articles(client, "/en/terms/")
    assert "differ from kept version 2027-01-15" in caplog.text
    earlier = client.get("/en/terms/2026-12-07/").content.decode()
    assert "This is an earlier version, kept as it was published." in earlier
    assert "within 14 days of delivery" in earlier


def test_an_unknown_version_is_not_found(client, store):
    # proves: ORD-4
    assert client.get("/en/terms/1999-01-01/").status_code == 404
    assert client.get("/fr/terms/nope/").status_code == 404


def test_the_order_page_links_the_terms_the_buyer_accepted(client, store, monkeypatch):
    # proves: ORD-4, SITE-4
    placed = buy(client, factories.variant())
    order = Order.objects.get()
    assert order.terms_version == "2026-12-07"
    page = client.get(placed.url).content.decode()
    link = '<a href="/en/terms/2026-12-07/">Read the terms of sale you accepted</a>'
    assert link in page
    # Nothing published yet (a fresh store): the current version is drawn live.
    assert "within 14 days of delivery" in articles(client, "/en/terms/2026-12-07/")

    call_command("publish_terms", stdout=StringIO())
    monkeypatch.setattr(
        policy,
        "POLICY",
        dataclasses.replace(policy.POLICY, terms_version="2027-01-15", withdrawal_days=21),
    )
    call_command("publish_terms", stdout=StringIO())
    page = client.get(placed.url).content.decode()
    assert link in page
    accepted = articles(client, "/en/terms/2026-12-07/")
    assert "within 14 days of delivery" in accepted and "within 21 days" not in accepted

    french = client.get(placed.url.replace("/en/", "/fr/", 1)).content.decode()
    assert (
        '<a href="/fr/terms/2026-12-07/">'
        "Lire les conditions générales de vente que vous avez acceptées</a>"
    ) in french


def test_a_members_order_page_links_the_accepted_terms(client, store):
    # proves: ORD-4, ACC-5
    camille = member()
    signed_in(client, camille)
    buy(client, factories.variant())
    order = Order.objects.get()
    assert order.customer == camille
    page = client.get(reverse("storefront:account-order", args=[order.number])).content.decode()
    assert f'<a href="/en/terms/{order.terms_version}/">' in page


def test_customer_service_produces_a_kept_version_and_nobody_edits_it(client, store):
    # proves: ORD-4, ORD-11
    call_command("publish_terms", stdout=StringIO())
    kept = TermsVersion.objects.get()
    adviser = get_user_model().objects.create_user(
        "lea@orvane.example", "Counter-desk-4", is_staff=True
    )
    adviser.groups.add(Group.objects.get(name="Customer service"))
    client.force_login(adviser)
    listing = client.get(reverse("admin:terms_termsversion_changelist"))
    assert listing.status_code == 200 and "2026-12-07" in listing.content.decode()
    shown = client.get(reverse("admin:terms_termsversion_change", args=[kept.pk]))
    assert shown.status_code == 200
    html = shown.content.decode()
    assert kept.sha256_fr in html and "la version française prévaut" in html
    assert 'name="text_fr"' not in html
    assert client.post(reverse("admin:terms_termsversion_add"), {}).status_code == 403
    deleting = reverse("admin:terms_termsversion_delete", args=[kept.pk])
    assert client.post(deleting, {"post": "yes"}).status_code == 403
    assert TermsVersion.objects.filter(pk=kept.pk).exists()


def test_the_demo_publishes_the_current_terms(db, settings, tmp_path):
    # proves: ORD-4
    settings.VAR_DIR = tmp_path / "var"
    call_command("load_demo", stdout=StringIO())
    assert list(TermsVersion.objects.values_list("version", flat=True)) == ["2026-12-07"]
