"""The staff roles' share of an order's life: warehouse ships but cannot refund,
finance refunds, customer service blocks, releases and refuses buyers."""

from django.db import migrations

ROLES = {
    "Warehouse": [
        "orders.process_order",
        "orders.view_shipment",
        "orders.view_shipmentline",
    ],
    "Finance": [
        "orders.pay_refund",
        "orders.view_refund",
        "orders.view_shipment",
        "orders.view_shipmentline",
    ],
    "Customer service": [
        "orders.block_order",
        "orders.view_shipment",
        "orders.view_shipmentline",
        "orders.view_refund",
        "orders.view_buyerflag",
        "orders.add_buyerflag",
        "orders.change_buyerflag",
        "orders.view_purchaselimit",
        "orders.add_purchaselimit",
        "orders.change_purchaselimit",
        "orders.delete_purchaselimit",
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
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def _revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_staff_groups"),
        ("orders", "0007_order_life"),
    ]

    operations = [migrations.RunPython(_grant, _revoke)]
