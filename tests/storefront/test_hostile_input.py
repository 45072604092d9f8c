"""Input no shopper types but anyone can send: a clear 4xx or a safe page, never a 500.

The test client re-raises what a view raises, so an exception here is the 500 a
shopper would have seen.
"""

import pytest
from django.urls import reverse

from tests import factories
from tests.accounts.helpers import PASSWORD, confirm_by_email, member, registered

from .helpers import add, details

# Neither a path nor a URL: `redirect()` would take them for view names.
NOT_A_PLACE = ["foo", "storefront:nothing", "javascript:alert(1)", "//evil.example/", "/a\x00b"]


@pytest.mark.parametrize("back", NOT_A_PLACE)
def test_basket_add_with_a_strange_back_value_lands_on_a_page_of_the_store(client, store, back):
    response = client.post(reverse("storefront:basket-add"), {"variant": "x", "back": back})
    assert response.status_code == 302
    assert response.url == "/en/basket/"


@pytest.mark.parametrize("back", NOT_A_PLACE)
def test_the_heart_with_a_strange_back_value_returns_to_the_product(client, store, back):
    coat = factories.variant().product
    response = client.post(
        reverse("storefront:wishlist-toggle"), {"product": coat.pk, "back": back}
    )
    assert response.status_code == 302
    assert response.url == f"/en/p/{coat.slug}/"


@pytest.mark.parametrize("back", NOT_A_PLACE)
def test_choosing_a_country_with_a_strange_next_value_goes_home(client, store, back):
    response = client.post(reverse("storefront:country"), {"country": "FR", "next": back})
    assert response.status_code == 302
    assert response.url == "/en/"


@pytest.mark.parametrize("back", NOT_A_PLACE)
def test_signing_in_with_a_strange_next_value_opens_the_account(client, store, back):
    member("camille@example.com")
    response = client.post(
        reverse("storefront:sign-in"),
        {"email": "camille@example.com", "password": PASSWORD, "next": back},
    )
    assert response.status_code == 302
    assert response.url == "/en/account/"


@pytest.mark.parametrize("back", NOT_A_PLACE)
def test_registering_with_a_strange_next_value_opens_the_account(client, store, back):
    response = client.post(
        reverse("storefront:register"),
        {
            "first_name": "Lou",
            "last_name": "Bernard",
            "email": "lou@example.com",
            "password": "Tweed-jacket-7",
            "phone": "+33 6 11 22 33 44",
            "next": back,
        },
    )
    assert registered(response)
    opened = confirm_by_email(client, "lou@example.com")
    assert opened.status_code == 302
    assert opened.url == "/en/account/"


def test_a_path_of_the_store_is_still_followed(client, store):
    member("camille@example.com")
    response = client.post(
        reverse("storefront:sign-in"),
        {"email": "camille@example.com", "password": PASSWORD, "next": "/en/basket/"},
    )
    assert response.url == "/en/basket/"


@pytest.mark.parametrize(
    "url",
    [
        "/en/search/?q=%00",
        "/en/search/?q=coat%00",
        "/en/orders/%00/some-key/",
        "/en/orders/M-1/%00/",
        "/en/track/?number=%00",
    ],
)
def test_a_nul_byte_in_the_address_is_a_bad_request(client, store, url):
    assert client.get(url).status_code == 400


def test_a_nul_byte_in_a_members_order_number_is_a_bad_request(client, store):
    client.force_login(member("camille@example.com"))
    assert client.get("/en/account/orders/%00/").status_code == 400


@pytest.mark.parametrize("host", ["evil.example", "", "[::1]", "a b"])
def test_a_wrong_host_header_is_a_bad_request(client, store, host):
    # Raised before the session and the user are on the request: the 400 page
    # must not need them.
    client.raise_request_exception = False
    response = client.get("/en/", HTTP_HOST=host)
    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


@pytest.mark.parametrize("length", [255, 300, 320])
def test_a_checkout_email_longer_than_the_column_is_refused_on_the_form(client, store, length):
    add(client, factories.variant())
    email = "a" * (length - len("@example.com")) + "@example.com"
    assert len(email) == length
    response = details(client, email=email)
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()


# The store's own error pages speak the language of the address, even when the
# request is refused before the locale middleware has read it.


@pytest.mark.parametrize("host", ["evil.example", "a b"])
def test_a_wrong_host_on_a_french_page_is_refused_in_french(client, store, host):
    # proves: SITE-6
    client.raise_request_exception = False
    response = client.get("/fr/search/", HTTP_HOST=host)
    page = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="fr">' in page
    assert "Nous n'avons pas pu comprendre cette requête" in page
    assert "Retour à l'accueil" in page
    assert "We could not understand" not in page


