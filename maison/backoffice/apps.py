from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "maison.backoffice"
    label = "backoffice"

    def ready(self):
        from django.contrib import admin

        from .sign_in import StaffSignInForm

        admin.site.login_form = StaffSignInForm
