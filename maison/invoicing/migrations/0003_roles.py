"""Staff roles and documents: everyone who handles orders reads them; Finance records rates."""

from django.db import migrations

ROLES = {
    "Warehouse": ["invoicing.view_document"],
    "Customer service": ["invoicing.view_document"],
    "Finance": [
        "invoicing.view_document",
        "invoicing.view_exchangerate",
        "invoicing.add_exchangerate",
        "invoicing.change_exchangerate",
    ],
}


def _grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def _revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group = Group.objects.filter(name=name).first()
        for dotted in wanted if group else []:
            app_label, codename = dotted.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0002_written_once"),
        ("orders", "0008_roles_for_order_life"),
    ]

    operations = [migrations.RunPython(_grant, _revoke)]
