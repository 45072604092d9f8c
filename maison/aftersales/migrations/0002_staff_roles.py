"""Who does what with returns and claims (RET-1 to RET-6).

Customer service records withdrawals and claims received by post or
telephone and follows them up; the warehouse records parcels and inspects
them; finance pays refunds (with the order's `pay_refund`). All three read returns and claims.
"""

from django.db import migrations

GRANTS = {
    "Customer service": [
        "view_return",
        "view_returnline",
        "add_return",
        "change_return",
        "view_claim",
        "add_claim",
        "change_claim",
    ],
    # Inspection is written on the return's lines.
    "Warehouse": ["view_return", "change_return", "view_returnline", "change_returnline", "view_claim"],
    "Finance": ["view_return", "change_return", "view_returnline", "view_claim"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("aftersales")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="aftersales", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="aftersales"))


class Migration(migrations.Migration):
    dependencies = [
        ("aftersales", "0001_returns_and_claims"),
        ("accounts", "0002_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
