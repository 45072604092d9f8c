"""An exchange rate is more than zero: zero or below would erase the quarter's VAT (OSS)."""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0007_vat_return_for_finance"),
    ]

    operations = [
        migrations.AlterField(
            model_name="exchangerate",
            name="eur_per_unit",
            field=models.DecimalField(
                decimal_places=6,
                max_digits=12,
                validators=[django.core.validators.MinValueValidator(Decimal("0.000001"))],
                verbose_name="EUR for one unit",
            ),
        ),
    ]
