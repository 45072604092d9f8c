from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from maison.backoffice.read_only import ReadOnlyAdmin

from .jobs import JOBS
from .models import JobState, SchedulerLease

EVERY = {job.name: job.every for job in JOBS}


@admin.register(JobState)
class JobStateAdmin(ReadOnlyAdmin):
    list_display = ["name", "every", "last_run_at", "last_task_id", "last_error"]

    @admin.display(description=_("every"))
    def every(self, state):
        return EVERY.get(state.name, _("no longer scheduled"))


@admin.register(SchedulerLease)
class SchedulerLeaseAdmin(ReadOnlyAdmin):
    list_display = ["holder", "expires_at"]
