"""The bare view of `make bench`: the 24 products a category page shows, with their
price, and none of the store around them, so the benchmark shows the store's own cost."""

from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.template import engines

from maison.catalog.models import Product
from maison.markets.models import Price
from maison.markets.queries import default_market

TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>bare</title></head>"
    "<body><ul>"
    "{% for p in products %}"
    "<li><a href='/en/p/{{ p.slug }}/'>{{ p.name }}</a> {{ p.price_minor }}</li>"
    "{% endfor %}</ul></body></html>"
)


def bare_products(request):
    price_list = default_market().price_list_id
    price = Price.objects.filter(price_list_id=price_list, product=OuterRef("pk"), variant=None)
    products = (
        Product.objects.filter(is_active=True, category__slug=request.GET.get("category", ""))
        .annotate(price_minor=Subquery(price.values("amount_minor")[:1]))
        .order_by("position", "id")[:24]
    )
    return HttpResponse(TEMPLATE.render({"products": products}))
