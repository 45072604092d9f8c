"""Forms of the account pages: sign-in, registration, passwords, profile, address book."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maison.accounts.models import Profile, normalise_email
from maison.accounts.services import AddressDetails
from maison.markets.addresses import alphabetical, country_name
from maison.markets.models import Market

from .forms import AddressFields, NameFields

User = get_user_model()

TITLE_CHOICES = [("", _("None"))] + list(Profile.Title.choices)


def password_rule() -> str:
    """The rule as the validators state it, shown under every new-password field (ACC-1)."""
    return " ".join(str(text) for text in password_validation.password_validators_help_texts())


class DescribedFields:
    """Links every field to its help and error text with aria-describedby.

    A screen reader then reads the password rule when the field gets focus,
    before anything is typed, and the reason a value was refused after.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe()

    def _describe(self):
        for name, field in self.fields.items():
            if getattr(field, "shows_password_rule", False):
                field.help_text = password_rule()
            auto_id = self._id_of(name)
            ids = [f"{auto_id}_helptext"] if field.help_text else []
            if self.is_bound and self._errors is not None and name in self._errors:
                ids.append(f"{auto_id}_error")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def _id_of(self, name: str) -> str:
        """The id Django gives the field's input (as BoundField.auto_id), without
        making the bound field, which would then keep the field as it is now."""
        html_name = self.add_prefix(name)
        if self.auto_id and "%s" in str(self.auto_id):
            return self.auto_id % html_name
        return html_name if self.auto_id else ""

    def full_clean(self):
        super().full_clean()
        self._describe()

    def add_error(self, field, error):
        super().add_error(field, error)
        self._describe()


def new_password_field(label=None) -> forms.CharField:
    field = forms.CharField(
        label=label or _("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "data-reveal": ""}),
    )
    field.shows_password_rule = True
    return field


def current_password_field(label=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "data-reveal": ""}),
    )


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Email"),
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def country_choices(extra: str = "") -> list[tuple[str, str]]:
    """The countries the house delivers to, named in the page's language."""
    language = get_language() or "en"
    codes = list(Market.objects.values_list("country", flat=True)) or ["FR"]
    if extra and extra not in codes:
        codes.append(extra)
    named = [(code, country_name(code, language)) for code in codes]
    return sorted(named, key=lambda c: alphabetical(c[1]))


class SignInForm(DescribedFields, forms.Form):
    email = _email_field()
    password = current_password_field()


class ForgotPasswordForm(DescribedFields, forms.Form):
    email = _email_field()


class RegisterForm(DescribedFields, AddressFields):
    """Name, email, password and phone; the address fields are optional here (ACC-4)."""

    title = forms.ChoiceField(label=_("Title (optional)"), choices=TITLE_CHOICES, required=False)
    email = _email_field()
    password = new_password_field()

    field_order = [
        "title",
        "first_name",
        "last_name",
        "email",
        "password",
        "phone",
        "line1",
        "line2",
        "postal_code",
        "city",
        "area",
        "country",
    ]
    ADDRESS_FIELDS = ("line1", "postal_code", "city", "country")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["phone"].label = _("Phone, for delivery")
        self.fields["line2"].label = _("Address line 2")
        for name in self.ADDRESS_FIELDS:
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        given = [name for name in self.ADDRESS_FIELDS if data.get(name)]
        if given:
            for name in self.ADDRESS_FIELDS:
                if not data.get(name):
                    self.add_error(name, _("Please complete the address, or leave it all empty."))
        password = data.get("password")
        if password:
            person = User(
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data

    def address(self) -> AddressDetails | None:
        data = self.cleaned_data
        if not data.get("line1"):
            return None
        return AddressDetails(
            first_name=data["first_name"],
            last_name=data["last_name"],
            line1=data["line1"],
            line2=data["line2"],
            postal_code=data["postal_code"],
            city=data["city"],
            area=data.get("area", ""),
            country=data["country"],
            phone=data["phone"],
        )


class ResetPasswordForm(DescribedFields, SetPasswordForm):
    """Django's form, with the rule shown and the field revealable (ACC-1)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"] = new_password_field(_("New password"))
        self.fields["new_password2"].label = _("New password, again")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].widget.attrs["data-reveal"] = ""
        self._describe()

    def clean(self):
        # The rule's messages go under the first field, where the rule is shown.
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return self.cleaned_data

    def save(self, commit=True):
        raise NotImplementedError("the view calls accounts.services.set_password")


class ChangePasswordForm(ResetPasswordForm, PasswordChangeForm):
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"] = current_password_field(_("Current password"))
        self.order_fields(self.field_order)
        self._describe()


class ProfileForm(DescribedFields, NameFields):
    title = forms.ChoiceField(label=_("Title (optional)"), choices=TITLE_CHOICES, required=False)
    email = _email_field()
    password = forms.CharField(
        label=_("Current password (needed only to change your email)"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "data-reveal": ""}),
    )

    field_order = ["title", "first_name", "last_name", "email", "phone", "password"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("Phone, for delivery")

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if (
            email
            and normalise_email(email) != self.user.email
            and not (data.get("password") and self.user.check_password(data["password"]))
        ):
            self.add_error("password", _("Please enter your current password to change email."))
        return data


class AddressBookForm(DescribedFields, AddressFields):
    is_default = forms.BooleanField(label=_("Use as my default address"), required=False)

    def __init__(self, *args, current_country: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(current_country)

    def details(self) -> AddressDetails:
        data = self.cleaned_data
        return AddressDetails(
            **{name: data.get(name, "") for name in AddressDetails.__dataclass_fields__}
        )


class DeleteAccountForm(DescribedFields, forms.Form):
    password = current_password_field(_("Your password, to confirm"))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
