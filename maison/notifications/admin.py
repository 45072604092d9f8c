from django.contrib import admin

from .models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "queued_at", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to", "reference", "subject"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]

    def has_add_permission(self, request):
        return False
