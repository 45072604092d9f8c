"""The production entry point (gunicorn): refuses settings that only suit the demo."""

import os

from django.core.wsgi import get_wsgi_application

from maison.production import require_production_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maison.settings")
require_production_settings()
application = get_wsgi_application()
