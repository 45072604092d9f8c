"""Staff alerts: a back-office list per role, and an email to the role's active staff."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from maison.alerts.models import Role, StaffAlert
from maison.alerts.services import raise_alert
from maison.notifications.models import OutboxEmail

User = get_user_model()
RAISED = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)


def staff(email, *roles, **fields):
    person = User.objects.create_user(email, "Atelier-bleu-9", is_staff=True, **fields)
    person.groups.set(Group.objects.filter(name__in=roles))
    return person


@pytest.fixture
def team(db):
    return {
        "finance": staff("ines@orvane.example", "Finance"),
        "finance_gone": staff("paul@orvane.example", "Finance", is_active=False),
        "warehouse": staff("yann@orvane.example", "Warehouse"),
        "boss": User.objects.create_superuser("boss@orvane.example", "Atelier-bleu-9"),
    }


def refund_due(**kwargs):
    return raise_alert(
        Role.FINANCE,
        "refund_due",
        "refund-due:MO-1042",
        "Refund due for order MO-1042",
        "Goods received on 28 November: refund by 12 December.",
        link="/admin/orders/order/1/change/",
        **kwargs,
    )


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Raise alerts as a committed job would: their emails go out (locmem `mail.outbox`)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_an_alert_is_emailed_to_the_active_staff_of_its_role(team, at, sent):
    with at(RAISED), sent():
        alert, created = refund_due()
    assert created and alert.is_open and alert.created_at == RAISED
    [email] = mail.outbox
    assert email.to == ["ines@orvane.example"]
    assert email.subject == "[Finance] Refund due for order MO-1042"
    assert "A staff alert for the Finance role:" in email.body
    assert "Goods received on 28 November: refund by 12 December." in email.body
    assert f"http://127.0.0.1:8000/admin/alerts/staffalert/{alert.pk}/change/" in email.body
    [(html, _)] = email.alternatives
    assert "<strong>Refund due for order MO-1042</strong>" in html


def test_the_same_fact_raised_every_day_makes_one_alert_and_one_email(team, at, sent):
    for day in (1, 2, 3):
        with at(RAISED.replace(day=day)), sent():
            alert, created = refund_due()
        assert created is (day == 1)
    assert StaffAlert.objects.count() == 1
    assert StaffAlert.objects.get().created_at == RAISED
    assert len(mail.outbox) == 1


def test_administrators_alerts_go_to_the_superusers(team, sent):
    with sent():
        raise_alert(
            Role.ADMINISTRATORS, "task_abandoned", "task:1", "A background task was abandoned"
        )
    assert [e.to for e in mail.outbox] == [["boss@orvane.example"]]


def test_alerts_are_written_in_the_back_offices_language_whatever_the_caller_speaks(
    team, settings, sent
):
    settings.LANGUAGE_CODE = "fr"
    with translation.override("en"), sent():
        alert, _ = raise_alert(
            Role.WAREHOUSE,
            "task_abandoned",
            "task:1",
            gettext_lazy("A background task was abandoned: %(task)s"),
            params={"task": "maison.shipping.tasks.book_pickup"},
        )
    assert alert.subject == "Une tâche de fond a été abandonnée : maison.shipping.tasks.book_pickup"
    [email] = mail.outbox
    assert email.to == ["yann@orvane.example"]
    assert email.subject == f"[Entrepôt] {alert.subject}"
    assert "Une alerte pour le rôle Entrepôt :" in email.body
    assert "Voyez-la, et marquez-la résolue une fois traitée" in email.body
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def listing(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("admin:alerts_staffalert_changelist") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_each_role_sees_its_open_alerts_and_superusers_see_all(client, team):
    # proves: DATA-4
    refund_due()
    raise_alert(Role.WAREHOUSE, "parcel_late", "late:MO-7", "Parcel late: MO-7")
    raise_alert(Role.ADMINISTRATORS, "task_abandoned", "task:1", "A background task was abandoned")
    page = listing(client, team["finance"])
    assert "Refund due for order MO-1042" in page
    assert "Parcel late" not in page and "background task" not in page
    page = listing(client, team["warehouse"])
    assert "Parcel late: MO-7" in page and "Refund due" not in page
    page = listing(client, team["boss"])
    for subject in ["Refund due for order MO-1042", "Parcel late: MO-7", "background task"]:
        assert subject in page
    client.force_login(team["finance"])
    other = StaffAlert.objects.get(key="late:MO-7")
    change = client.get(reverse("admin:alerts_staffalert_change", args=[other.pk]))
    assert change.status_code == 302  # not theirs: the admin says it does not exist


def test_a_resolved_alert_leaves_the_open_list_and_keeps_who_resolved_it(client, team, at):
    alert, _ = refund_due()
    client.force_login(team["finance"])
    with at(RAISED):
        response = client.post(
            reverse("admin:alerts_staffalert_changelist"),
            {"action": "resolve", "_selected_action": [alert.pk]},
            follow=True,
        )
    assert "1 alert resolved." in response.content.decode()
    alert.refresh_from_db()
    assert alert.resolved_at == RAISED and alert.resolved_by == "ines@orvane.example"
    assert "Refund due" not in listing(client, team["finance"])
    assert "Refund due" in listing(client, team["finance"], "?state=resolved")
    _, created = refund_due()
    assert not created  # resolved is resolved: the daily check does not reopen it
