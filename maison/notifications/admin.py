from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """What was sent, as proof (ORD-11); links carrying a secret show redacted.

    The stored copy never held them: they were built into the message sent
    and nowhere else (see `maison.notifications.rendering`).
    """

    list_display = ["summary", "to", "status", "attempts", "queued_at", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to", "reference", "subject", "message_id"]
    fields = [
        "to",
        "template",
        "language",
        "reference",
        "status",
        "attempts",
        "last_error",
        "queued_at",
        "next_attempt_at",
        "lease_until",
        "sent_at",
        "message_id",
        "subject",
        "text_body",
        "html_body",
    ]
    readonly_fields = fields

    @admin.display(description=_("subject"))
    def summary(self, email: OutboxEmail) -> str:
        return email.subject or f"({email.template})"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # The record of what was sent is proof (ORD-11): nobody deletes it, not even a superuser.
        return False
