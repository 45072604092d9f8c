"""Two app servers for real (issue #13): the production topology on one machine.

Two gunicorn servers on two ports, over HTTPS with a certificate made here, share
the test database on PostgreSQL and one Redis (sessions, rate limits, the task
queue); an RQ worker sends the emails to a real SMTP sink, and the scheduler
enqueues its periodic jobs beside them. Shoppers' requests
alternate between the servers, as behind a load balancer.
"""

import hashlib
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from maison import clock
from maison.checkout import services as checkout_services
from maison.invoicing.models import Document
from maison.notifications.models import OutboxEmail
from maison.orders.models import Order
from maison.terms.policy import POLICY
from tests import factories
from tests.accounts.helpers import PASSWORD, member
from tests.invoicing.helpers import ship

from .servers import ROOT, Gunicorn
from .stack import HOST, Shopper, kill_hard

REVIEWED = re.compile(r'name="reviewed" value="([^"]+)"')
ORDER_PAGE = re.compile(r"/en/orders/([^/]+)/[^/]+/$")


def checkout(
    shopper: Shopper, servers: list[Gunicorn], variant, email: str
) -> tuple[int, str, str]:
    """Add one item and check out, each request on the next server still up; the last answer.

    A request a dead server could not answer is sent again to another, as a load
    balancer does, or a shopper pressing the button again.
    """
    count = iter(range(100))

    def send(method, path, *data):
        for _attempt in range(3):
            up = [s for s in servers if s.process.poll() is None] or servers
            server = up[next(count) % len(up)]
            try:
                return method(server, path, *data)
            except OSError:  # refused, reset or cut mid-answer: the server died
                time.sleep(0.2)
        raise AssertionError(f"no server answered {path}")

    address = {f"ship-{k}": v for k, v in factories.address_in("FR").items()}
    send(shopper.get, f"/en/p/{variant.product.slug}/")
    send(shopper.post, "/en/basket/add/", {"variant": variant.pk, "quantity": 1})
    send(shopper.post, "/en/checkout/", {"email": email, "billing_same": "on", **address})
    send(shopper.post, "/en/checkout/delivery/", {"method": "standard"})
    card = {"number": factories.APPROVED_CARD, "expiry_month": 12, "expiry_year": 2099}
    send(shopper.post, "/en/checkout/payment/", {**card, "cvc": "123"})
    status, page, _ = send(shopper.get, "/en/checkout/review/")
    reviewed = REVIEWED.search(page)
    if reviewed is None:  # sold out before the review
        return status, page, ""
    return send(
        shopper.post, "/en/checkout/place/", {"accept_terms": "on", "reviewed": reviewed.group(1)}
    )


@pytest.mark.postgres
def test_one_shopper_across_two_servers_basket_sign_in_checkout_and_rate_limits(stack):
    # proves: ACC-7, ORD-6, DATA-3
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=5)
    member("camille@example.com")
    member("lou@example.com")
    stack.start_task_worker()
    scheduler = stack.start_scheduler()
    first, second = stack.start_servers(2)
    shopper = Shopper(stack.certificate)

    # The basket filled on one server is the other's.
    shopper.get(first, f"/en/p/{coat.product.slug}/")
    shopper.post(first, "/en/basket/add/", {"variant": coat.pk, "quantity": 2})
    status, page, _ = shopper.get(second, "/en/basket/")
    assert status == 200 and coat.product.name in page

    # Signed in on one, known to the other; the session cookie is Secure over HTTPS.
    status, page, _ = shopper.post(
        second, "/en/account/sign-in/", {"email": "camille@example.com", "password": PASSWORD}
    )
    assert status == 200 and "Hello Camille" in page
    assert all(c.secure for c in shopper.jar if c.name in {"sessionid", "csrftoken"})
    status, page, _ = shopper.get(first, "/en/account/")
    assert status == 200 and "Hello Camille" in page

    # Checkout across both; the acknowledgment comes from the RQ worker, once.
    status, page, path = checkout(shopper, [first, second], coat, "camille@example.com")
    assert status == 200, page[:500]
    number = ORDER_PAGE.search(path).group(1)
    (message,) = stack.wait_for_emails(1)
    assert number in message["Subject"] and message["To"] == "camille@example.com"

    # Wrong passwords posted to both servers in turn: 5 in all, not per server.
    assert POLICY.sign_in_failures_per_account == 5
    guesser = Shopper(stack.certificate)
    guesser.get(first, "/en/account/sign-in/")
    answers = [
        guesser.post(
            server, "/en/account/sign-in/", {"email": "lou@example.com", "password": f"G-{n}"}
        )[0]
        for n, server in zip(range(10), [first, second] * 5, strict=True)
    ]
    assert answers == [200] * 5 + [429] * 5
    time.sleep(1)
    assert len(stack.inbox.messages) == 1, stack.logs()
    assert scheduler.poll() is None, stack.logs()


