from django.contrib.auth.backends import ModelBackend

from .models import normalise_email


class EmailBackend(ModelBackend):
    """Signs people in by email, whatever its case.

    Django's ModelBackend already runs the password hasher once for an unknown
    email, so the answer takes as long as for a real account and timing tells
    nobody which emails have accounts (ACC-2, ACC-7).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = kwargs.pop("email", None) or username
        if email is None or password is None:
            return None
        return super().authenticate(request, username=normalise_email(email), password=password)
