from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Ticket


class AnswerForm(forms.ModelForm):
    reply = forms.CharField(
        label=_("Answer to send"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Sent by email to the customer, in the language they wrote in."),
    )

    class Meta:
        model = Ticket
        fields: list[str] = []


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Customer service reads a ticket and answers it; the answer is emailed (SITE-4)."""

    form = AnswerForm
    list_display = ["pk", "topic", "email", "order", "state", "received_at"]
    list_filter = ["state", "topic"]
    search_fields = ["email", "name", "order_number", "message"]
    readonly_fields = [
        "name",
        "email",
        "topic",
        "message",
        "order_number",
        "order",
        "claim",
        "language",
        "state",
        "received_at",
        "answer",
        "answered_at",
        "answered_by",
    ]
    fields = [*readonly_fields, "reply"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        reply = form.cleaned_data.get("reply", "")
        if reply.strip():
            services.answer(obj, reply, by=request.user)
            messages.success(request, _("The answer is sent to %(email)s.") % {"email": obj.email})
