"""The store's 400, 403 and 500 pages, in the language of the address (SITE-6).

A bad request (a wrong Host header, a NUL byte) is refused before the locale
middleware has read the address, and a server error may come from anywhere:
the language is read here from the path itself, never from the session or the
database, which may be what failed.
"""

from django.conf import settings
from django.utils import translation
from django.views import defaults


def _language(request) -> str:
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def bad_request(request, exception):
    with translation.override(_language(request)):
        return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    with translation.override(_language(request)):
        return defaults.permission_denied(request, exception)


def server_error(request):
    with translation.override(_language(request)):
        return defaults.server_error(request)
