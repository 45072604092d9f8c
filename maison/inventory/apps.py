from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "maison.inventory"
    label = "inventory"
