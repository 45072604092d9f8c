"""The VAT return is Finance's: a permission of its own, granted to Finance only.

Warehouse and customer service read invoices (`view_document`) to answer buyers
and pack parcels; the quarter's sales and VAT per country are not theirs to see.
"""

from django.db import migrations


def _grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("invoicing")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Finance")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="invoicing", codename="view_vat_return")
    )


def _revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Finance").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="invoicing", codename="view_vat_return"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0006_labels_in_french"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="document",
            options={
                "ordering": ["year", "sequence"],
                "permissions": [("view_vat_return", "Can see the VAT return")],
                "verbose_name": "invoice or credit note",
                "verbose_name_plural": "invoices and credit notes",
            },
        ),
        migrations.RunPython(_grant, _revoke),
    ]
