"""Customer service reads orders and customers' accounts; it changes them through the
order desk's steps and the customers themselves. The grants to "change" an order, a
profile or an address promised an edit no page offered: they are withdrawn."""

from django.db import migrations

WITHDRAWN = [
    ("orders", "change_order"),
    ("accounts", "change_profile"),
    ("accounts", "change_address"),
]


def withdraw(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Customer service").first()
    if group is None:
        return
    for app_label, codename in WITHDRAWN:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


def grant_again(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Customer service").first()
    if group is None:
        return
    for app_label, codename in WITHDRAWN:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_profile_awaiting_confirmation"),
        ("orders", "0014_refusal_outlives_the_account"),
    ]

    operations = [migrations.RunPython(withdraw, grant_again)]
