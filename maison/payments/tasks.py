import logging
import urllib.error
import urllib.request

from django.conf import settings
from django_tasks import task

from . import webhooks

logger = logging.getLogger(__name__)


@task()
def deliver_webhook(body: str, signature: str) -> bool:
    """The test provider posts its signed notification to the store, as a remote one would.

    A store that does not answer misses it: the buyer's return, or the settle
    job, still confirms the payment.
    """
    request = urllib.request.Request(  # noqa: S310 (a URL from the settings)
        settings.MAISON_TEST_PROVIDER_WEBHOOK_URL,
        data=body.encode(),
        headers={"Content-Type": "application/json", webhooks.HEADER: signature},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return answer.status == 200
    except (urllib.error.URLError, OSError) as error:
        logger.warning("webhook not delivered: %s", error)
        return False
