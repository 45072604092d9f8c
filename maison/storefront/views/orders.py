import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maison.accounts import throttle
from maison.invoicing import queries as invoices
from maison.orders import lifecycle, queries
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


def _order_page(request, found, status=200):
    just_placed = found.number in request.session.get(session.ORDERS_KEY, [])
    return render(
        request,
        "storefront/order.html",
        {
            "order": found,
            "just_placed": just_placed,
            "policy": POLICY,
            **after_sales(found, member=False),
            "late_cancel_url": reverse(
                "storefront:order-cancel", args=[found.number, found.access_key]
            ),
            **queries.tracking(found),
            "documents": [
                (
                    document,
                    reverse(
                        "storefront:order-document",
                        args=[found.number, found.access_key, document.number],
                    ),
                )
                for document in invoices.of_order(found.number)
            ],
        },
        status=status,
    )


@require_safe
def order(request, number, key):
    """The confirmation page, linked from every email; a guest tracks here (ORD-6, ORD-10)."""
    return _order_page(request, _order(number, key))


def cancel_for_late_delivery(request, found) -> bool:
    """The buyer's late-delivery cancellation (DEL-4); False, with the reason shown, if refused."""
    try:
        lifecycle.cancel_late(found, actor="customer")
    except lifecycle.OrderRefused as refusal:
        messages.error(request, refusal.message)
        return False
    messages.success(
        request,
        _("Your order is cancelled. Everything is refunded or released; we have emailed you."),
    )
    return True


@require_POST
def cancel_late(request, number, key):
    found = _order(number, key)
    if not cancel_for_late_delivery(request, found):
        return _order_page(request, _order(number, key), status=409)
    return redirect(found.get_absolute_url())


@require_safe
def order_summary(request, number, key):
    """A printable summary: the buyer's proof of the order (ORD-6)."""
    found = _order(number, key)
    return render(
        request,
        "storefront/order_summary.html",
        {
            "order": found,
            "policy": POLICY,
            **queries.tracking(found),
            "late_cancel": False,
            "late_cancel_url": "",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
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
