"""Writes of the shipping domain: the public-holiday calendar (DEL-1)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

import holidays
from django.db import transaction

from maison import clock
from maison.markets.models import Market
from maison.terms.policy import POLICY

from .models import PublicHoliday

YEARS_AHEAD = 2  # the current year and the next two: every estimate fits in them


@dataclass
class HolidayRefresh:
    """What a refresh changed, per country, for the command's report."""

    years: list[int]
    created: int = 0
    updated: int = 0
    removed: int = 0
    unknown_countries: list[str] = field(default_factory=list)


def calendar_countries() -> list[str]:
    """Where parcels leave from and every country the house sells to."""
    countries = set(Market.objects.values_list("country", flat=True))
    countries.add(POLICY.ships_from_country)
    return sorted(countries)


def default_years() -> list[int]:
    this_year = clock.today().year
    return list(range(this_year, this_year + YEARS_AHEAD + 1))


def english_or_own_language(country: str) -> str | None:
    """English names where the package has them; else None, the country's own language."""
    known = holidays.country_holidays(country)
    if (known.default_language or "").startswith("en"):
        return None  # the country's own English (en_GB in the United Kingdom)
    english = sorted(lang for lang in known.supported_languages if lang.startswith("en"))
    return "en_US" if "en_US" in english else next(iter(english), None)


def package_holidays(country: str, years: list[int]) -> dict:
    """The country's public holidays in those years, as the `holidays` package knows them."""
    return dict(
        holidays.country_holidays(
            country, years=years, language=english_or_own_language(country)
        ).items()
    )


def refresh_holidays(
    years: Iterable[int] | None = None, countries: Iterable[str] | None = None
) -> HolidayRefresh:
    """Copy the package's public holidays into the table staff can override.

    Staff-added holidays and package holidays staff marked as working days are
    kept as they are; a package holiday that the package no longer lists is
    removed. Store closures live in their own table and are never touched.
    Safe to run daily or yearly: a second run changes nothing.
    """
    years = sorted(set(years or default_years()))
    result = HolidayRefresh(years=years)
    for country in countries or calendar_countries():
        try:
            wanted = package_holidays(country, years)
        except NotImplementedError:
            result.unknown_countries.append(country)
            continue
        _refresh_country(country, years, wanted, result)
    return result


@transaction.atomic
def _refresh_country(country: str, years: list[int], wanted: dict, result: HolidayRefresh) -> None:
    kept = {
        row.date: row
        for row in PublicHoliday.objects.select_for_update().filter(
            country=country, date__year__in=years
        )
    }
    for day, name in sorted(wanted.items()):
        name = name[:200]
        row = kept.pop(day, None)
        if row is None:
            PublicHoliday.objects.create(
                country=country, date=day, name=name, source=PublicHoliday.Source.PACKAGE
            )
            result.created += 1
        elif row.source == PublicHoliday.Source.PACKAGE and row.name != name:
            row.name = name
            row.save(update_fields=["name"])
            result.updated += 1
    # What is left was not in the package: drop only the package's own, unmarked rows.
    gone = [
        row.pk
        for row in kept.values()
        if row.source == PublicHoliday.Source.PACKAGE and not row.is_working_day
    ]
    if gone:
        result.removed += PublicHoliday.objects.filter(pk__in=gone).delete()[0]
