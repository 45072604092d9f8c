"""On PostgreSQL, issued documents and archived records refuse UPDATE and DELETE (DATA-1, ORD-11).

A trigger holds even against raw SQL; SQLite relies on the models' refusal.
The counter and the pending rows are not covered: they change by design.
"""

from django.db import migrations

TABLES = ("invoicing_document", "invoicing_documentline", "invoicing_archiverecord")

FUNCTION = """
CREATE OR REPLACE FUNCTION invoicing_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is written once: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_written_once BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION invoicing_refuse_change()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_written_once ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS invoicing_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
