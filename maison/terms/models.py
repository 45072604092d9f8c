from django.db import models
from django.utils.translation import gettext_lazy as _


class TermsVersion(models.Model):
    """One published version of the terms of sale, kept as the buyers saw it (ORD-4, SITE-6).

    An order stores the label it accepted; this row is what staff produce and
    what the buyer's order page links to, whatever the policy says later.
    """

    version = models.CharField(_("version"), max_length=20, unique=True)
    published_on = models.DateField(_("published on"))
    text_fr = models.TextField(_("French text (prevails)"))
    text_en = models.TextField(_("English text"))
    sha256_fr = models.CharField(_("SHA-256 of the French text"), max_length=64)
    sha256_en = models.CharField(_("SHA-256 of the English text"), max_length=64)

    class Meta:
        verbose_name = _("terms of sale version")
        verbose_name_plural = _("terms of sale versions")
        ordering = ["-published_on", "-version"]

    def __str__(self) -> str:
        return self.version

    def text(self, language: str) -> str:
        return self.text_fr if language == "fr" else self.text_en
