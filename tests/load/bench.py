"""`make bench`: what one machine serves and sells, beside a bare Django view.

One run builds a throwaway PostgreSQL database from the demo catalogue, serves
it with gunicorn as production would (DEBUG off, persistent connections, rate
limits and sessions in Redis), and
drives a category page, a product page and a bare view with the same wrk
settings. The bare view is the baseline: measured in the same run on the same
machine, it turns "N requests/s" into "the store costs X times the framework",
which survives a change of hardware. Then a flash sale over HTTP: 1,000
buyers with their own cookies, 64 at a time, race through the real pages for
100 units of one size, the test provider answering after 300 ms
(`flash_sale.py`). Then 16 buyers place orders at once through `place_order`,
with the provider answering at once and after 300 ms.
`MAISON_BENCH_SMOKE=1` runs the whole of it small, in a minute or two.

Only the standard library, psycopg, redis and subprocesses here: the parent never
imports Django, so the server it measures starts from a clean process. The
`orders` sub-command is the part that runs inside Django, as a child process.
The database and the server are removed whatever happens.
"""

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis

# Run as a script (`make bench`), this file's folder is on the path: the flash
# sale's client is its neighbour, standard library only like this file.
from flash_sale import SaleResult, flash_sale

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Its own database name (MAISON_BENCH_DATABASE) lets two checkouts bench at once.
DB_NAME = os.environ.get("MAISON_BENCH_DATABASE", "maison_bench")
ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
BENCH_DSN = f"host=127.0.0.1 port=5432 user=postgres dbname={DB_NAME}"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
# Production shares rate limits and sessions through Redis; the bench too, in a
# database number and under a prefix of its own, removed at the end.
REDIS_URL = os.environ.get("MAISON_BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
CACHE_PREFIX = "maison-bench"

# One worker per core. Two threads each let one request's wait on PostgreSQL
# (which shares the same cores) overlap another's Python, and keep wrk's
# connections alive as a proxy in front would. More threads only queue behind
# the GIL; sync workers (one thread) would make wrk reconnect for every request.
WORKERS = 2
THREADS = 2
# wrk leaves a timed-out request out of its percentiles; a timeout well above
# any latency seen here keeps slow requests in p99 instead of hiding them.
WRK = ["-t2", "-c16", "-d10s", "--timeout", "10s", "--latency"]
WARM_UP = ["-t2", "-c16", "-d3s", "--timeout", "10s"]

ORDERS = 400
BUYERS = 16
# place_order is timed with the test provider answering at once, then as a
# card network far away does (MAISON_TEST_PROVIDER_LATENCY_MS).
PROVIDER_LATENCIES_MS = (0, 300)

# The flash sale over HTTP: SALE_BUYERS buyers, SALE_AT_ONCE at a time, race
# through the pages for SALE_UNITS units of one variant, the provider 300 ms away.
SALE_BUYERS = 1000
SALE_AT_ONCE = 64
SALE_UNITS = 100
SALE_LATENCY_MS = 300
# Each buyer waits on the provider for 300 ms while placing: threads, not
# processes, cover that wait, as a production server in front of a remote
# provider would be configured.
SALE_THREADS = 8

# MAISON_BENCH_SMOKE=1: the whole run, small and quick, to check it still works.
SMOKE = os.environ.get("MAISON_BENCH_SMOKE") == "1"
if SMOKE:
    WRK = ["-t1", "-c4", "-d1s", "--timeout", "10s", "--latency"]
    WARM_UP = ["-t1", "-c4", "-d1s", "--timeout", "10s"]
    ORDERS, BUYERS = 24, 4
    SALE_BUYERS, SALE_AT_ONCE, SALE_UNITS = 30, 8, 5
# Orders draw from a small set of popular variants, so buyers do meet on the
# same stock rows, as they do in a sale.
POPULAR_VARIANTS = 48
ADDRESS = {
    "first_name": "Camille",
    "last_name": "Martin",
    "line1": "3 rue des Essais",
    "line2": "",
    "postal_code": "69002",
    "city": "Lyon",
    "country": "FR",
    "phone": "+33 6 00 00 00 00",
}


def ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        print("Installing wrk (Debian package) ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def drop_database() -> None:
    with psycopg.connect(ADMIN_DSN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    shared = redis.Redis.from_url(REDIS_URL)
    for key in shared.scan_iter(f"{CACHE_PREFIX}:*"):
        shared.delete(key)


def create_database() -> str:
    """A fresh bench database; returns the server's version for the report."""
    drop_database()
    with psycopg.connect(ADMIN_DSN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DB_NAME}")
        return admin.execute("SHOW server_version").fetchone()[0].split()[0]


def store_env(latency_ms: int = 0) -> dict[str, str]:
    """The environment of a production-like store on the bench database."""
    env = dict(os.environ)
    env["MAISON_TEST_PROVIDER_LATENCY_MS"] = str(latency_ms)
    env.update(
        DJANGO_SETTINGS_MODULE="maison.settings",
        DATABASE_URL=DATABASE_URL,
        DATABASE_CONN_MAX_AGE="60",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-" + "k" * 50,
        MAISON_PAYMENT_WEBHOOK_SECRET="bench-only-webhook-secret",
        REDIS_URL=REDIS_URL,
        MAISON_CACHE_PREFIX=CACHE_PREFIX,
        MAISON_BENCH_VIEWS="1",
        MAISON_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    return env


def manage(*args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=store_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, log, *, threads: int = THREADS, latency_ms: int = 0):
    command = [
        str(BIN / "gunicorn"),
        "maison.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
        "--no-control-socket",
    ]
    env = store_env(latency_ms)
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(url: str) -> tuple[str, str]:
    """The page at `url` and the address it ends at, so wrk never measures a redirect."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.geturl(), response.read().decode()


def wait_until_up(base: str, server: subprocess.Popen, log_path: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + Path(log_path).read_text())
        try:
            fetch(base + "/bench/bare/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s:\n" + Path(log_path).read_text())


def fill_category() -> None:
    """Inside Django: bring the largest category to a full page of products.

    The demo has about a dozen per category; a page shows 24, and the bare
    view renders 24, so the category is filled with copies (new slugs and
    SKUs, same prices and stock) in the bench database only.
    """
    import django

    django.setup()
    from django.db.models import Count

    from maison.catalog.models import Category, Product
    from maison.catalog.queries import PAGE_SIZE
    from maison.inventory.models import Stock
    from maison.markets.models import Price

    category = Category.objects.annotate(n=Count("products")).order_by("-n", "position").first()
    originals = list(Product.objects.filter(category=category).order_by("position", "id"))
    copy = 0
    while Product.objects.filter(category=category).count() < PAGE_SIZE:
        source = originals[copy % len(originals)]
        copy += 1
        clone = Product.objects.get(pk=source.pk)
        clone.pk, clone.slug = None, f"{source.slug}-{copy}"
        clone.name, clone.position = f"{source.name} {copy}", 1000 + copy
        clone.save()
        for price in Price.objects.filter(product=source, variant=None):
            Price.objects.create(
                price_list=price.price_list, product=clone, amount_minor=price.amount_minor
            )
        for variant in source.variants.select_related("stock"):
            on_hand = variant.stock.on_hand
            variant.pk, variant.product, variant.sku = None, clone, f"{variant.sku}-{copy}"
            variant.save()
            Stock.objects.create(variant=variant, on_hand=on_hand)


def pick_pages() -> tuple[str, str]:
    """The category with the most products on sale, and its first product."""
    with psycopg.connect(BENCH_DSN) as db:
        row = db.execute(
            "SELECT c.id, c.slug FROM catalog_category c"
            " JOIN catalog_product p ON p.category_id = c.id AND p.is_active"
            " GROUP BY c.id ORDER BY count(*) DESC, c.position, c.id LIMIT 1"
        ).fetchone()
        if row is None:
            raise RuntimeError("load_demo made no product on sale")
        category_id, category_slug = row
        (product_slug,) = db.execute(
            "SELECT slug FROM catalog_product WHERE category_id = %s AND is_active"
            " ORDER BY position, id LIMIT 1",
            [category_id],
        ).fetchone()
    return f"/en/c/{category_slug}/", f"/en/p/{product_slug}/"


def products_shown(html: str) -> int:
    """Product cards on a store page, or list items on the bare one."""
    return html.count('<li class="card">') or html.count("<li>")


@dataclass
class Measure:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    failures: str  # what went wrong, in wrk's words; empty when nothing did


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_wrk(output: str) -> Measure:
    def latency(percent: str) -> float:
        pattern = rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$"
        value, unit = re.search(pattern, output, re.M).groups()
        return float(value) * UNITS_MS[unit]

    failures = []
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        failures.append(f"{found.group(1)} non-2xx")
    errors = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
    if found := re.search(errors, output):
        kinds = ("connect errors", "read errors", "write errors", "timed out")
        failures += [
            f"{n} {kind}" for n, kind in zip(found.groups(), kinds, strict=True) if n != "0"
        ]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return Measure(rate, latency("50"), latency("99"), ", ".join(failures))


def drive(url: str) -> Measure:
    subprocess.run(["wrk", *WARM_UP, url], check=True, stdout=subprocess.DEVNULL)
    done = subprocess.run(["wrk", *WRK, url], check=True, capture_output=True, text=True)
    return parse_wrk(done.stdout)


# The bare view alone moved from 339 to 600 requests/s within one run on a
# shared machine: each page is driven between two bare runs, in ROUNDS rounds,
# and the report gives the median of its ratios to the bare runs around it.
ROUNDS = 1 if SMOKE else 3


@dataclass
class PageRuns:
    label: str
    runs: list[Measure]  # one per round
    ratios: list[float]  # to the mean of the bare runs just before and after it


def measure_pages(base: str) -> tuple[str, list[Measure], list[PageRuns]]:
    """The store's pages, each between two runs of the bare view, ROUNDS times over."""
    category, product = pick_pages()
    slug = category.rstrip("/").rsplit("/", 1)[1]
    bare_url, bare_html = fetch(base + f"/bench/bare/?category={slug}")
    bare_label = f"bare view {bare_url.removeprefix(base)}, {products_shown(bare_html)} products"
    pages = []
    for kind, path in (("category", category), ("product", product)):
        url, html = fetch(base + path)
        label = f"{kind} {url.removeprefix(base)}"
        if kind == "category":
            label += f", {products_shown(html)} products"
        pages.append((label, url))
    bare_runs = [drive(bare_url)]
    measured = [PageRuns(label, [], []) for label, _ in pages]
    for _ in range(ROUNDS):
        for (_, url), page in zip(pages, measured, strict=True):
            run = drive(url)
            bare_runs.append(drive(bare_url))
            around = (bare_runs[-2].requests_per_s + bare_runs[-1].requests_per_s) / 2
            page.runs.append(run)
            page.ratios.append(run.requests_per_s / around)
    return bare_label, bare_runs, measured


def measure_orders(latency_ms: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "orders"],
        cwd=ROOT,
        env=store_env(latency_ms),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def orders() -> None:
    """Inside Django: prepare guest checkouts, then place them from BUYERS threads.

    Preparing (basket, details, delivery, card) is not timed; the clock runs
    from the moment every buyer holds its connection until the last order is
    in. Stock of the popular variants is topped up first, so a refusal for
    stock would be a bug, not an empty shelf.
    """
    import queue
    import random
    import threading

    import django

    django.setup()
    from django.db import connection
    from django.db.models import F
    from django_tasks_db.models import DBTaskResult

    from maison.basket import services as basket
    from maison.catalog.models import Variant
    from maison.checkout import services as checkout
    from maison.inventory.models import Stock
    from maison.markets.pricing import variant_prices
    from maison.markets.queries import default_market
    from maison.notifications.models import OutboxEmail
    from maison.orders.models import Order
    from maison.payments.services import provider

    market = default_market()
    method = market.delivery_methods.filter(is_active=True).order_by("position", "id").first()
    stocked = list(Variant.objects.filter(stock__isnull=False).order_by("pk"))
    sold = variant_prices(stocked, market)
    picker = random.Random(24)
    for_sale = [v.pk for v in stocked if v.pk in sold]
    chosen = picker.sample(for_sale, min(POPULAR_VARIANTS, len(for_sale)))
    Stock.objects.filter(variant_id__in=chosen).update(on_hand=F("on_hand") + ORDERS)
    popular = list(Variant.objects.filter(pk__in=chosen).select_related("product", "stock"))
    todo: queue.Queue = queue.Queue()
    for n in range(ORDERS):
        bag = basket.new_basket()
        for variant in picker.sample(popular, picker.choice([1, 2])):
            basket.add_to_basket(bag, variant, 1, market)
        started = checkout.start(bag, market)
        checkout.save_details(started, f"buyer{n}@example.com", ADDRESS, ADDRESS)
        checkout.choose_delivery(started, method)
        checkout.save_card(started, provider().tokenize("4242424242424242", 12, 2099, "123"))
        todo.put(started)
    connection.close()

    outcomes: list[tuple[str, float]] = []
    ready = threading.Barrier(BUYERS + 1)

    def buyer() -> None:
        try:
            connection.ensure_connection()
            ready.wait()
            while True:
                try:
                    started = todo.get_nowait()
                except queue.Empty:
                    return
                began = time.perf_counter()
                try:
                    checkout.place_order(started, accepted_terms=True)
                    outcome = "placed"
                except checkout.ItemUnavailable:
                    outcome = "stock"
                except checkout.CheckoutRefused:
                    outcome = "refused"
                except Exception as error:  # noqa: BLE001 — counted and shown, never hidden
                    print(f"order failed: {type(error).__name__}: {error}", file=sys.stderr)
                    outcome = "errors"
                outcomes.append((outcome, time.perf_counter() - began))
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer) for _ in range(BUYERS)]
    for thread in threads:
        thread.start()
    ready.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began

    took = sorted(spent for outcome, spent in outcomes if outcome == "placed")
    kinds = ("placed", "stock", "refused", "errors")
    count = {kind: sum(1 for outcome, _ in outcomes if outcome == kind) for kind in kinds}
    result = {
        **count,
        "seconds": seconds,
        "p50_ms": 1000 * took[len(took) // 2] if took else 0.0,
        "p99_ms": 1000 * took[int(len(took) * 0.99)] if took else 0.0,
        "orders_in_db": Order.objects.count(),
        "emails": OutboxEmail.objects.count(),
        "tasks": DBTaskResult.objects.count(),
    }
    print(json.dumps(result))


def flash_stock() -> None:
    """Inside Django: SALE_UNITS units of one size of the product page, and nothing else held.

    Saved through the model, so the cached product page learns the new stock at once.
    """
    import django

    django.setup()
    from maison.catalog.models import Product
    from maison.inventory.models import Stock
    from maison.markets.pricing import variant_prices
    from maison.markets.queries import default_market

    slug = sys.argv[2]
    product = Product.objects.get(slug=slug)
    variants = list(product.variants.filter(stock__isnull=False).order_by("pk"))
    sold = variant_prices(variants, default_market())
    variant = next(v for v in variants if v.pk in sold)
    stock = Stock.objects.get(variant=variant)
    stock.on_hand, stock.allocated = SALE_UNITS, 0
    stock.save()
    print(json.dumps({"variant": variant.pk, "size": variant.size, "colour": variant.colour}))


@dataclass
class Sale:
    result: SaleResult
    label: str  # the variant sold
    bare_before: Measure
    bare_after: Measure
    orders: int  # in the database after the sale
    stock: tuple[int, int]  # the variant's on hand and allocated after the sale

    @property
    def bare_rate(self) -> float:
        return (self.bare_before.requests_per_s + self.bare_after.requests_per_s) / 2


def measure_sale(log) -> Sale:
    """The flash sale over HTTP, between two runs of the bare view on the same server."""
    _, product = pick_pages()
    slug = product.rstrip("/").rsplit("/", 1)[1]
    done = subprocess.run(
        [sys.executable, __file__, "flash-stock", slug],
        cwd=ROOT,
        env=store_env(),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    chosen = json.loads(done.stdout.strip().splitlines()[-1])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, log, threads=SALE_THREADS, latency_ms=SALE_LATENCY_MS)
    try:
        wait_until_up(base, server, log.name)
        bare_url = base + "/bench/bare/"
        bare_before = drive(bare_url)
        result = flash_sale(
            base, product, chosen["variant"], buyers=SALE_BUYERS, at_once=SALE_AT_ONCE
        )
        bare_after = drive(bare_url)
    finally:
        stop(server)
    with psycopg.connect(BENCH_DSN) as db:
        (orders,) = db.execute("SELECT count(*) FROM orders_order").fetchone()
        stock = db.execute(
            "SELECT on_hand, allocated FROM inventory_stock WHERE variant_id = %s",
            [chosen["variant"]],
        ).fetchone()
    label = f"{product} {chosen['colour']} {chosen['size']}"
    return Sale(result, label, bare_before, bare_after, orders, tuple(stock))


def report_sale(sale: Sale) -> None:
    r = sale.result
    print(f"Flash sale over HTTP: {SALE_BUYERS} buyers, each with its own cookies,")
    print(f"{SALE_AT_ONCE} at a time, for {SALE_UNITS} units of one size,")
    print(f"{sale.label}; the test provider answers after {SALE_LATENCY_MS} ms.")
    print(f"gunicorn {WORKERS} workers x {SALE_THREADS} threads. Each buyer opens the product")
    print("page, adds the size, gives its details, keeps the first delivery method, types")
    print("the test card, ticks the terms and places the order, following every redirect.")
    print("The buyers' client runs on the same cores as the server and the database.")
    print("Requests/s is every request made over the wall time, redirects followed included.")
    ratio = r.rate / sale.bare_rate if sale.bare_rate else 0.0
    print(f"  wall time {r.seconds:.1f} s; {r.requests} HTTP requests, {r.rate:.0f} requests/s")
    print(
        f"  bare view on the same server: {sale.bare_before.requests_per_s:.0f} requests/s"
        f" before, {sale.bare_after.requests_per_s:.0f} after; the sale ran at"
        f" {ratio:.2f}"
    )
    print("  of their mean (house target: at least 0.50)")
    print(
        f"  orders in the database: {sale.orders} (must be exactly {SALE_UNITS});"
        f" stock after: {sale.stock[0]} on hand, {sale.stock[1]} allocated"
    )
    print(f"  place-order request: p50 {r.place_p50_ms:.0f} ms, p99 {r.place_p99_ms:.0f} ms")
    print("  buyers: " + ", ".join(f"{n} {kind}" for kind, n in r.outcomes.items()))
    print("  each kind of request: how many, median ms (the buyers' own wait, queue included)")
    for step, (count, median_ms) in r.steps.items():
        print(f"    {step:<40} {count:>6}  {median_ms:>7.0f}")
    errors = len(r.server_errors)
    print(f"  5xx responses: {errors}" + (f" (first: {r.server_errors[0]})" if errors else ""))


def report(postgres: str, took: float, load: float, pages, placed: dict) -> None:
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print()
    print(f"maison benchmark: {cores} CPU cores (nproc), PostgreSQL {postgres} on 127.0.0.1,")
    print(f"one run of {took:.0f} s; load average before it {load:.1f}. Other work on the machine")
    print("lowers every figure; the ratios, measured side by side, move less.")
    print()
    print(f"Pages: gunicorn {WORKERS} workers x {THREADS} threads, DEBUG off, persistent database")
    print("connections, cache and sessions in Redis; each URL warmed up, then")
    print(f"`wrk {' '.join(WRK)}`.")
    print("  category  the category with the most products: menu, filter form, product cards")
    print("  product   the first product page of that category")
    print("  bare      the baseline: a bare Django view rendering the first products of the")
    print("            same database in one query and a one-line template, run before and")
    print(f"            after every page run; {ROUNDS} rounds, each page's ratio is to the mean")
    print("            of the two bare runs around it, and the median ratio is reported")
    print()
    bare_label, bare_runs, measured = pages
    labels = [bare_label] + [page.label for page in measured]
    width = max(len(label) for label in labels) + 9
    print(f"{'run':<{width}}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}  {'vs bare':>7}")

    def row(label: str, m: Measure, ratio: str = "") -> None:
        line = f"{label:<{width}}  {m.requests_per_s:>7.0f}  {m.p50_ms:>7.1f}  {m.p99_ms:>7.1f}"
        print(line + f"  {ratio:>7}" + (f"  ({m.failures})" if m.failures else ""))

    row(f"{bare_label}", bare_runs[0])
    for n in range(ROUNDS):
        for i, page in enumerate(measured):
            row(f"{page.label}, round {n + 1}", page.runs[n], f"{page.ratios[n]:.2f}")
            row(f"{bare_label}", bare_runs[1 + n * len(measured) + i])
    print()
    print(f"{'page':<{width}}  {'median req/s':>12}  {'worst p99 ms':>12}  {'median vs bare':>14}")
    for page in measured:
        rate = statistics.median(m.requests_per_s for m in page.runs)
        worst = max(m.p99_ms for m in page.runs)
        ratio = statistics.median(page.ratios)
        print(f"{page.label:<{width}}  {rate:>12.0f}  {worst:>12.1f}  {ratio:>14.2f}")
    print()
    print(f"Orders: {ORDERS} guest checkouts, 1-2 items each from {POPULAR_VARIANTS} popular")
    print(f"variants, prepared beforehand, then placed with place_order from {BUYERS} threads at")
    print("once, in one Python process: the GIL gives its Python about one core. Once with")
    print("the test provider answering at once, once with it answering after 300 ms.")
    for latency, run in placed.items():
        rate = run["placed"] / run["seconds"] if run["seconds"] else 0.0
        print(
            f"  provider {latency} ms: {run['placed']} placed in {run['seconds']:.1f} s:"
            f" {rate:.0f} orders/s; one place_order p50 {run['p50_ms']:.0f} ms,"
            f" p99 {run['p99_ms']:.0f} ms"
        )
        print(
            f"    refused for stock {run['stock']}, other refusals {run['refused']},"
            f" errors {run['errors']}; in the database after it: {run['orders_in_db']} orders,"
            f" {run['emails']} emails queued, {run['tasks']} send tasks"
        )


def main() -> None:
    # A SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so the cleanup runs.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    ensure_wrk()
    started, load = time.monotonic(), os.getloadavg()[0]
    with (
        tempfile.TemporaryDirectory(prefix="maison-bench-") as var_dir,
        open(Path(var_dir) / "gunicorn.log", "w+") as log,
    ):
        # A var directory of its own keeps load_demo's staff-password file out
        # of the checkout's var/, which `make demo` reads.
        os.environ["MAISON_VAR_DIR"] = var_dir
        server = None
        try:
            print(f"Creating database {DB_NAME}, migrating, loading the demo ...", flush=True)
            postgres = create_database()
            manage("migrate", "--noinput")
            manage("load_demo")
            subprocess.run(
                [sys.executable, __file__, "fill"], cwd=ROOT, env=store_env(), check=True
            )
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = start_server(port, log)
            wait_until_up(base, server, log.name)
            print("Driving the pages with wrk ...", flush=True)
            pages = measure_pages(base)
            stop(server)
            server = None
            print(
                f"Flash sale: {SALE_BUYERS} buyers over HTTP, {SALE_AT_ONCE} at once ...",
                flush=True,
            )
            sale = measure_sale(log)
            placed = {}
            for latency in PROVIDER_LATENCIES_MS:
                print(f"Placing {ORDERS} orders from {BUYERS} threads, provider {latency} ms ...")
                placed[latency] = measure_orders(latency)
        finally:
            if server is not None:
                stop(server)
            drop_database()
    report(postgres, time.monotonic() - started, load, pages, placed)
    print()
    report_sale(sale)
    if sale.orders != SALE_UNITS or sale.result.server_errors:
        # Overselling, underselling or a server error is a failed run, not a figure.
        errors = len(sale.result.server_errors)
        sys.exit(f"Flash sale failed: {sale.orders} orders for {SALE_UNITS} units, {errors} 5xx.")


if __name__ == "__main__":
    if sys.argv[1:] == ["orders"]:
        orders()
    elif sys.argv[1:2] == ["flash-stock"]:
        flash_stock()
    elif sys.argv[1:] == ["fill"]:
        fill_category()
    else:
        main()
