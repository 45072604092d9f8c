from django.apps import AppConfig
from django.core import checks


class StorefrontConfig(AppConfig):
    name = "maison.storefront"
    label = "storefront"

    def ready(self):
        # `manage.py check --deploy` refuses what gunicorn would (REDIS_URL, DJANGO_SECRET_KEY).
        from maison.production import check_production_settings

        checks.register(check_production_settings, checks.Tags.security, deploy=True)

        # Cached catalogue pages follow every change to what they show.
        from .page_cache import watch_catalogue

        watch_catalogue()
