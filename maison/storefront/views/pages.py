from django.shortcuts import render
from django.views.decorators.http import require_GET

from maison.terms.policy import POLICY


@require_GET
def terms(request):
    """The terms of sale, rendered from the same policy the services enforce."""
    return render(request, "storefront/terms.html", {"policy": POLICY})


@require_GET
def customer_service(request):
    return render(request, "storefront/customer_service.html")
