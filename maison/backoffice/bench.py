"""The bare view of `make bench`: the same 24 products as a category page, with
none of the store around them, so the benchmark can show the store's own cost."""

from django.http import HttpResponse
from django.template import engines

from maison.catalog.models import Product

TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>bare</title></head>"
    "<body><ul>"
    "{% for p in products %}"
    "<li><a href='/p/{{ p.slug }}/'>{{ p.name }}</a> {{ p.price_minor }}</li>"
    "{% endfor %}</ul></body></html>"
)


def bare_products(request):
    products = Product.objects.filter(is_active=True).order_by("position", "id")[:24]
    return HttpResponse(TEMPLATE.render({"products": products}))
