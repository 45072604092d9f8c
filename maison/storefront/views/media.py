"""Product photographs served by the store itself, for the demo and small shops.

A store with a web server in front lets it serve var/media/ (docs/operations.md),
and one on a bucket links to the bucket: then MAISON_SERVE_MEDIA is off and
this view is not mounted. Either way the files are named by their content, so
a browser or a CDN keeps each for a year without asking again.
"""

from django.conf import settings
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = settings.MEDIA_CACHE_CONTROL
    return response
