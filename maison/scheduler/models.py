from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.Model):
    """When a periodic job was last enqueued: the scheduler's only memory.

    `last_run_at` is claimed with one conditional UPDATE before the job's task
    is enqueued, so two schedulers can never both enqueue the same interval
    (`maison/scheduler/services.py`).
    """

    name = models.CharField(_("job"), max_length=80, unique=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    # The task result of the last run, to look its outcome up in the task backend.
    last_task_id = models.CharField(_("last task"), max_length=64, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class SchedulerLease(models.Model):
    """Which scheduler process leads, and until when it may without renewing.

    One row. A process becomes or stays leader with one conditional UPDATE that
    succeeds only if it already holds the lease or the lease has run out.
    """

    name = models.CharField(max_length=40, unique=True)
    holder = models.CharField(_("held by"), max_length=120, blank=True)
    expires_at = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("scheduler lease")
        verbose_name_plural = _("scheduler leases")

    def __str__(self) -> str:
        return f"{self.holder or '—'} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
