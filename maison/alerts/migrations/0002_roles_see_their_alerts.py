"""Each staff role may read its alerts and mark them resolved (the list filters by role)."""

from django.db import migrations

ROLES = ["Customer service", "Warehouse", "Finance"]
CODENAMES = ["view_staffalert", "change_staffalert"]


def ensure_permissions(apps):
    """Permissions are normally made after all migrations; the roles need these now."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="alerts", codename__in=CODENAMES
    )
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="alerts", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ("alerts", "0001_staff_alerts"),
        ("accounts", "0002_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
