"""The terms of sale drawn from the current policy, in one language, without a request.

The live page and `publish_terms` use the same function, so a kept version is
exactly what the page showed when it was published.
"""

import hashlib

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from maison.markets.addresses import country_name
from maison.markets.models import Market
from maison.markets.money import Money

from . import policy


def render_articles(language: str) -> str:
    """The articles of the terms, as HTML, in `language`, from the policy read now."""
    current = policy.POLICY
    with translation.override(language):
        markets = [
            {
                "market": market,
                "threshold": Money(market.free_delivery_threshold_minor, market.currency),
                "return_cost": Money(current.return_cost_minor, market.currency),
            }
            for market in Market.objects.order_by("-is_default", "country")
        ]
        return render_to_string(
            "terms/articles.html",
            {
                "policy": current,
                "store": settings.MAISON_STORE,
                "time_zone_city": current.store_time_zone.rsplit("/", 1)[-1].replace("_", " "),
                "holidays_country": country_name(current.periods_holidays_country, language),
                "share_capital": Money(current.seller_share_capital_minor, "EUR"),
                "markets": markets,
                "track_url": reverse("storefront:track"),
                "contact_url": reverse("storefront:contact"),
                "faq_url": reverse("storefront:faq"),
                "privacy_url": reverse("storefront:privacy"),
            },
        )


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
