from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from maison.catalog import queries
from maison.catalog.images import product_svg
from maison.catalog.models import Category, Product
from maison.markets.money import exponent
from maison.markets.pricing import product_price, variant_prices

from .. import page_cache, product_choices, session, window
from ..forms import AddToBasketForm, FilterForm


@require_safe
def home(request):
    return render(
        request, "storefront/home.html", {"products": queries.featured(session.market(request))}
    )


def _major_to_minor(value: int | None, currency: str) -> int | None:
    return None if value is None else value * 10 ** exponent(currency)


def _category_facts(slug: str):
    """The category and the sizes and colours its filters offer, or None if there is none."""
    found = Category.objects.filter(slug=slug).first()
    return None if found is None else (found, queries.filter_options(found))


def _listing(found, options, market, data, page_number, query: str) -> dict:
    """The category page's context for the filters in `data` (a QueryDict)."""
    form = FilterForm(
        data or None, sizes=options["sizes"], colours=options["colours"], currency=market.currency
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
    return {
        "category": found,
        "page": Paginator(products, queries.PAGE_SIZE).get_page(page_number),
        "form": form,
        "chosen_sizes": data.getlist("size"),
        "chosen_colours": data.getlist("colour"),
        "query": query,
    }


def _canonical(form: FilterForm) -> QueryDict:
    """Valid filters written one way, so that "?size=M&size=S" and "?size=S&size=M" are one page."""
    data = QueryDict(mutable=True)
    for name in ("size", "colour"):
        if form.cleaned_data[name]:
            data.setlist(name, sorted(form.cleaned_data[name]))
    for name in ("min_price", "max_price"):
        if form.cleaned_data[name] is not None:
            data[name] = str(form.cleaned_data[name])
    return data


def _page_number(raw: str | None) -> int:
    """As the paginator reads it: a number, else the first page."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 1


@require_safe
def category(request, slug):
    facts = window.shared(
        request, ("category", slug, get_language()), lambda: _category_facts(slug)
    )
    if facts is None:
        raise Http404("No such category")
    found, options = facts
    market = session.market(request)
    form = FilterForm(
        request.GET or None,
        sizes=options["sizes"],
        colours=options["colours"],
        currency=market.currency,
    )
    if form.is_bound and not form.is_valid():
        # Filters not understood are shown back with an error: this page is the visitor's.
        query = request.GET.copy()
        query.pop("page", None)
        listing = _listing(
            found, options, market, request.GET, request.GET.get("page"), query.urlencode()
        )
        return render(request, "storefront/category.html", listing)
    data = _canonical(form) if form.is_bound else QueryDict()
    number = _page_number(request.GET.get("page"))
    parts = ("category", slug, *sorted(data.lists()), number)
    return page_cache.respond(
        request,
        "storefront/category.html",
        parts,
        lambda: _listing(found, options, market, data, number, data.urlencode()),
    )


def _product_page(request, slug) -> dict:
    found = queries.product_page(slug)
    if found is None:
        raise Http404("No such product")
    market = session.market(request)
    variants = list(found.variants.all())
    prices = variant_prices(variants, market)
    offers = [(variant, prices.get(variant.pk)) for variant in variants]
    price = product_price(found, market)
    colours = product_choices.by_colour(variants, prices, found.pictures)
    return {
        "product": found,
        "offers": offers,
        "variants": variants,
        "colours": colours,
        "chosen_colour": product_choices.first_in_stock(colours),
        "price": price,
        "sold_here": price is not None,
        "varying_prices": len({p for p in prices.values()}) > 1,
        "form": AddToBasketForm(),
    }


@require_safe
def product(request, slug):
    return page_cache.respond(
        request,
        "storefront/product.html",
        ("product", slug),
        lambda: _product_page(request, slug),
        stock_of=slug,
    )


@require_safe
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


@require_safe
@cache_control(max_age=86400, public=True)
def product_image(request, slug, colour):
    found = Product.objects.select_related("category").filter(slug=slug).first()
    if found is None:
        raise Http404("No such product")
    svg = product_svg(found.category.slug, f"#{colour}", found.name)
    return HttpResponse(svg, content_type="image/svg+xml")
