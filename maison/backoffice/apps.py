from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "maison.backoffice"
    label = "backoffice"

    def ready(self):
        from django.contrib import admin

        from .sign_in import StaffSignInForm

        admin.site.login_form = StaffSignInForm
        _queues_dashboard_has_no_records(admin.site)


def _queues_dashboard_has_no_records(site) -> None:
    """django-rq's dashboard is a list with no table behind it: an address of one of
    its "records" (/admin/django_rq/dashboard/1/change/) queried the missing table and
    answered 500. Each now says the record does not exist, as for any other screen."""
    try:
        from django_rq.models import Dashboard
    except ImportError:  # pragma: no cover - django-rq is always installed
        return
    if not site.is_registered(Dashboard):
        return
    dashboard_admin = type(site.get_model_admin(Dashboard))

    class QueuesDashboard(dashboard_admin):
        def get_object(self, request, object_id, from_field=None):
            return None

    site.unregister(Dashboard)
    site.register(Dashboard, QueuesDashboard)
