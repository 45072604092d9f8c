"""`manage.py publish_terms`: keep the terms of sale of the current policy version."""

from django.core.management.base import BaseCommand, CommandError

from maison.terms import services


class Command(BaseCommand):
    help = (
        "Render the terms of sale in French and English and keep them under POLICY.terms_version."
    )

    def handle(self, *args, **options):
        try:
            kept, created = services.publish()
        except services.TermsVersionChanged as refusal:
            raise CommandError(str(refusal)) from refusal
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Terms of sale version {kept.version} published.")
            )
        else:
            self.stdout.write(f"Terms of sale version {kept.version} already published; unchanged.")
