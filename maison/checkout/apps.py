from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "maison.checkout"
    label = "checkout"
