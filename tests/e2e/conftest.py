"""Browser tests: Debian's Chromium, driven by Playwright, against the live server.

The browser is the one `make browser-deps` installs from Debian and the
accessibility rules are npm's axe-core; no test tool downloads either.
"""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
AXE = HERE.parents[1] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Long enough for a slow CI machine, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests.

    Playwright's sync API keeps an asyncio loop running in the test thread while
    it is started, so Django would refuse the tests' own ORM queries
    (SynchronousOnlyOperation). The test code is synchronous, so it says so with
    DJANGO_ALLOW_ASYNC_UNSAFE, as Django's documentation advises for tests. Both
    the loop and that flag last only as long as this package's tests: the rest
    of the suite keeps Django's check and no running loop.
    """
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context: `new_page(java_script_enabled=False)`.

    Whatever the test, no page may break its own Content-Security-Policy: an
    inline script or style the policy blocks fails the test.
    """
    contexts, blocked = [], []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        opened = context.new_page()
        opened.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and blocked.append(message.text)
            ),
        )
        return opened

    yield open_page
    for context in contexts:
        context.close()
    assert not blocked, "\n".join(blocked)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def axe():
    """Check the page with axe-core: no serious or critical violation may remain."""

    def check(page):
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated by the browser's debugging protocol, which the page's
            # Content-Security-Policy (no inline script) does not govern.
            page.evaluate(AXE.read_text())
        violations = page.evaluate(
            """async () => (await axe.run()).violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(" ")),
            }))"""
        )
        blocking = [v for v in violations if v["impact"] in {"serious", "critical"}]
        assert not blocking, f"accessibility violations on {page.url}:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}"
            for v in blocking
        )

    return check
