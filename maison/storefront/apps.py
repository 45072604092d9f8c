from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "maison.storefront"
    label = "storefront"

    def ready(self):
        # Registers the checks of `manage.py check --deploy` (REDIS_URL, DJANGO_SECRET_KEY).
        from maison import production  # noqa: F401
