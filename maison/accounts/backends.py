from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import normalise_email


class EmailBackend(ModelBackend):
    """Signs people in by email, whatever its case; staff usernames still work.

    A customer's username is their normalised email, so the email a shopper
    types is normalised first. An unknown identifier still runs the password
    hasher once, so that the answer takes as long as for a real account and
    timing tells nobody which emails have accounts.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        identifier = username if username is not None else kwargs.get("email")
        if identifier is None or password is None:
            return None
        candidates = {identifier, normalise_email(identifier)}
        users = {u.username: u for u in User._default_manager.filter(username__in=candidates)}
        user = users.get(identifier) or users.get(normalise_email(identifier))
        if user is None:
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
