"""The staff roles of the back office (ACC-7, DATA-4): each sees only what its work needs."""

from django.db import migrations

ROLES = {
    "Customer service": [
        "orders.view_order",
        "orders.change_order",
        "orders.view_orderline",
        "orders.view_orderevent",
        "payments.view_payment",
        "notifications.view_outboxemail",
        "accounts.view_user",
        "accounts.view_profile",
        "accounts.change_profile",
        "accounts.view_address",
        "accounts.change_address",
        "accounts.view_wishlistitem",
        "catalog.view_product",
        "catalog.view_variant",
        "inventory.view_stock",
    ],
    "Warehouse": [
        "orders.view_order",
        "orders.view_orderline",
        "orders.view_orderevent",
        "inventory.view_stock",
        "inventory.change_stock",
        "catalog.view_product",
        "catalog.view_variant",
        "shipping.view_deliverymethod",
    ],
    "Finance": [
        "orders.view_order",
        "orders.view_orderline",
        "orders.view_orderevent",
        "payments.view_payment",
        "payments.change_payment",
        "payments.view_paymenttransaction",
    ],
}


def ensure_permissions(apps):
    """Permissions are normally made after all migrations; these groups need them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0001_initial"),
        ("inventory", "0001_initial"),
        ("notifications", "0001_initial"),
        ("orders", "0002_order_customer"),
        ("payments", "0001_initial"),
        ("shipping", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
