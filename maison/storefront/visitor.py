"""What the presentation layer reads off a request: the visitor's address, where to go back to."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request) -> str:
    """The shopper's address, for rate limits (ACC-7).

    Behind a load balancer REMOTE_ADDR is the balancer's, shared by every
    shopper; with MAISON_TRUSTED_PROXIES set to the number of proxies in front
    of the store, the address they append to X-Forwarded-For is used instead.
    """
    proxies = settings.MAISON_TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def safe_place(request, wanted: str | None, otherwise: str) -> str:
    """`wanted` if it is a page of this store (a path, or a URL on this host), else `otherwise`.

    Callers redirect with HttpResponseRedirect, never `redirect()`, which would take
    a bare word such as `foo` for a view name and fail (500).
    """
    wanted = wanted or ""
    if any(ord(c) < 32 or c in "\\\x7f" for c in wanted):
        return otherwise
    parts = urlsplit(wanted)
    is_place = wanted.startswith("/") or (parts.scheme in {"http", "https"} and parts.netloc)
    if is_place and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return otherwise
