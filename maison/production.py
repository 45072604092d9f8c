"""What a real store needs before it serves anyone, checked where it starts.

The settings module stays importable without these, because the tests, the
management commands and the single-process demo all import it on a developer's
machine. The production entry points (`maison/wsgi.py` for gunicorn) call
`require_production_settings()`, and `manage.py check --deploy` reports the same.
"""

from django.core.exceptions import ImproperlyConfigured

# The key a checkout makes up for itself when DJANGO_SECRET_KEY is not set.
DEV_SECRET_KEY_PREFIX = "insecure-dev-key-"  # noqa: S105 (a marker, not a secret)


def problems(settings) -> list[tuple[str, str]]:
    """Why these settings cannot serve a real store, as (check id, reason).

    None with DEBUG on, nor for the demo (MAISON_DEMO, set by bin/serve-demo), which
    runs with DEBUG off to show the store's own error pages but is one process on a
    developer's machine: it needs neither Redis nor a secret key.
    """
    if settings.DEBUG or settings.MAISON_DEMO:
        return []
    found = []
    if not settings.REDIS_URL:
        found.append(
            (
                "maison.E001",
                "REDIS_URL is not set. Rate limits and sessions must be shared by every server "
                "process: in each process's own memory, 2 workers let '5 tries per account' "
                "become 10, and every restart forgets the count. Set REDIS_URL "
                "(redis://host:6379/0), or DJANGO_DEBUG=1 for the single-process demo.",
            )
        )
    if settings.SECRET_KEY.startswith(DEV_SECRET_KEY_PREFIX):
        found.append(
            (
                "maison.E002",
                "DJANGO_SECRET_KEY is not set. Without it the key is derived from the install "
                "path, which anyone can guess, and with it forge signed links (password resets, "
                "order claims) and sessions. Set DJANGO_SECRET_KEY to a long random value, "
                "the same on every server.",
            )
        )
    if not settings.MAISON_PAYMENT_WEBHOOK_SECRET:
        found.append(
            (
                "maison.E003",
                "MAISON_PAYMENT_WEBHOOK_SECRET is not set. The payment provider signs the "
                "notifications it sends the store with it; without it anyone could post a "
                "forged 'payment approved'. Set it to the secret shared with the provider.",
            )
        )
    return found


def require_production_settings() -> None:
    """Refuse to start, saying why, when the settings only suit the demo."""
    from django.conf import settings

    if found := problems(settings):
        raise ImproperlyConfigured(
            "maison refuses to start with DEBUG off:\n- "
            + "\n- ".join(reason for _, reason in found)
        )


def check_production_settings(app_configs=None, **kwargs):
    """The same refusal, as errors of `manage.py check --deploy` (registered by storefront)."""
    from django.conf import settings
    from django.core import checks

    return [checks.Error(reason, id=check_id) for check_id, reason in problems(settings)]
