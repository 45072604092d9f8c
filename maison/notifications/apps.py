from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "maison.notifications"
    label = "notifications"
