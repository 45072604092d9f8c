"""`manage.py refresh_holidays`: copy public holidays from the `holidays` package (DEL-1)."""

from django.core.management.base import BaseCommand

from maison.shipping.services import refresh_holidays


class Command(BaseCommand):
    help = (
        "Copy the public holidays of every market's country and the shipping country, "
        "for this year and the next two, keeping staff overrides."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="a year to refresh (repeat)"
        )

    def handle(self, *args, years=None, **options):
        result = refresh_holidays(years=years)
        span = ", ".join(str(y) for y in result.years)
        self.stdout.write(
            f"Public holidays for {span}: {result.created} added, {result.updated} renamed, "
            f"{result.removed} removed; staff overrides kept."
        )
        for country in result.unknown_countries:
            self.stderr.write(f"The holidays package does not know {country}: add them by hand.")
