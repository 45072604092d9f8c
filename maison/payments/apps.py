from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "maison.payments"
    label = "payments"
