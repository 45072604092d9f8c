"""The product page's colour swatches and size buttons buy exactly the size pressed."""

import pytest
from django.urls import reverse

from maison.basket.models import BasketLine
from tests import factories


@pytest.fixture
def coat(store):
    """A coat in camel (S, M sold out) and navy (M): colours are numbered 1 and 2 on its page."""
    made = factories.product(name="Wool coat", price_minor=590_00)
    return {
        "camel S": factories.variant(of=made, colour="Camel", size="S", stock=3),
        "camel M": factories.variant(of=made, colour="Camel", size="M", stock=0),
        "navy M": factories.variant(of=made, colour="Navy", size="M", stock=4),
    }


def add(client, **form):
    return client.post(reverse("storefront:basket-add"), {"quantity": 1, **form}, follow=True)


def test_the_size_pressed_under_the_chosen_colour_goes_into_the_basket(client, coat):
    # proves: ORD-1
    page = client.get(coat["navy M"].product.get_absolute_url()).content.decode()
    assert 'name="colour" value="1" id="colour-1" checked' in page
    assert f'name="size-2" id="size-{coat["navy M"].pk}" value="{coat["navy M"].pk}"' in page

    response = add(client, colour=2, **{"size-2": coat["navy M"].pk})

    assert "Wool coat was added to your basket." in response.content.decode()
    assert [line.variant for line in BasketLine.objects.all()] == [coat["navy M"]]


def test_a_size_pressed_under_another_colour_is_not_bought(client, coat):
    # Camel S was pressed, then Navy chosen: its sizes show and none is pressed.
    response = add(client, colour=2, **{"size-1": coat["camel S"].pk})

    assert "Please choose an available size" in response.content.decode()
    assert not BasketLine.objects.exists()


@pytest.mark.parametrize("colour", ["", "0", "x", "99999999999"])
def test_a_missing_or_absurd_colour_asks_for_a_size(client, coat, colour):
    response = add(client, colour=colour, **{"size-1": coat["camel S"].pk})

    assert response.status_code == 200
    assert "Please choose an available size" in response.content.decode()
    assert not BasketLine.objects.exists()


def test_a_sold_out_size_forced_into_the_form_is_refused(client, coat):
    # proves: PRD-1
    response = add(client, colour=1, **{"size-1": coat["camel M"].pk})

    assert not BasketLine.objects.exists()
    assert "added to your basket" not in response.content.decode()
