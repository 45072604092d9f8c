"""French date formats where Django's differ from how French is written.

Django's French formats give "7 décembre 2026 05:19"; French writes the time after "à".
Everything not set here falls back to Django's French formats.
"""

DATETIME_FORMAT = r"j F Y \à H:i"
