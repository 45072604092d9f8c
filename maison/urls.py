import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from maison.storefront.language import set_language
from maison.storefront.views.webhooks import payment_webhook

admin.site.site_header = format_lazy(
    _("{store} — back office"), store=settings.MAISON_STORE["name"]
)
admin.site.site_title = _("maison back office")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    # The payment provider's signed notifications (no language, no session, no CSRF token).
    path("payments/webhook/test/", payment_webhook, name="payment-webhook"),
    # Every shopper page exists once per language: /en/..., /fr/... (SITE-6).
    *i18n_patterns(path("", include("maison.storefront.urls"))),
]

if settings.MAISON_SERVE_MEDIA:
    from maison.storefront.views.media import media

    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.+)$", media, name="media"))

if settings.MAISON_BENCH_VIEWS:
    from maison.backoffice.bench import bare_products

    urlpatterns.insert(0, path("bench/bare/", bare_products))

handler400 = "maison.storefront.views.errors.bad_request"
handler403 = "maison.storefront.views.errors.permission_denied"
handler404 = "maison.backoffice.not_found.page_not_found"
handler500 = "maison.storefront.views.errors.server_error"
