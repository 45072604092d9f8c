"""Following a return up is the warehouse's and customer service's, not Finance's.

Finance may change a return only to record a refund paid by bank transfer; the
parcel's dates, the exchange and closing a return whose parcel never came
(the buyer is then refused the refund) need `follow_return`.
"""

from django.db import migrations

ROLES = ["Warehouse", "Customer service"]


def _grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("aftersales")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    follow = Permission.objects.get(content_type__app_label="aftersales", codename="follow_return")
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(follow)


def _revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    follow = Permission.objects.filter(
        content_type__app_label="aftersales", codename="follow_return"
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*follow)


class Migration(migrations.Migration):
    dependencies = [
        ("aftersales", "0006_labels_in_french"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="return",
            options={
                "ordering": ["-notified_at", "-id"],
                "permissions": [
                    ("follow_return", "Can record a return's parcel, exchange or closing")
                ],
                "verbose_name": "return",
                "verbose_name_plural": "returns",
            },
        ),
        migrations.RunPython(_grant, _revoke),
    ]
