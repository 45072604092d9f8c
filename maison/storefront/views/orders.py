import uuid

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from maison.accounts import throttle
from maison.orders import queries
from maison.terms.policy import POLICY

from .. import session
from ..forms import TrackForm
from ..returns_context import after_sales
from ..visitor import client_ip


def _order(number: str, key: str):
    try:
        access_key = uuid.UUID(key)
    except ValueError:
        raise Http404("No such order") from None
    found = queries.by_access_key(number, access_key)
    if found is None:
        raise Http404("No such order")
    return found


@require_GET
def order(request, number, key):
    """The confirmation page, and the page the acknowledgment email links to (ORD-6)."""
    found = _order(number, key)
    just_placed = number in request.session.get(session.ORDERS_KEY, [])
    return render(
        request,
        "storefront/order.html",
        {
            "order": found,
            "just_placed": just_placed,
            "policy": POLICY,
            **after_sales(found, member=False),
        },
    )


@require_GET
def order_summary(request, number, key):
    """A printable summary: the buyer's proof of the order (ORD-6)."""
    return render(
        request, "storefront/order_summary.html", {"order": _order(number, key), "policy": POLICY}
    )


@require_http_methods(["GET", "POST"])
def track(request):
    """Guest tracking by order number plus email (ORD-10)."""
    form = TrackForm(request.POST or None)
    not_found = too_many = False
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        # Order numbers run in sequence: failed guesses are limited per address.
        if throttle.TRACKING_PER_IP.reached(ip):
            too_many = True
        else:
            found = queries.track(form.cleaned_data["number"], form.cleaned_data["email"])
            if found is not None:
                return redirect(found.get_absolute_url())
            throttle.TRACKING_PER_IP.count(ip)
            not_found = True
    return render(
        request,
        "storefront/track.html",
        {"form": form, "not_found": not_found, "too_many": too_many},
        status=429 if too_many else 404 if not_found else 200,
    )
