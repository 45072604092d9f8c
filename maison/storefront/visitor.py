"""What the presentation layer reads off a request for the domain: the visitor's address."""

from django.conf import settings


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
