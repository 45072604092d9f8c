from django.core.management.base import BaseCommand, CommandError

from maison.invoicing import archive


class Command(BaseCommand):
    help = (
        "Walk the archive's chain (ORD-11) and the PDFs it names; name the first record "
        "altered, removed or reordered, and exit non-zero. --bundle checks an export alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bundle", help="a zip written by export_archive")

    def handle(self, *args, bundle=None, **options):
        if bundle:
            try:
                broken = archive.verify_bundle(bundle)
            except (OSError, KeyError, ValueError) as error:
                raise CommandError(f"{bundle} is not an archive export: {error}") from error
        else:
            archive.chain()
            broken = archive.verify()
        if broken is not None:
            raise CommandError(f"The archive is broken at {broken}.")
        self.stdout.write(f"{bundle or 'The archive'}: every record and PDF is intact.")
