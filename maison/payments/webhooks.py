"""The provider's signed notifications: how they are signed, and how the store checks them.

A notification is a JSON body with an event id, sent with the header
`Maison-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under
MAISON_PAYMENT_WEBHOOK_SECRET. The store refuses a wrong signature, a time
more than five minutes away from its own, and an event id it has already
received (`WebhookEvent`): a captured notification cannot be replayed.
"""

import hashlib
import hmac
import json
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from maison import clock
from maison.refusals import Refused

from .models import WebhookEvent

HEADER = "Maison-Signature"
TOLERANCE = timedelta(minutes=5)
# Only for DEBUG and the demo; production refuses to start without the real one (maison.E003).
DEV_SECRET = "maison-dev-webhook-secret"  # noqa: S105


class WebhookRefused(Refused):
    """Codes: `bad_signature`, `stale`, `replayed`, `malformed`."""

    code = "bad_signature"


def secret() -> bytes:
    if settings.MAISON_PAYMENT_WEBHOOK_SECRET:
        return settings.MAISON_PAYMENT_WEBHOOK_SECRET.encode()
    if settings.DEBUG or settings.MAISON_DEMO:
        return DEV_SECRET.encode()
    raise ImproperlyConfigured("MAISON_PAYMENT_WEBHOOK_SECRET is not set")


def _mac(timestamp: str, body: bytes) -> str:
    return hmac.new(secret(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def sign(body: bytes, at=None) -> str:
    """The signature header's value for `body`, sent at `at` (now by default)."""
    timestamp = str(int((at or clock.now()).timestamp()))
    return f"t={timestamp},v1={_mac(timestamp, body)}"


def verify(body: bytes, header: str) -> dict:
    """The notification, if signed with the shared secret within the last five minutes."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    timestamp, given = parts.get("t", ""), parts.get("v1", "")
    if not timestamp.isdigit() or not hmac.compare_digest(_mac(timestamp, body), given):
        raise WebhookRefused("The signature does not match.", code="bad_signature")
    if abs(clock.now().timestamp() - int(timestamp)) > TOLERANCE.total_seconds():
        raise WebhookRefused("The notification is too old.", code="stale")
    try:
        event = json.loads(body)
    except ValueError:
        raise WebhookRefused("The body is not JSON.", code="malformed") from None
    if not isinstance(event, dict) or not event.get("id") or not event.get("idempotency_key"):
        raise WebhookRefused("The event has no id or key.", code="malformed")
    return event


def remember(provider: str, event_id: str) -> None:
    """Keep the event's id, in the caller's transaction; refuse one already received."""
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(
                provider=provider, event_id=str(event_id)[:80], received_at=clock.now()
            )
    except IntegrityError:
        raise WebhookRefused("This event was already received.", code="replayed") from None
