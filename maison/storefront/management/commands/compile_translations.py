"""Compile the gettext catalogues (.po to .mo) with Babel, so no system gettext is needed."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS into its .mo file."

    def handle(self, *args, **options):
        compiled = 0
        for root in map(Path, settings.LOCALE_PATHS):
            for po_path in root.glob("*/LC_MESSAGES/*.po"):
                with po_path.open("rb") as po_file:
                    catalog = read_po(po_file, locale=po_path.parts[-3])
                errors = [
                    (message.id, error) for message, errors in catalog.check() for error in errors
                ]
                if errors:
                    raise CommandError(f"{po_path}: {errors[:5]}")
                with po_path.with_suffix(".mo").open("wb") as mo_file:
                    write_mo(mo_file, catalog)
                compiled += 1
        self.stdout.write(f"compiled {compiled} catalogue(s)")
