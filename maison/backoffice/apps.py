from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "maison.backoffice"
    label = "backoffice"
