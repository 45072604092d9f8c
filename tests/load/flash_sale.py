"""A flash sale over HTTP: buyers with their own cookies race through the real pages.

Each buyer is what a browser without JavaScript does: it opens the product
page, presses the size and "Add to basket", fills in the checkout details,
keeps the first delivery method, types the test card, ticks the terms on the
review page and places the order, following every redirect itself. Every form
is read from the page it is on (its action, its hidden fields, its CSRF
token), so the run goes through the store exactly as a shopper does.

Only the standard library: `make bench` imports this in a process that never
imports Django, and `tests/load/test_flash_sale.py` runs it small against a
test server so it never rots.
"""

import http.client
import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

CARD = {"number": "4242 4242 4242 4242", "expiry_month": "12", "expiry_year": "2099", "cvc": "123"}


class Forms(HTMLParser):
    """The page's forms: for each, its action and the values a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.radios: dict[str, dict] = {}  # input id -> its attributes
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "radio":
                self.radios[a.get("id", "")] = a
                if "checked" in a or a["name"] not in fields:
                    fields[a["name"]] = a.get("value", "")
            elif kind == "checkbox":
                if "checked" in a:
                    fields[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                fields[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in fields:
                fields[self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            fields[a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def form(self, action_part: str) -> dict | None:
        return next((f for f in self.forms if action_part in f["action"]), None)


ORDER_PAGE = re.compile(r"/orders/[^?]*")
FORM = re.compile(r"<form\b.*?</form>", re.S | re.I)


def forms_of(html: str) -> Forms:
    """Only the forms are parsed: the client shares the server's cores, so it reads little."""
    parser = Forms()
    for form in FORM.findall(html):
        parser.feed(form)
    return parser


@dataclass
class Tally:
    """What every buyer did, shared by the buyers' threads."""

    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    place_ms: list[float] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    steps_ms: dict[str, list[float]] = field(default_factory=dict)

    def count(self, status: int, method: str, path: str, ms: float) -> None:
        step = f"{method} {ORDER_PAGE.sub('/orders/…/', path)}"
        with self.lock:
            self.requests += 1
            self.steps_ms.setdefault(step, []).append(ms)
            if status >= 500:
                self.server_errors.append(f"{status} {method} {path}")

    def outcome(self, kind: str) -> None:
        with self.lock:
            self.outcomes[kind] = self.outcomes.get(kind, 0) + 1


class Browser:
    """One buyer's cookies and connection; follows redirects, counting each request."""

    def __init__(self, base: str, tally: Tally):
        parts = urlsplit(base)
        self.base = base
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.tally = tally
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def close(self) -> None:
        self.connection.close()

    def _send(self, method: str, path: str, body: dict | None, referer: str):
        headers = {"Host": f"{self.host}:{self.port}", "Referer": referer or self.base + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        began = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                content = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed: a browser reconnects.
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt == 2:
                    raise
        ms = 1000 * (time.perf_counter() - began)
        self.tally.count(response.status, method, path, ms)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers.get("Location"), content

    def go(self, method: str, path: str, body: dict | None = None) -> tuple[str, str]:
        """The page reached (its path and HTML) after following redirects."""
        status, location, content = self._send(method, path, body, "")
        while status in (301, 302, 303) and location:
            path = urlsplit(urljoin(self.base + path, location)).path
            status, location, content = self._send("GET", path, None, "")
        return path, content


def buy(base: str, product_path: str, variant_id: int, n: int, tally: Tally) -> None:
    """One buyer, from the product page to the order page (or to being told it is gone)."""
    browser = Browser(base, tally)
    try:
        _buy(browser, product_path, variant_id, n, tally)
    finally:
        browser.close()


def _buy(browser: Browser, product_path: str, variant_id: int, n: int, tally: Tally) -> None:
    _, page = browser.go("GET", product_path)
    parsed = forms_of(page)
    size = parsed.radios.get(f"size-{variant_id}")
    add = parsed.form("/basket/add/")
    if add is None or size is None or "disabled" in size:
        tally.outcome("sold out on the page")
        return
    colour = size["name"].removeprefix("size-")
    fields = {**add["fields"], "colour": colour, size["name"]: str(variant_id), "quantity": "1"}
    where, page = browser.go("POST", add["action"], fields)
    if "/basket/" not in where or "checkout" not in page:
        tally.outcome("sold out at add")
        return
    where, page = browser.go("GET", _lang(product_path) + "checkout/")
    address = {
        "email": f"buyer{n}@example.com",
        "billing_same": "on",
        "ship-first_name": "Camille",
        "ship-last_name": "Martin",
        "ship-line1": "3 rue des Essais",
        "ship-postal_code": "69002",
        "ship-city": "Lyon",
        "ship-phone": "+33 6 00 00 00 00",
    }
    for needs, values in (("email", address), ("method", {}), ("number", CARD)):
        form = _form_with(page, needs)
        if form is None:
            tally.outcome(f"no form with {needs} at {where}")
            return
        where, page = browser.go("POST", form["action"] or where, {**form["fields"], **values})
    place = _form_with(page, "reviewed")
    if place is None:
        tally.outcome("stopped before review")
        return
    began = time.perf_counter()
    status, location, _ = browser._send(
        "POST", place["action"], {**place["fields"], "accept_terms": "on"}, ""
    )
    with tally.lock:
        tally.place_ms.append(1000 * (time.perf_counter() - began))
    if location:
        where, page = browser.go("GET", urlsplit(urljoin(browser.base, location)).path)
    if "/orders/" in where:
        tally.outcome("placed")
    elif "/basket/" in where:
        tally.outcome("told sold out at place")
    else:
        tally.outcome(f"place answered {status}")


def _lang(product_path: str) -> str:
    """The language prefix of the store's pages, e.g. "/en/"."""
    return "/" + product_path.strip("/").split("/", 1)[0] + "/"


def _form_with(page: str, name: str) -> dict | None:
    """The page's form that has a field `name`: the step's own, not the header's."""
    return next((f for f in forms_of(page).forms if name in f["fields"]), None)


@dataclass
class SaleResult:
    seconds: float
    requests: int
    outcomes: dict[str, int]
    server_errors: list[str]
    place_p50_ms: float
    place_p99_ms: float
    # Each kind of request (method and path): how many, and their median in ms.
    steps: dict[str, tuple[int, float]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def flash_sale(
    base: str, product_path: str, variant_id: int, *, buyers: int, at_once: int
) -> SaleResult:
    """`buyers` buyers, `at_once` at a time, for one variant; timed from first to last."""
    tally = Tally()
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        done = [pool.submit(buy, base, product_path, variant_id, n, tally) for n in range(buyers)]
        for future in done:
            try:
                future.result()
            except Exception as error:  # noqa: BLE001 — counted and shown, never hidden
                tally.outcome(f"client error {type(error).__name__}")
    seconds = time.perf_counter() - began
    took = sorted(tally.place_ms)
    return SaleResult(
        seconds=seconds,
        requests=tally.requests,
        outcomes=dict(sorted(tally.outcomes.items())),
        server_errors=tally.server_errors,
        place_p50_ms=statistics.median(took) if took else 0.0,
        place_p99_ms=took[min(len(took) - 1, int(len(took) * 0.99))] if took else 0.0,
        steps={
            step: (len(spent), statistics.median(spent))
            for step, spent in sorted(tally.steps_ms.items())
        },
    )
