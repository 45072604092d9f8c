from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import StaffAlert
from .queries import alerts_visible_to
from .services import resolve_alerts


class StateFilter(admin.SimpleListFilter):
    """Open alerts first: the list is a to-do list, resolved ones are history."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("resolved", _("Resolved")), ("all", _("All"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Open"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(resolved_at__isnull=self.value() != "resolved")


@admin.register(StaffAlert)
class StaffAlertAdmin(admin.ModelAdmin):
    list_display = ["subject", "role", "created_at", "resolved_at"]
    list_filter = [StateFilter, "role", "code"]
    search_fields = ["subject", "body", "key"]
    fields = [
        "subject",
        "role",
        "code",
        "key",
        "body",
        "where",
        "created_at",
        "resolved_at",
        "resolved_by",
    ]
    readonly_fields = fields
    actions = ["resolve"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return alerts_visible_to(request.user)

    @admin.display(description=_("act on it at"))
    def where(self, alert):
        return format_html('<a href="{}">{}</a>', alert.link, alert.link) if alert.link else "—"

    @admin.action(description=_("Mark the selected alerts resolved"), permissions=["change"])
    def resolve(self, request, queryset):
        count = resolve_alerts(queryset.values_list("pk", flat=True), by=request.user.email)
        self.message_user(
            request,
            ngettext("%(count)d alert resolved.", "%(count)d alerts resolved.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
