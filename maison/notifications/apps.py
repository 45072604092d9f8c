from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    name = "maison.notifications"
    label = "notifications"

    def ready(self):
        # Each app says in its `emails.py` how its emails are filled (see `rendering`).
        autodiscover_modules("emails")
