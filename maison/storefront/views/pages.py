"""The pages the terms promise (SITE-4): terms, customer service, contact, FAQ, privacy.

Every figure on them is read from the policy when the page is drawn, the same
values the services enforce, so a page can never promise other deadlines.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from maison.support import services as support
from maison.terms import policy
from maison.terms import services as terms_services
from maison.terms.rendering import render_articles

from ..support_forms import ContactForm
from ..visitor import client_ip

logger = logging.getLogger(__name__)


def _language(request) -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


@require_safe
def terms(request):
    """The current terms of sale, rendered from the same policy the services enforce."""
    current = policy.POLICY.terms_version
    language = _language(request)
    articles = render_articles(language)
    kept = terms_services.kept_version(current)
    if kept is not None and kept.text(language) != articles:
        # What is enforced now is not what buyers of this version accepted.
        logger.warning(
            "The terms of sale differ from kept version %s: set a new terms_version "
            "and run publish_terms.",
            current,
        )
    return render(
        request,
        "storefront/terms.html",
        {"version": current, "kept": kept, "articles": articles, "live": True},
    )


@require_safe
def terms_version(request, version: str):
    """A kept version exactly as published: the terms an order accepted (ORD-4).

    The current version not yet published (a fresh database) is drawn live, so
    an order placed before `publish_terms` still links to its terms.
    """
    kept = terms_services.kept_version(version)
    if kept is not None:
        # Kept text was rendered by our own template when published, not typed in.
        articles = mark_safe(kept.text(_language(request)))  # noqa: S308
    elif version == policy.POLICY.terms_version:
        articles = render_articles(_language(request))
    else:
        raise Http404
    return render(
        request,
        "storefront/terms.html",
        {
            "version": version,
            "kept": kept,
            "articles": articles,
            "live": version == policy.POLICY.terms_version,
        },
    )


@require_safe
def customer_service(request):
    return render(request, "storefront/customer_service.html", {"policy": policy.POLICY})


@require_safe
def faq(request):
    return render(request, "storefront/faq.html", {"policy": policy.POLICY})


@require_safe
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


@require_http_methods(["GET", "HEAD", "POST"])
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
