"""The back office's own 404: staff stay in the back office, with its menu (SITE-4).

The storefront's 404 page needs a shopper's context (the market, the basket);
inside /admin/ it has none. A record that no longer exists, or a mistyped
address, shows the back office's page instead.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import defaults


def page_not_found(request, exception):
    if not request.path.startswith(reverse("admin:index")):
        return defaults.page_not_found(request, exception)
    context = {**admin.site.each_context(request), "title": None}
    response = TemplateResponse(request, "backoffice/not_found.html", context, status=404)
    return response.render()
