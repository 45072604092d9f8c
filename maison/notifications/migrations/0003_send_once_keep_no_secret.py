"""Emails rendered when sent, secret links never kept, sending under a lease.

Rows written before: each gets a Message-ID; the links that carried a secret
(password reset, claim, order access) are struck from what was kept; and one
still waiting gets the references it will be rendered from, taken from what
it is about (an order number, or `account:<id>`).
"""

import re
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.db import migrations, models

SECRET_TEMPLATES = {"password_reset", "claim_orders", "order_acknowledgment"}
LINK = re.compile(r"https?://[^\s\"'<>]+")
REDACTED = "[personal link removed: only the recipient received it]"


def keep_no_secret(apps, schema_editor):
    OutboxEmail = apps.get_model("notifications", "OutboxEmail")
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    for email in OutboxEmail.objects.all().iterator():
        email.message_id = make_msgid("outbox", domain=domain)
        if email.template in SECRET_TEMPLATES:
            email.language = "fr" if "/fr/" in email.text_body else "en"
            if email.status == "pending":
                if email.reference.startswith("account:"):
                    email.context = {"user": int(email.reference.removeprefix("account:"))}
                else:
                    email.context = {"order": email.reference}
                email.subject = email.text_body = email.html_body = ""
            else:
                email.text_body = LINK.sub(REDACTED, email.text_body)
                email.html_body = LINK.sub(REDACTED, email.html_body)
        email.save()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_next_attempt"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxemail",
            name="context",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="outboxemail",
            name="language",
            field=models.CharField(default="en", max_length=10),
        ),
        migrations.AddField(
            model_name="outboxemail",
            name="lease_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="outboxemail",
            name="message_id",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="html_body",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "pending"),
                    ("sending", "sending"),
                    ("sent", "sent"),
                    ("cancelled", "cancelled"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="subject",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="text_body",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(keep_no_secret, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outboxemail",
            name="message_id",
            field=models.CharField(max_length=200, unique=True),
        ),
    ]
