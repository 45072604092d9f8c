"""An issued document's PDF is recorded once, after its number is committed (DATA-1).

The number and the document are committed first, in a short transaction; the
PDF is rendered and stored afterwards, with no lock held, and its name and
SHA-256 are then written on the document. On PostgreSQL the trigger lets that
one change through: `pdf_name` and `pdf_sha256` set on a document that has no
PDF recorded yet, every other column unchanged. Everything else stays refused.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION invoicing_document_pdf_once() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.pdf_sha256 = '' AND NEW.pdf_sha256 <> ''
        AND to_jsonb(NEW) - 'pdf_name' - 'pdf_sha256' = to_jsonb(OLD) - 'pdf_name' - 'pdf_sha256'
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is written once: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS invoicing_document_written_once ON invoicing_document"
    )
    schema_editor.execute(
        "CREATE TRIGGER invoicing_document_written_once BEFORE UPDATE OR DELETE "
        "ON invoicing_document FOR EACH ROW EXECUTE FUNCTION invoicing_document_pdf_once()"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS invoicing_document_written_once ON invoicing_document"
    )
    schema_editor.execute(
        "CREATE TRIGGER invoicing_document_written_once BEFORE UPDATE OR DELETE "
        "ON invoicing_document FOR EACH ROW EXECUTE FUNCTION invoicing_refuse_change()"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS invoicing_document_pdf_once()")


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0004_deduction_line")]

    operations = [migrations.RunPython(create, drop)]
