"""The pages the terms promise (SITE-4): terms, customer service, contact, FAQ, privacy.

Every figure on them is read from the policy when the page is drawn, the same
values the services enforce, so a page can never promise other deadlines.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from maison.support import services as support
from maison.terms import policy

from ..support_forms import ContactForm
from ..visitor import client_ip


@require_GET
def terms(request):
    """The terms of sale, rendered from the same policy the services enforce."""
    return render(request, "storefront/terms.html", {"policy": policy.POLICY})


@require_GET
def customer_service(request):
    return render(request, "storefront/customer_service.html")


@require_GET
def faq(request):
    return render(request, "storefront/faq.html", {"policy": policy.POLICY})


@require_GET
def privacy(request):
    return render(
        request,
        "storefront/privacy.html",
        {
            "policy": policy.POLICY,
            "session_weeks": settings.SESSION_COOKIE_AGE // (7 * 24 * 3600),
            "attempts_minutes": int(policy.POLICY.attempts_window.total_seconds() // 60),
        },
    )


@require_http_methods(["GET", "POST"])
def contact(request):
    """Write to customer service; a ticket is opened and acknowledged by email."""
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = ContactForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = support.open_ticket(
                name=data["name"],
                email=data["email"],
                topic=data["topic"],
                message=data["message"],
                order_number=data["order_number"],
                ip=client_ip(request),
                language=get_language() or "en",
            )
        except support.TicketRefused as refusal:
            form.add_error(refusal.field, refusal.message)
            status = 429 if refusal.code == "too_many_attempts" else 400
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your message is number %(number)s; we have emailed you a copy "
                    "and will answer within two working days."
                )
                % {"number": ticket.pk},
            )
            return redirect("storefront:contact")
    return render(
        request, "storefront/contact.html", {"form": form, "policy": policy.POLICY}, status=status
    )
