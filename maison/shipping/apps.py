from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "maison.shipping"
    label = "shipping"
