"""Finance and customer service read the payment attempts, to follow a buyer's payment."""

from django.db import migrations

ROLES = {
    "Finance": ["checkout.view_paymentattempt"],
    "Customer service": ["checkout.view_paymentattempt"],
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
        ("checkout", "0003_payment_attempts"),
        ("accounts", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="paymentattempt",
            options={
                "verbose_name": "payment attempt",
                "verbose_name_plural": "payment attempts",
            },
        ),
        migrations.RunPython(_grant, _revoke),
    ]
