from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "maison.storefront"
    label = "storefront"