@pytest.mark.postgres
def test_a_flash_sale_on_two_servers_one_killed_midway_sells_each_unit_once(stack):
    # proves: PRD-1, ORD-6, DATA-3
    factories.market()
    factories.delivery_methods()
    units, buyers = 20, 200
    bag = factories.variant(stock=units)
    stack.start_task_worker()
    stack.start_scheduler()
    servers = stack.start_servers(2)
    started = threading.Semaphore(0)

    def buy(n: int) -> str:
        started.release()
        shopper = Shopper(stack.certificate)
        own = [servers[n % 2], servers[(n + 1) % 2]]
        status, page, path = checkout(shopper, own, bag, f"buyer{n}@example.com")
        found = ORDER_PAGE.search(path)
        return found.group(1) if found else "refused"

    def crash_one_server():
        for _ in range(buyers // 2):
            started.acquire()
        kill_hard(servers[1].process)

    crasher = threading.Thread(target=crash_one_server)
    crasher.start()
    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(buy, range(buyers)))
    crasher.join()
    assert servers[1].process.poll() is not None

    numbers = [o for o in outcomes if o != "refused"]
    orders = list(Order.objects.values_list("number", "email"))
    assert len(orders) == units
    assert len({email for _, email in orders}) == units  # nobody's order was duplicated
    # Every buyer told "placed" has that order; an order whose page was lost with
    # the server is still one of the 20, and its email still goes out.
    assert set(numbers) <= {number for number, _ in orders}
    messages = stack.wait_for_emails(units)
    time.sleep(1)
    subjects = [m["Subject"] for m in stack.inbox.messages]
    assert len(subjects) == units, stack.logs()
    assert all(any(number in s for s in subjects) for number, _ in orders)
    assert {m["To"] for m in messages} == {email for _, email in orders}


@pytest.mark.postgres
def test_a_size_sold_out_through_one_server_shows_at_once_on_the_other(stack):
    # proves: PRD-1
    factories.market()
    factories.delivery_methods()
    last_one = factories.variant(stock=1)
    servers = stack.start_servers(2)
    watcher, page = Shopper(stack.certificate), f"/en/p/{last_one.product.slug}/"
    control = re.compile(rf'<input[^>]*value="{last_one.pk}"[^>]*>')
    for server in servers * 2:  # each server renders the page, then serves it from Redis
        assert "disabled" not in control.search(watcher.get(server, page)[1]).group(0)
    buyer = Shopper(stack.certificate)
    _, _, placed = checkout(buyer, servers[:1], last_one, "buyer@example.com")
    assert ORDER_PAGE.search(placed)
    for server in servers:
        assert "disabled" in control.search(watcher.get(server, page)[1]).group(0)


@pytest.mark.postgres
def test_a_retry_scheduled_for_later_runs_on_the_rq_worker(stack, monkeypatch):
    # proves: DATA-3
    # The outbox retries with `deliver_email.using(run_after=...)`: on RQ that is a
    # scheduled job, which only a worker started with RQ's scheduler ever runs.
    factories.market()
    factories.delivery_methods()
    # The order's acknowledgment is written to the outbox, and not enqueued here.
    monkeypatch.setattr(
        "maison.notifications.tasks.deliver_email", SimpleNamespace(enqueue=lambda pk: None)
    )
    order = checkout_services.place_order(
        factories.ready_checkout([(factories.variant(), 1)]), accepted_terms=True
    )
    email = OutboxEmail.objects.get()
    stack.start_task_worker()
    enqueue = (
        "from datetime import timedelta; from maison import clock; "
        "from maison.notifications.tasks import deliver_email; "
        "later = deliver_email.using(run_after=clock.now() + timedelta(seconds=2)); "
        f"r = later.enqueue({email.pk}); "
        "print(type(r.task.get_backend()).__name__, r.status)"
    )
    enqueued = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", enqueue],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert enqueued.stdout.strip().splitlines()[-1] == "RQBackend READY", enqueued.stderr
    assert stack.inbox.messages == []
    (message,) = stack.wait_for_emails(1, within=30)
    assert order.number in message["Subject"], stack.logs()


@pytest.mark.postgres
def test_a_credit_note_issued_through_one_server_downloads_from_the_other(stack, settings):
    # proves: DATA-1
    from django.contrib.auth import get_user_model

    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=2)
    # Who may credit is proven in tests/invoicing; here, any back-office user who may.
    finance = get_user_model().objects.create_superuser("finance@orvane.example", PASSWORD)
    first, second = stack.start_servers(2)
    shopper = Shopper(stack.certificate)
    status, page, path = checkout(shopper, [first, second], coat, "camille@example.com")
    assert status == 200, page[:500]
    # The parcel leaves (this process ships): its invoice goes to the servers' shared media.
    settings.MEDIA_ROOT = str(stack.tmp_path / "media")
    order = Order.objects.get(number=ORDER_PAGE.search(path).group(1))
    ship(order, {order.lines.get(): 1}, at=clock.now())

    # Staff credit 10.00 in the back office of the first server: a credit note is issued there.
    staff = Shopper(stack.certificate)
    staff.get(first, "/admin/login/")
    staff.post(first, "/admin/login/", {"username": finance.email, "password": PASSWORD})
    status, page, _ = staff.post(
        first, f"/admin/orders/order/{order.pk}/credit/", {"amount": "10.00", "reason": "Late"}
    )
    assert status == 200 and "Refunded and credited." in page, page[:500]
    invoice, credit = Document.objects.filter(order_number=order.number).order_by("sequence")
    assert credit.is_credit_note and credit.total_minor == 10_00

    # The buyer's order page, on the other server, links both; each downloads from either.
    _, page, _ = shopper.get(second, urllib.parse.urlsplit(path).path)
    links = re.findall(r'href="([^"]+\.pdf)"', page)
    assert len(links) == 2
    for document, link in zip((invoice, credit), links, strict=True):
        for server in (second, first):
            request = urllib.request.Request(server.base + link, headers={"Host": HOST})
            with shopper.opener.open(request, timeout=60) as response:
                assert response.status == 200
                assert "no-store" in response.headers["Cache-Control"]
                assert hashlib.sha256(response.read()).hexdigest() == document.pdf_sha256
