"""The one way an email is rendered, for sending, for the record and for tests.

An outbox row holds a template name, a language and a JSON context of plain
references. Each app that queues an email registers, in its `emails.py`, how
to turn those references into what the templates need (`load`) and which of
the email's links carry a secret (`secret_links`: a password reset token, a
claim token, an order's access key). `render` builds those links at send time
into the message that goes out, and replaces them with `REDACTED` in the copy
the outbox keeps: no secret is ever stored where staff can read it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

# What the kept copy shows in place of a secret link, in the email's language.
REDACTED = gettext_lazy("[personal link removed: only the recipient received it]")


class NotToSend(Exception):
    """What the email is about is gone (a closed account, a deleted order): drop it."""


def _no_secret(variables: dict) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Kind:
    """How one template's plain references become what it shows."""

    load: Callable[[dict], dict] = dict
    secret_links: Callable[[dict], dict[str, str]] = _no_secret


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str

    def contains(self, fragment: str) -> bool:
        return any(fragment in part for part in (self.subject, self.text, self.html))


@dataclass(frozen=True)
class Email:
    to_send: Rendered  # with its secret links: goes to the recipient, never stored
    to_keep: Rendered  # the same, links redacted: the outbox's record (ORD-11)


_kinds: dict[str, Kind] = {}


def register(template: str, *, load=None, secret_links=None) -> None:
    """Say how `notifications/email/<template>` is filled; call it from an app's `emails.py`.

    `load(context)` reads the references of the queued context and returns the
    template's variables; `secret_links(variables)` returns the variables that
    hold a secret link, built now, by name. A template not registered is
    rendered with its context as queued (plain strings, no secret).
    """
    _kinds[template] = Kind(load=load or dict, secret_links=secret_links or _no_secret)


def render(template: str, context: dict, language: str) -> Email:
    """Render an email in its language: the message to send and the copy to keep.

    Raises `NotToSend` when what it is about no longer exists.
    """
    kind = _kinds.get(template, Kind())
    with translation.override(language):
        try:
            variables = kind.load(dict(context))
            secrets = kind.secret_links(variables)
        except ObjectDoesNotExist as gone:
            raise NotToSend(str(gone)) from gone
        to_send = _render(template, {**variables, **secrets})
        to_keep = _render(template, {**variables, **dict.fromkeys(secrets, str(REDACTED))})
    for link in secrets.values():
        # A template that showed a secret link through another variable too.
        if to_keep.contains(link):
            raise ValueError(f"the {template} email would keep a secret link")
    return Email(to_send=to_send, to_keep=to_keep)


def _render(template: str, variables: dict) -> Rendered:
    subject = render_to_string(f"notifications/email/{template}_subject.txt", variables)
    return Rendered(
        subject=" ".join(subject.split()),
        text=render_to_string(f"notifications/email/{template}.txt", variables),
        html=render_to_string(f"notifications/email/{template}.html", variables),
    )
