from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import Address, Profile, WishlistItem

User = get_user_model()


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["title", "phone", "legacy", "imported_at", "past_order_references", "erased_at"]
    readonly_fields = ["legacy", "imported_at", "erased_at"]


class AddressInline(admin.TabularInline):
    model = Address
    extra = 0
    fields = ["first_name", "last_name", "line1", "line2", "postal_code", "city", "country"]
    fields += ["phone", "is_default"]


class WishlistInline(admin.TabularInline):
    model = WishlistItem
    extra = 0
    fields = ["product", "added_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


admin.site.unregister(User)


@admin.register(User)
class CustomerAdmin(UserAdmin):
    """Django's user admin, with what the store keeps about a customer beside it."""

    inlines = [ProfileInline, AddressInline, WishlistInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "date_joined"]
