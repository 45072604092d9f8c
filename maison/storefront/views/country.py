"""Choosing the country to shop in (SITE-3): currency, prices, taxes, delivery, language."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maison.basket.queries import item_count

from .. import session
from ..forms import CountryForm
from ..visitor import safe_place


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    return safe_place(request, target, reverse("storefront:home"))


@require_http_methods(["GET", "HEAD", "POST"])
def country(request):
    markets = session.markets(request)
    language = get_language()
    form = CountryForm(
        request.POST or None,
        markets=markets,
        language=language,
        initial={"country": session.market(request).country},
    )
    if request.method == "POST" and form.is_valid():
        chosen = next(m for m in markets if m.country == form.cleaned_data["country"])
        changed = chosen.pk != session.market(request).pk
        session.choose_country(request, chosen)
        request.session[session.COUNTRY_CONFIRMED_KEY] = True
        if changed and item_count(request.session.get(session.BASKET_KEY)):
            messages.info(
                request,
                _("Your basket is now priced for %(country)s, in %(currency)s.")
                % {"country": chosen.display_name(language), "currency": chosen.currency},
            )
        # The country sets prices and delivery, never the language being read (SITE-6).
        return HttpResponseRedirect(_next(request))
    return render(
        request,
        "storefront/country.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )
