from django.apps import AppConfig


class MarketsConfig(AppConfig):
    name = "maison.markets"
    label = "markets"
