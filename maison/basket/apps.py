from django.apps import AppConfig


class BasketConfig(AppConfig):
    name = "maison.basket"
    label = "basket"
