"""The test provider's 3-D Secure challenge page, standing in for the buyer's bank (PAY-5).

It exists only while the store runs the test provider. Two plain forms,
approve or fail; the answer sends the buyer back to the store.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from maison.markets.money import Money
from maison.payments.providers.testing import TestProvider
from maison.payments.services import provider


@require_http_methods(["GET", "HEAD", "POST"])
def challenge(request, reference: str):
    gateway = provider()
    if not isinstance(gateway, TestProvider):
        raise Http404("No test provider")
    waiting = gateway.challenge(reference)
    answered = False
    if waiting is not None and request.method == "POST":
        answer = request.POST.get("answer")
        if answer in {"approve", "fail"}:
            done = gateway.answer_challenge(reference, approved=answer == "approve")
            if done is not None and done.return_url:
                return redirect(done.return_url)
            waiting, answered = None, done is not None
    amount = Money(waiting.amount_minor, waiting.currency) if waiting else None
    return render(
        request,
        "storefront/test_provider_challenge.html",
        {"waiting": waiting, "amount": amount, "answered": answered},
        status=200 if waiting or answered else 410,
    )
