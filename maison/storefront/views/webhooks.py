"""The payment provider's notifications: a 3-D Secure challenge answered (PAY-5)."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from maison.checkout import services
from maison.payments import webhooks


def _answer(status: int, outcome: str) -> JsonResponse:
    return JsonResponse({"outcome": outcome}, status=status)


@csrf_exempt  # signed with the shared secret instead: the provider has no session
@require_POST
def payment_webhook(request):
    """Check the signature, the time and the event id, then settle the attempt it names.

    400 for anything forged, stale, replayed or unknown: nothing changes. 503 when
    the provider cannot be asked now: it sends the notification again later.
    """
    try:
        event = webhooks.verify(request.body, request.headers.get(webhooks.HEADER, ""))
    except webhooks.WebhookRefused as refusal:
        return _answer(400, refusal.code)
    attempt = services.attempt_by_key(str(event["idempotency_key"]))
    if attempt is None:
        return _answer(400, "unknown_payment")
    try:
        order = services.payment_answered(attempt, event=str(event["id"]))
    except webhooks.WebhookRefused as refusal:
        return _answer(400, refusal.code)
    except services.PaymentPending:
        return _answer(503, "payment_pending")
    except services.CheckoutRefused as refusal:
        # The buyer is told on their return; for the provider, the news is received.
        return _answer(200, refusal.code)
    return _answer(200, f"order {order.number}")
