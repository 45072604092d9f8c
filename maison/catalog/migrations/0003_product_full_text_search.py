"""Full-text search of the catalogue on PostgreSQL (SITE-1).

French and English text search configurations that ignore accents, a weighted
search vector per product kept by a trigger (names A, descriptions and
compositions B, in both languages), and a GIN index on it. On SQLite only the
empty column is added: search falls back to substrings there.
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIGURATIONS = """
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""

TRIGGER = """
CREATE FUNCTION catalog_product_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('french_unaccent'::regconfig, coalesce(NEW.name_fr, '')), 'A')
        || setweight(to_tsvector('english_unaccent'::regconfig, coalesce(NEW.name_en, '')), 'A')
        || setweight(to_tsvector('french_unaccent'::regconfig,
               coalesce(NEW.description_fr, '') || ' ' || coalesce(NEW.composition_fr, '')), 'B')
        || setweight(to_tsvector('english_unaccent'::regconfig,
               coalesce(NEW.description_en, '') || ' ' || coalesce(NEW.composition_en, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalog_product_search_vector
    BEFORE INSERT OR UPDATE ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION catalog_product_search_vector();
CREATE INDEX catalog_product_search_vector_gin ON catalog_product USING gin (search_vector);
UPDATE catalog_product SET id = id;
"""

REVERSE = """
DROP INDEX IF EXISTS catalog_product_search_vector_gin;
DROP TRIGGER IF EXISTS catalog_product_search_vector ON catalog_product;
DROP FUNCTION IF EXISTS catalog_product_search_vector();
DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_catalogue_text_in_english_and_french"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.AddField(
            model_name="product",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(on_postgresql(CONFIGURATIONS + TRIGGER), on_postgresql(REVERSE)),
    ]
