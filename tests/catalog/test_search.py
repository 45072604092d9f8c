"""SITE-1: search finds products by words, in the shopper's language, best matches first."""

import os

import pytest
from django.db import connection

from maison.catalog.demo import load_demo
from maison.catalog.models import Product
from tests import factories


@pytest.fixture
def postgresql_only(db):
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("CI must run the full-text search tests on PostgreSQL (set DATABASE_URL)")
        pytest.skip("full-text search is PostgreSQL's; set DATABASE_URL to run it")


@pytest.fixture
def demo(postgresql_only):
    load_demo()


def found(client, url) -> list[str]:
    return [product.name for product in client.get(url).context["page"]]


@pytest.mark.postgres
def test_chemise_on_the_french_site_finds_the_shirts_first(client, store, demo):
    # proves: SITE-1, SITE-6
    names = found(client, "/fr/search/?q=chemise")
    shirts = [name for name in names if name.startswith("Chemise")]
    assert len(shirts) == 10  # every shirt named "Chemise …" in the demo
    assert names[: len(shirts)] == shirts  # names match before descriptions
    # The sleeveless vest only mentions a shirt in its description: found, but after.
    assert "Pull sans manches en mérinos" in names[len(shirts) :]


@pytest.mark.postgres
def test_a_plural_finds_the_singular(client, store, demo):
    # proves: SITE-1
    assert "Chemise oxford à col boutonné" in found(client, "/fr/search/?q=chemises")
    assert "Oxford button-down shirt" in found(client, "/en/search/?q=shirts")
    assert "Leather Derby shoes" in found(client, "/en/search/?q=derbies")


@pytest.mark.postgres
def test_accents_are_optional(client, store, demo):
    # proves: SITE-1
    assert found(client, "/fr/search/?q=cafe") == ["Lunettes de soleil rondes en acétate"]
    assert found(client, "/fr/search/?q=echarpe") == ["Écharpe en laine d'agneau"]
    assert found(client, "/fr/search/?q=CAFÉ") == ["Lunettes de soleil rondes en acétate"]


@pytest.mark.postgres
def test_a_name_match_ranks_above_a_description_match(client, store, postgresql_only):
    # proves: SITE-1
    # The description match comes first in the catalogue order; the name match wins.
    factories.variant(
        of=factories.product(name="Wool scarf", description="Knitted to go with a merino jumper.")
    )
    factories.variant(
        of=factories.product(name="Merino jumper", description="Fine knit, ribbed cuffs.")
    )
    assert found(client, "/en/search/?q=merino") == ["Merino jumper", "Wool scarf"]


@pytest.mark.postgres
def test_the_search_vector_follows_the_product_as_staff_edit_it(client, store, postgresql_only):
    # proves: SITE-1
    shirt = factories.product(name="Poplin shirt")
    factories.variant(of=shirt)
    assert found(client, "/fr/search/?q=popeline") == []
    shirt.name_fr = "Chemise en popeline"
    shirt.save()
    assert found(client, "/fr/search/?q=popeline") == ["Chemise en popeline"]
    Product.objects.filter(pk=shirt.pk).update(name_fr="Chemise rayée")
    assert found(client, "/fr/search/?q=rayee") == ["Chemise rayée"]


def test_without_postgresql_search_matches_words_in_either_language(client, store):
    # proves: SITE-1
    if connection.vendor == "postgresql":
        pytest.skip("the substring fallback is for SQLite")
    shirt = factories.product(name="Poplin shirt", description="A straight shirt in poplin.")
    factories.variant(of=shirt)
    Product.objects.filter(pk=shirt.pk).update(
        name_fr="Chemise en popeline", description_fr="Une chemise droite."
    )
    assert found(client, "/en/search/?q=popeline") == ["Poplin shirt"]
    assert found(client, "/fr/search/?q=poplin") == ["Chemise en popeline"]
    assert found(client, "/fr/search/?q=droite") == ["Chemise en popeline"]
