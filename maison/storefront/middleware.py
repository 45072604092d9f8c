"""Requests refused before any view sees them."""

from django.core.exceptions import BadRequest


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
