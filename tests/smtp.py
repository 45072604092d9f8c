"""A real SMTP server on a free loopback port, for the tests where emails are the point."""

import email
import socket
from email import policy as email_policy


class Inbox:
    """An aiosmtpd handler keeping every message it receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email_policy.default)
        )
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
