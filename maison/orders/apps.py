from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "maison.orders"
    label = "orders"
