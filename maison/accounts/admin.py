from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Address, Profile, User, WishlistItem


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


class StaffCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class StaffChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class CustomerAdmin(UserAdmin):
    """Django's user admin, with what the store keeps about a customer beside it."""

    form = StaffChangeForm
    add_form = StaffCreationForm

    def get_inlines(self, request, obj):
        # A person is added by email and password first; the rest is kept once they exist.
        return self.inlines if obj is not None else []

    inlines = [ProfileInline, AddressInline, WishlistInline]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        )
    ]

    def get_queryset(self, request):
        # Who holds the keys to the back office is the superuser's business:
        # customer service helps customers, and sees only their accounts.
        people = super().get_queryset(request)
        if request.user.is_superuser:
            return people
        return people.filter(is_staff=False, is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [(name, options) for name, options in fieldsets if name != _("Permissions")]
