from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "maison.notifications"
    label = "notifications"
    verbose_name = _("Emails")

    def ready(self):
        # Each app says in its `emails.py` how its emails are filled (see `rendering`).
        autodiscover_modules("emails")
