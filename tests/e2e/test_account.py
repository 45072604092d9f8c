"""A shopper opens an account, forgets the password and sets a new one, in a real browser."""

import re
import time

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests import factories
from tests.smtp import Inbox


@pytest.fixture
def inbox(smtp_server, settings, live_server):
    """Links in emails point at the live server."""
    settings.MAISON_BASE_URL = live_server.url
    return smtp_server


@pytest.fixture
def shop(transactional_db):
    cache.clear()
    factories.market()
    factories.delivery_methods()
    yield
    cache.clear()


def wait_for_message(inbox: Inbox, seconds: float = 10, *, count: int = 1):
    """The `count`th email to reach the SMTP server, once it has."""
    deadline = time.monotonic() + seconds
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(inbox.messages) >= count, "no email reached the SMTP server"
    return inbox.messages[count - 1]


def test_register_with_a_weak_then_a_valid_password_then_reset_it_by_email(page, shop, inbox, axe):
    # proves: ACC-1, ACC-2, ACC-4
    page.goto("/en/account/register/")
    password = page.get_by_label("Password", exact=True)
    rule = "at least 8 characters, including at least 1 digit and 1 special character"
    expect(page.get_by_text(re.compile(rule))).to_be_visible()
    expect(password).to_have_attribute("aria-describedby", re.compile("id_password_helptext"))
    axe(page)

    page.get_by_label("First name").fill("Lou")
    page.get_by_label("Last name").fill("Bernard")
    page.get_by_label("Email").fill("lou@example.com")
    page.get_by_label("Phone, for delivery").fill("+33 6 11 22 33 44")
    password.fill("linen")
    reveal = page.get_by_role("button", name="Show password")
    expect(reveal).to_have_attribute("aria-pressed", "false")
    reveal.focus()
    page.keyboard.press("Enter")
    expect(reveal).to_have_attribute("aria-pressed", "true")
    expect(password).to_have_attribute("type", "text")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Use at least 8 characters: add 3 more.")).to_be_visible()
    expect(page.get_by_text("Add at least 1 digit.")).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "password")
    axe(page)

    page.get_by_label("Password", exact=True).fill("Linen-shirt-8")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    axe(page)
    welcome = wait_for_message(inbox)
    assert welcome["To"] == "lou@example.com"
    body = welcome.get_body(preferencelist=("plain",)).get_content()
    page.goto(re.search(r"http://\S+/account/confirm/\S+/", body).group(0))
    expect(
        page.get_by_text("Your email is confirmed. Welcome! Your account is open.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Hello Lou")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()

    page.goto("/en/account/sign-in/")
    page.get_by_role("link", name="Forgot password?").click()
    page.get_by_label("Email").fill("lou@example.com")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_text(re.compile("If an account exists with this email"))).to_be_visible()
    message = wait_for_message(inbox, count=2)
    assert message["To"] == "lou@example.com"
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://\S+/account/reset/\S+/", body).group(0)

    page.goto(link)
    expect(page.get_by_text(re.compile(rule))).to_be_visible()
    page.get_by_label("New password", exact=True).fill("Velvet-coat-9")
    page.get_by_label("New password, again").fill("Velvet-coat-9")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("Your new password is set. Please sign in with it.")).to_be_visible()
    page.get_by_label("Email").fill("lou@example.com")
    page.get_by_label("Password", exact=True).fill("Velvet-coat-9")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Hello Lou")).to_be_visible()
    axe(page)
