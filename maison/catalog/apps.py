from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "maison.catalog"
    label = "catalog"
