from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from maison.catalog import queries
from maison.catalog.images import product_svg
from maison.catalog.models import Category, Product
from maison.markets.money import exponent
from maison.markets.pricing import product_price, variant_prices

from .. import product_choices, session
from ..forms import AddToBasketForm, FilterForm


@require_GET
def home(request):
    return render(
        request, "storefront/home.html", {"products": queries.featured(session.market(request))}
    )


def _major_to_minor(value: int | None, currency: str) -> int | None:
    return None if value is None else value * 10 ** exponent(currency)


@require_GET
def category(request, slug):
    found = Category.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No such category")
    options = queries.filter_options(found)
    market = session.market(request)
    form = FilterForm(
        request.GET or None,
        sizes=options["sizes"],
        colours=options["colours"],
        currency=market.currency,
    )
    filters = queries.Filters()
    if form.is_bound and form.is_valid():
        filters = queries.Filters(
            sizes=form.cleaned_data["size"],
            colours=form.cleaned_data["colour"],
            min_price_minor=_major_to_minor(form.cleaned_data["min_price"], market.currency),
            max_price_minor=_major_to_minor(form.cleaned_data["max_price"], market.currency),
        )
    products = queries.category_products(found, filters, market)
    page = Paginator(products, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "storefront/category.html",
        {
            "category": found,
            "page": page,
            "form": form,
            "chosen_sizes": request.GET.getlist("size"),
            "chosen_colours": request.GET.getlist("colour"),
            "query": query.urlencode(),
        },
    )


@require_GET
def product(request, slug):
    found = queries.product_page(slug)
    if found is None:
        raise Http404("No such product")
    market = session.market(request)
    variants = list(found.variants.all())
    prices = variant_prices(variants, market)
    offers = [(variant, prices.get(variant.pk)) for variant in variants]
    price = product_price(found, market)
    colours = product_choices.by_colour(variants, prices)
    return render(
        request,
        "storefront/product.html",
        {
            "product": found,
            "offers": offers,
            "variants": variants,
            "colours": colours,
            "chosen_colour": product_choices.first_in_stock(colours),
            "price": price,
            "sold_here": price is not None,
            "varying_prices": len({p for p in prices.values()}) > 1,
            "form": AddToBasketForm(),
        },
    )


@require_GET
def search(request):
    text = request.GET.get("q", "").strip()[:100]
    results = (
        queries.search(text, session.market(request), get_language())
        if text
        else Product.objects.none()
    )
    page = Paginator(results, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "storefront/search.html",
        {"q": text, "page": page, "query": urlencode({"q": text})},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def product_image(request, slug, colour):
    found = Product.objects.select_related("category").filter(slug=slug).first()
    if found is None:
        raise Http404("No such product")
    svg = product_svg(found.category.slug, f"#{colour}", found.name)
    return HttpResponse(svg, content_type="image/svg+xml")
