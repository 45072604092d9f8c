"""Requests refused before any view sees them."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control


class RefuseNulBytes:
    """A NUL byte in the path or the query string is a bad request (400).

    No page of the store has a use for one, and PostgreSQL refuses it in any
    text it is asked to compare: searched for, or looked up as an order number,
    it would surface as a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)


# Pages under these (after the language prefix) show a person's details or orders.
PRIVATE_PREFIXES = ("account/", "checkout/", "orders/", "track/")


class PrivatePages:
    """No cache, shared or the browser's own, keeps account, checkout, order or tracking pages.

    Also sets the Permissions-Policy header on every answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language, _, rest = request.path_info.lstrip("/").partition("/")
        if len(language) == 2 and rest.startswith(PRIVATE_PREFIXES):
            patch_cache_control(response, private=True, no_store=True)
        response.headers.setdefault("Permissions-Policy", settings.MAISON_PERMISSIONS_POLICY)
        return response


class ExplainRefusedMethod:
    """A refused method (405) says why, in the address's language, not with an empty page.

    Django answers an address that only takes a form (add to basket, place the
    order), when opened by a link or a bookmark, with an empty 405: the browser
    then shows its own blank error, in its own language, with no way back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method != "HEAD":
            response.content = render_to_string("405.html")
            response["Content-Type"] = "text/html; charset=utf-8"
            # CommonMiddleware, further in, has already counted the empty body.
            response["Content-Length"] = str(len(response.content))
        return response
