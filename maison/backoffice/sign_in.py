"""The back office's sign-in goes through the storefront's rate limits (ACC-7).

Django's admin login form authenticates directly, with no limit: a staff
password could be guessed at leisure. This form asks `check_sign_in` instead,
so staff accounts are counted per account and per address like any other.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

from maison.accounts import services
from maison.accounts.refusals import AccountRefused
from maison.storefront.visitor import client_ip


class StaffSignInForm(AdminAuthenticationForm):
    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            try:
                self.user_cache = services.check_sign_in(
                    email, password, ip=client_ip(self.request)
                )
            except AccountRefused as refusal:
                raise forms.ValidationError(refusal.message, code=refusal.code) from None
            # Staff only: a shopper's correct password opens nothing here.
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