def test_a_nul_byte_in_a_french_address_is_refused_in_french(client, store):
    # proves: SITE-6
    response = client.get("/fr/search/?q=%00")
    assert response.status_code == 400
    assert "Nous n'avons pas pu comprendre cette requête" in response.content.decode()


def test_an_expired_form_on_a_french_page_says_so_in_french(store):
    # proves: SITE-6
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/fr/contact/", {"message": "Bonjour"})
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fr">' in page
    assert "Ce formulaire a expiré" in page
    assert "rechargez la page" in page


def test_a_server_error_on_a_french_page_apologises_in_french(client, store, monkeypatch):
    # proves: SITE-6
    def broken(*args, **kwargs):
        raise RuntimeError("the FAQ template could not be read")

    monkeypatch.setattr("maison.storefront.views.pages.render", broken)
    client.raise_request_exception = False
    response = client.get("/fr/faq/")
    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in page
    assert "Un problème est survenu de notre côté" in page
    assert "Rien n'a été débité" in page
    assert "Something went wrong" not in page


def test_a_server_error_on_an_english_page_stays_in_english(client, store, monkeypatch):
    monkeypatch.setattr("maison.storefront.views.pages.render", lambda *a, **k: 1 / 0, raising=True)
    client.raise_request_exception = False
    response = client.get("/en/faq/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.parametrize("url", ["/fr/basket/add/", "/fr/checkout/place/", "/fr/wishlist/toggle/"])
def test_a_form_address_opened_as_a_link_says_why_in_french(client, store, url):
    # proves: SITE-6
    # Django's own answer is an empty 405: the browser showed a blank error page.
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert response["Content-Type"].startswith("text/html")
    # The length sent to the browser is the page's, not the empty body's.
    assert response["Content-Length"] == str(len(response.content))
    assert '<html lang="fr">' in page
    assert "Cette page ne s'ouvre pas ainsi" in page
    assert '<a href="/fr/">' in page


def test_a_members_form_address_opened_as_a_link_says_why_in_english(client, store):
    client.force_login(member("camille@example.com"))
    response = client.get("/en/account/orders/claim/")
    assert response.status_code == 405
    assert "This page cannot be opened this way" in response.content.decode()


def test_a_head_request_is_answered_as_a_get_without_the_page(client, store):
    # Link checkers, uptime monitors and some crawlers ask HEAD: the pages
    # answered 405, as if the store had no home page.
    coat = factories.variant(of=factories.product(name="Wrap coat")).product
    for url in [
        "/fr/",
        coat.get_absolute_url(),
        coat.category.get_absolute_url(),
        "/fr/search/?q=coat",
        "/fr/basket/",
        "/fr/terms/",
        "/fr/contact/",
        "/fr/track/",
        "/fr/account/sign-in/",
    ]:
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b"", url


def test_options_says_which_methods_a_page_takes(client, store):
    response = client.options("/fr/contact/")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert "Cette page ne s'ouvre pas ainsi" in response.content.decode()


class _RecordedWrites:
    """The cache, noting the timeout of each key written through it."""

    def __init__(self, cache):
        self._cache, self.timeouts = cache, {}

    def __getattr__(self, name):
        return getattr(self._cache, name)

    def add(self, key, value, timeout=..., **kwargs):
        self.timeouts[key] = timeout
        return self._cache.add(key, value, timeout=timeout, **kwargs)

    def set(self, key, value, timeout=..., **kwargs):
        self.timeouts[key] = timeout
        return self._cache.set(key, value, timeout=timeout, **kwargs)


def test_made_up_product_addresses_leave_nothing_in_the_cache_for_ever(client, store, monkeypatch):
    # Anyone can ask for /p/<anything>/: a version key kept with no expiry for
    # each made-up slug would fill the shared cache (Redis) without end.
    from maison.catalog import versions

    recorded = _RecordedWrites(versions.cache)
    monkeypatch.setattr(versions, "cache", recorded)
    for n in range(3):
        assert client.get(f"/fr/p/made-up-{n}/").status_code == 404
    written = {key: t for key, t in recorded.timeouts.items() if "made-up" in key}
    assert len(written) == 3
    assert all(isinstance(t, int) and 0 < t <= 30 * 24 * 3600 for t in written.values()), written
