"""Customers brought over from the previous site (ACC-3).

Each row is checked whole before anything is written, then written in its own
transaction: a bad row is reported with its line number and leaves nothing
behind, and a good row is never half imported. Importing the same file again
updates the accounts it made instead of making new ones.
"""

import csv
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django_countries import countries

from maison import clock
from maison.markets import addresses

from .models import Address, Profile, normalise_email
from .services.erasure import erased_email_digest

User = get_user_model()

COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "phone",
    "title",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "country",
    "past_order_references",
]
ADDRESS_COLUMNS = ["address_line1", "postal_code", "city", "country"]
# Optional: the state, province or prefecture, for countries whose addresses need one.
OPTIONAL_COLUMNS = ["area"]
TITLES = {
    "": "",
    "ms": Profile.Title.MS,
    "mrs": Profile.Title.MS,
    "miss": Profile.Title.MS,
    "mme": Profile.Title.MS,
    "mlle": Profile.Title.MS,
    "madame": Profile.Title.MS,
    "mr": Profile.Title.MR,
    "m": Profile.Title.MR,
    "monsieur": Profile.Title.MR,
    "mx": Profile.Title.MX,
}


class LegacyRow(forms.Form):
    email = forms.EmailField(max_length=150)
    first_name = forms.CharField(max_length=60, required=False)
    last_name = forms.CharField(max_length=60, required=False)
    phone = forms.CharField(max_length=30, required=False)
    title = forms.CharField(max_length=20, required=False)
    address_line1 = forms.CharField(max_length=120, required=False)
    address_line2 = forms.CharField(max_length=120, required=False)
    postal_code = forms.CharField(max_length=12, required=False)
    city = forms.CharField(max_length=80, required=False)
    area = forms.CharField(max_length=80, required=False)
    country = forms.CharField(max_length=60, required=False)
    past_order_references = forms.CharField(required=False)

    def clean_title(self):
        title = self.cleaned_data["title"].strip().lower().rstrip(".")
        if title not in TITLES:
            raise forms.ValidationError(f"unknown title {self.cleaned_data['title']!r}")
        return TITLES[title]

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and country not in countries:
            raise forms.ValidationError("use the two-letter country code, such as FR")
        return country

    def clean_past_order_references(self):
        references = [r.strip() for r in self.cleaned_data["past_order_references"].split(";")]
        references = [r for r in references if r]
        if any(len(r) > 40 for r in references):
            raise forms.ValidationError("an order reference is longer than 40 characters")
        return references

    def clean(self):
        data = super().clean()
        given = [name for name in ADDRESS_COLUMNS if data.get(name) or name in self.errors]
        if given and len(given) < len(ADDRESS_COLUMNS):
            missing = ", ".join(name for name in ADDRESS_COLUMNS if name not in given)
            raise forms.ValidationError(f"incomplete address: missing {missing}")
        if data.get("phone") and "country" not in self.errors:
            # The number is read as one of the address's country, or France's.
            try:
                data["phone"] = addresses.normalise_phone(
                    data["phone"], data.get("country") or "FR"
                )
            except addresses.PhoneInvalid:
                self.add_error("phone", f"not a number a carrier can call: {data['phone']!r}")
        if data.get("address_line1") and not self.errors:
            self._check_address(data)
        return data

    def _check_address(self, data: dict) -> None:
        """The same rules as the store's forms: required areas, postcode formats."""
        try:
            cleaned = addresses.check_address(
                {
                    "line1": data["address_line1"],
                    "line2": data["address_line2"],
                    "postal_code": data["postal_code"],
                    "city": data["city"],
                    "area": data["area"],
                    "country": data["country"],
                }
            )
        except addresses.AddressInvalid as refusal:
            columns = {"line1": "address_line1"}
            for field, _message in refusal.errors.items():
                column = columns.get(field, field)
                problem = "missing" if not data.get(column) else "not valid in this country"
                self.add_error(None, f"{column}: {problem}")
            return
        data["postal_code"], data["area"] = cleaned["postal_code"], cleaned["area"]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    left_alone: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


class MissingColumns(Exception):
    pass


def _errors(form: LegacyRow) -> str:
    return "; ".join(
        f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
        for name, messages in form.errors.items()
    )


def read_rows(lines):
    """(line number, row) for each data row of a CSV file opened as text."""
    reader = csv.DictReader(lines)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise MissingColumns(", ".join(missing))
    for row in reader:
        row = {k: (v or "").strip() for k, v in row.items() if k}
        yield reader.line_num, {**dict.fromkeys(OPTIONAL_COLUMNS, ""), **row}


def import_accounts(rows) -> ImportReport:
    report = ImportReport()
    seen: dict[str, int] = {}
    for line, row in rows:
        form = LegacyRow(row)
        if not form.is_valid():
            report.skipped.append((line, _errors(form)))
            continue
        data = form.cleaned_data
        email = normalise_email(data["email"])
        if email in seen:
            report.skipped.append((line, f"same email as line {seen[email]}"))
            continue
        seen[email] = line
        outcome = import_account(email, data)
        if outcome == "created":
            report.created += 1
        elif outcome == "updated":
            report.updated += 1
        else:
            report.left_alone.append((line, outcome))
    return report


@transaction.atomic
def import_account(email: str, data: dict) -> str:
    """Create or refresh one imported account; says what it did."""
    if Profile.objects.filter(erased_email_digest=erased_email_digest(email)).exists():
        return "this person erased their account: not imported again"
    user = User.objects.select_for_update().filter(email=email).first()
    if user is not None:
        profile = Profile.objects.filter(user=user).first()
        if user.has_usable_password() or profile is None or not profile.legacy:
            # Someone opened an account with this email on the new site: the
            # old data is not attached to it, since nothing proves it is theirs.
            return "an account with this email already exists on the new site: left as it is"
        outcome = "updated"
    else:
        user = User(email=email)
        user.set_unusable_password()
        profile = Profile(legacy=True)
        outcome = "created"
    user.email = email
    user.first_name, user.last_name = data["first_name"], data["last_name"]
    user.save()
    profile.user = user
    profile.title, profile.phone = data["title"], data["phone"]
    profile.past_order_references = data["past_order_references"]
    profile.imported_at = clock.now()
    profile.save()
    if data["address_line1"]:
        _import_address(user, data)
    return outcome


def _import_address(user, data: dict) -> None:
    values = {
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "line2": data["address_line2"],
        "area": data["area"],
        "phone": data["phone"],
    }
    same = Address.objects.filter(
        user=user,
        line1__iexact=data["address_line1"],
        postal_code__iexact=data["postal_code"],
        city__iexact=data["city"],
        country=data["country"],
    ).first()
    if same is not None:
        Address.objects.filter(pk=same.pk).update(**values)
        return
    Address.objects.create(
        user=user,
        line1=data["address_line1"],
        postal_code=data["postal_code"],
        city=data["city"],
        country=data["country"],
        is_default=not Address.objects.filter(user=user).exists(),
        **values,
    )
