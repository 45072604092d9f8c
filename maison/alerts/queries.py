from django.db.models import QuerySet

from .models import Role, StaffAlert


def alerts_visible_to(user) -> QuerySet[StaffAlert]:
    """Each role sees its own alerts; superusers see every role's."""
    if user.is_superuser:
        return StaffAlert.objects.all()
    roles = set(user.groups.values_list("name", flat=True)) & set(Role.values)
    return StaffAlert.objects.filter(role__in=roles - {Role.ADMINISTRATORS})
