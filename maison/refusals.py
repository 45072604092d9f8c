"""The one shape of a refused action, shared by every domain app.

A service that cannot do what it is asked raises a subclass of `Refused`: a
stable `code` that other code can act on (the storefront picks a page or a
status from it, the REST API returns it), and a message a shopper or a staff
member can read. No domain exception knows about pages or HTTP statuses.
"""


class Refused(Exception):
    code = "refused"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        # The form field the message belongs beside, when there is one.
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
