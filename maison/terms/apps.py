from django.apps import AppConfig


class TermsConfig(AppConfig):
    name = "maison.terms"
    label = "terms"
