from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """A back-office screen for records only the code writes: staff read, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
