from django.core.management.base import BaseCommand, CommandError

from maison.invoicing import archive, services
from maison.terms.policy import POLICY


class Command(BaseCommand):
    help = (
        "Walk the archive's chain (ORD-11) and the PDFs it names; name the first record "
        "altered, removed or reordered, and exit non-zero. Documents whose PDF is still not "
        "made are warned of, not failed: nothing was tampered with. --bundle checks an "
        "export alone."
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
            self._warn_missing_pdfs()
        if broken is not None:
            raise CommandError(f"The archive is broken at {broken}.")
        self.stdout.write(f"{bundle or 'The archive'}: every record and PDF is intact.")

    def _warn_missing_pdfs(self) -> None:
        """A PDF never made is a failure to fix, not tampering: a warning, the exit code kept."""
        minutes = POLICY.pdf_missing_alert_minutes
        for document in services.missing_pdfs():
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: {document.number} (order {document.order_number}) has no PDF "
                    f"{minutes} minutes after its issue; the make-missing-pdfs job retries it."
                )
            )
