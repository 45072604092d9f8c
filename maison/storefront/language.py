"""Which language a shopper reads (SITE-6): the address says it; the country never changes it.

A first visit to an address without a language (`/`) follows the browser when it
names English or French, otherwise the default language of the shopper's country.
The language switcher leads to the same page in the chosen language.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.i18n import set_language as django_set_language

from . import session


def browser_language(request) -> str | None:
    """The first language of Accept-Language the store speaks, if any."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


class StoreLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the country's language where the browser names none.

    Only the redirect of an address without a language (`/` to `/fr/`) asks for
    the country, so other unprefixed requests (back office, set_language) cost
    nothing more.
    """

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and not translation.get_language_from_path(request.path_info)
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and not browser_language(request)
        ):
            translation.activate(session.market(request).language)
        return super().process_response(request, response)


def set_language(request):
    """Django's set_language, reading `next` in its own language.

    Django resolves `next` in the language the request arrived with (the
    cookie's or the browser's): `/en/…` did not resolve for a French browser,
    and the shopper stayed on the English page.
    """
    target = request.POST.get("next", request.GET.get("next")) or ""
    written_in = translation.get_language_from_path(target.split("?")[0])
    with translation.override(written_in or translation.get_language()):
        return django_set_language(request)
