"""Publishing the terms of sale: each version is kept once, as rendered (ORD-4, SITE-6)."""

from django.db import IntegrityError, transaction

from maison import clock
from maison.refusals import Refused

from . import policy
from .models import TermsVersion
from .rendering import digest, render_articles


class TermsVersionChanged(Refused):
    """The policy's version label is already kept with another text."""

    code = "terms_version_changed"

    def __init__(self, version: str, languages: list[str]):
        self.version = version
        self.languages = languages
        super().__init__(
            f"Version {version} is already published with another text "
            f"({', '.join(languages)}). A changed text needs a new version label: "
            "change terms_version in maison/terms/policy.py."
        )


def publish() -> tuple[TermsVersion, bool]:
    """Keep the current terms under `POLICY.terms_version`; returns (row, created).

    Publishing the same text again changes nothing; another text under a kept
    label is refused, so a version once accepted never changes.
    """
    version = policy.POLICY.terms_version
    texts = {language: render_articles(language) for language in ("fr", "en")}
    kept = TermsVersion.objects.filter(version=version).first()
    if kept is None:
        try:
            with transaction.atomic():
                kept = TermsVersion.objects.create(
                    version=version,
                    published_on=clock.today(),
                    text_fr=texts["fr"],
                    text_en=texts["en"],
                    sha256_fr=digest(texts["fr"]),
                    sha256_en=digest(texts["en"]),
                )
                return kept, True
        except IntegrityError:
            kept = TermsVersion.objects.get(version=version)
    changed = [lang for lang in ("fr", "en") if kept.text(lang) != texts[lang]]
    if changed:
        raise TermsVersionChanged(version, changed)
    return kept, False


def kept_version(version: str) -> TermsVersion | None:
    return TermsVersion.objects.filter(version=version).first()
