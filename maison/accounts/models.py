"""The people of the store: customers and staff, signed in by their email."""

import unicodedata

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalise_password(password: str | None) -> str | None:
    """NFKC, so "ó" typed as one character or as "o" and an accent is one password.

    Keyboards and operating systems compose accents differently; without this
    a customer could set a password on one device and be refused on another,
    and the rule's length would count the same password differently (ACC-1).
    """
    return unicodedata.normalize("NFKC", password) if password is not None else None


def normalise_email(email: str) -> str:
    """The one form an email takes as an identifier: trimmed and lowercased, so that
    "Camille@Example.com" and "camille@example.com" are one account."""
    return email.strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A customer or a staff member; the email is the sign-in identifier (ACC-4).

    Chosen before any store had data, as Django advises: every later foreign
    key (orders, returns, alerts) points here. Staff roles stay Django groups.
    The email is kept normalised, and a constraint on its lowercase form makes
    two accounts for one address impossible even if a write skips `save`.
    """

    email = models.EmailField(_("email"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="one_account_per_email")]

    def __str__(self) -> str:
        return self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def set_password(self, raw_password):
        super().set_password(normalise_password(raw_password))

    def check_password(self, raw_password):
        return super().check_password(normalise_password(raw_password))

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name


class Profile(models.Model):
    """What the house knows about a customer beyond their name and email (ACC-4).

    `legacy` marks an account brought over from the previous site (ACC-3): it
    keeps its data but has no usable password until its owner sets one through
    "Forgot password". `erased_at` marks an account whose owner asked for its
    deletion (ACC-6); the row stays only so that orders kept by law still point
    somewhere, and `erased_email_digest` stops a later legacy import from
    bringing the person back.
    """

    class Title(models.TextChoices):
        MS = "ms", _("Ms")
        MR = "mr", _("Mr")
        MX = "mx", _("Mx")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    title = models.CharField(_("title"), max_length=2, choices=Title.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    legacy = models.BooleanField(_("imported from the previous site"), default=False)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    past_order_references = models.JSONField(
        _("orders on the previous site"), default=list, blank=True
    )
    # The country the member last chose to shop in (SITE-3), restored at sign-in.
    country = models.CharField(_("shopping country"), max_length=2, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    # Registered on the site, its email not yet confirmed by the emailed link: the
    # account stays closed until then (ACC-4, ACC-7). An account closed by the
    # house is never this, so no registration can reopen it.
    awaiting_confirmation = models.BooleanField(_("email not yet confirmed"), default=False)
    erased_email_digest = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("customer profile")
        verbose_name_plural = _("customer profiles")

    def __str__(self) -> str:
        return str(self.user)


class Address(models.Model):
    """One address of a customer's address book (ACC-5)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses"
    )
    first_name = models.CharField(_("first name"), max_length=60)
    last_name = models.CharField(_("last name"), max_length=60)
    line1 = models.CharField(_("address"), max_length=120)
    line2 = models.CharField(_("address line 2"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12)
    city = models.CharField(_("city"), max_length=80)
    # The state, province or prefecture, where the country's addresses name one.
    area = models.CharField(_("state, province or prefecture"), max_length=80, blank=True)
    country = models.CharField(_("country"), max_length=2)
    # E.164 ("+33612345678"), checked for the address's country.
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_default = models.BooleanField(_("default address"), default=False)

    class Meta:
        ordering = ["-is_default", "id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.line1}, {self.city}"

    def as_dict(self) -> dict:
        """The shape orders and checkouts keep addresses in."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "line1": self.line1,
            "line2": self.line2,
            "postal_code": self.postal_code,
            "city": self.city,
            "area": self.area,
            "country": self.country,
            "phone": self.phone,
        }


class WishlistItem(models.Model):
    """A product a member keeps for later (SITE-1, ACC-5)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wishlist"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )
    added_at = models.DateTimeField(verbose_name=_("added at"))

    class Meta:
        ordering = ["-added_at", "-id"]
        verbose_name = _("wishlist item")
        verbose_name_plural = _("wishlist items")
        constraints = [
            models.UniqueConstraint(fields=["user", "product"], name="wishlist_once_per_product")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.product_id}"


def account_reference(user) -> str:
    """The outbox reference of emails about an account rather than an order."""
    return f"account:{user.pk}"
