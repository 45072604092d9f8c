"""Back office for returns and claims: every step is a service call, never a model write.

A return's page offers the step its state allows: the carrier's drop-off and
arrival dates, the inspection of each line (in the lines table), closing a
parcel that never came. A new return is a withdrawal received by post,
telephone or email, recorded with the date the buyer gave notice (RET-1).
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maison.backoffice import shown
from maison.backoffice.queues import RefundDueFilter
from maison.orders.models import Order
from maison.refusals import Refused
from maison.shipping.carriers import CARRIERS
from maison.shipping.periods import store_zone

from . import claims, exchanges, refunding, services
from .models import Channel, Claim, Return, ReturnLine
from .queries import returns_refund_due


def _actor(request) -> str:
    return request.user.email


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=store_zone())


def _order_by_number(number: str) -> Order:
    order = Order.objects.filter(number=number.strip().upper()).first()
    if order is None:
        raise forms.ValidationError(_("No order has that number."))
    return order


class RecordByStaff:
    """An add page that calls a service: a refusal shows beside the form, nothing is saved."""

    record_form: type[forms.Form]
    record_title = ""

    def record(self, request, data):
        raise NotImplementedError

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = self.record_form(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                made = self.record(request, form.cleaned_data)
            except Refused as refused:
                form.add_error(None, refused.message)
            else:
                self.log_addition(request, made, [{"added": {}}])
                self.message_user(request, _("%(ref)s recorded.") % {"ref": made.reference})
                return redirect(
                    reverse(f"admin:aftersales_{self.opts.model_name}_change", args=[made.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": self.record_title,
            "form": form,
        }
        return TemplateResponse(request, "admin/aftersales/record.html", context)


def _refused_step(request, refused: Refused) -> None:
    request.aftersales_refused = refused.message


OTHER_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]


class RecordWithdrawalForm(forms.Form):
    """A withdrawal the buyer sent by post, telephone or email."""

    order_number = forms.CharField(label=_("order number"), max_length=20)
    notified_channel = forms.ChoiceField(label=_("notified by"), choices=OTHER_CHANNELS)
    notified_on = forms.DateField(
        label=_("date of the notice"), widget=forms.DateInput(attrs={"type": "date"})
    )
    items = forms.CharField(
        label=_("items"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line per item: its SKU and how many, e.g. “SKU-12 1”."),
    )
    notice_reason = forms.CharField(label=_("reason given"), required=False)

    def clean_order_number(self):
        return _order_by_number(self.cleaned_data["order_number"])

    def clean(self):
        cleaned = super().clean()
        order = cleaned.get("order_number")
        if order is None or "items" not in cleaned:
            return cleaned
        by_sku = {line.sku: line.pk for line in order.lines.all()}
        choices = []
        for row in cleaned["items"].splitlines():
            if not row.strip():
                continue
            sku, _space, quantity = row.strip().rpartition(" ")
            if sku.strip() not in by_sku or not quantity.isdigit():
                raise forms.ValidationError({"items": _("Not an item of this order: %s") % row})
            choices.append(services.LineChoice(by_sku[sku.strip()], int(quantity)))
        cleaned["choices"] = choices
        return cleaned


class ReturnStepForm(forms.ModelForm):
    """The dates and decisions staff record on a return; each runs one service."""

    parcel_sent_on = forms.DateField(
        label=_("handed to the carrier on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The carrier's drop-off date: a parcel sent after its deadline is refused."),
    )
    parcel_received_on = forms.DateField(
        label=_("received on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    close_because = forms.CharField(
        label=_("close: the parcel never came, because"),
        required=False,
        help_text=_("Closes the return; the buyer is told."),
    )
    exchange_sent_with = forms.ChoiceField(
        label=_("exchange sent with"),
        required=False,
        choices=[("", "—"), *((code, c.name) for code, c in CARRIERS.items())],
    )
    exchange_parcel_number = forms.CharField(
        label=_("exchange tracking number"),
        required=False,
        max_length=40,
        help_text=_("Sends the reserved size; the buyer is emailed the tracking link."),
    )
    exchange_unavailable_because = forms.CharField(
        label=_("exchange cannot be sent, because"),
        required=False,
        max_length=200,
        help_text=_("Gives the reserved size back to stock; the buyer is refunded instead."),
    )
    exchange_parcel_delivered_on = forms.DateField(
        label=_("exchange delivered on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the exchange parcel reached the buyer; the buyer is emailed."),
    )
    transfer_reference = forms.CharField(
        label=_("refunded by bank transfer, reference"),
        required=False,
        max_length=80,
        help_text=_("When the card refund failed: the refund leaves the queue as paid."),
    )

    class Meta:
        model = Return
        fields: list[str] = []


# The fields of the steps that need `follow_return`.
FOLLOW_STEPS = [
    "parcel_sent_on",
    "parcel_received_on",
    "close_because",
    "exchange_sent_with",
    "exchange_parcel_number",
    "exchange_unavailable_because",
]


class ReturnLineInline(admin.TabularInline):
    """Inspection: accepted, or refused with its reason and a note (RET-3)."""

    model = ReturnLine
    extra = 0
    can_delete = False
    fields = ["order_line", "quantity", "exchange_for", "outcome", "note"]
    readonly_fields = ["order_line", "quantity", "exchange_for"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state == Return.State.RECEIVED:
            return self.readonly_fields
        return [*self.readonly_fields, "outcome", "note"]


class ReturnRefundDueFilter(RefundDueFilter):
    """Returns whose refund is due soon or late, counted from the parcel's arrival (RET-4)."""

    def due(self, which, today):
        return returns_refund_due(which, today)


@admin.register(Return)
class ReturnAdmin(RecordByStaff, admin.ModelAdmin):
    record_form = RecordWithdrawalForm
    record_title = _("Record a withdrawal received by post, telephone or email")

    list_display = [
        "reference",
        "order",
        "state",
        "notified_at",
        "send_by",
        "received_on",
        "refund_due_on",
    ]
    list_filter = [ReturnRefundDueFilter, "state", "channel"]
    search_fields = ["order__number", "order__email"]
    list_select_related = ["order"]
    inlines = [ReturnLineInline]
    readonly_fields = [
        "order",
        "state",
        "channel",
        "notified_at",
        "window_closed_on",
        "send_by",
        "reason",
        "free_return",
        "return_cost_minor",
        "sent_on",
        "received_on",
        "refund_due_on",
        "refund",
        "refunded_minor",
        "refunded_at",
        "refund_reference",
        "closed_reason",
        "recorded_by",
        "exchange_carrier",
        "exchange_tracking_number",
        "exchange_shipped_at",
        "exchange_delivered_on",
    ]

    def has_delete_permission(self, request, obj=None):
        return False

    form = ReturnStepForm

    def record(self, request, data):
        return services.withdraw(
            data["order_number"],
            data["choices"],
            reason=data["notice_reason"],
            actor=_actor(request),
            channel=data["notified_channel"],
            notified_at=_start_of(data["notified_on"]),
        )

    actions = ["refund_through_original_payment"]

    def get_fields(self, request, obj=None):
        steps = []
        follows = self.has_follow_permission(request)
        if obj.state in (Return.State.REQUESTED, Return.State.SENT) and follows:
            steps = ["parcel_sent_on", "parcel_received_on", "close_because"]
        elif obj.state == Return.State.INSPECTED and self.has_pay_permission(request):
            steps = ["transfer_reference"]
        if exchanges.to_ship(obj) and follows:
            steps = [
                *steps,
                "exchange_sent_with",
                "exchange_parcel_number",
                "exchange_unavailable_because",
            ]
        if exchanges.on_its_way(obj) and self.has_ship_permission(request):
            steps = [*steps, "exchange_parcel_delivered_on"]
        return [*self.readonly_fields, *steps]

    def has_ship_permission(self, request) -> bool:
        """Who marks an order's parcel delivered marks the exchange's (DEL-3)."""
        return request.user.has_perm("orders.process_order")

    def has_pay_permission(self, request) -> bool:
        return request.user.has_perm("orders.pay_refund")

    def has_follow_permission(self, request) -> bool:
        """The parcel's dates, the exchange, closing a lost return: warehouse and service."""
        return request.user.has_perm("aftersales.follow_return")

    @admin.action(description=_("Refund through the original payment"), permissions=["pay"])
    def refund_through_original_payment(self, request, queryset):
        """Outside any transaction: each refund calls the provider (RET-4)."""
        for ret in queryset.filter(state=Return.State.INSPECTED):
            try:
                done = refunding.refund(ret, actor=_actor(request))
            except Refused as refused:
                # Left due, in the refund queue: staff may retry or pay by transfer.
                self.message_user(request, f"{ret.reference}: {refused.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(ref)s refunded: %(amount)s.")
                    % {"ref": done.reference, "amount": shown.money(done.refunded)},
                )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        # The form holds every step's field whatever the page shows: a step posted by hand
        # by a role that may not take it is refused.
        if any(data.get(name) for name in FOLLOW_STEPS) and not self.has_follow_permission(request):
            raise PermissionDenied
        try:
            if data.get("exchange_parcel_number"):
                exchanges.ship_exchange(
                    obj,
                    carrier=data.get("exchange_sent_with", ""),
                    tracking_number=data["exchange_parcel_number"],
                    actor=_actor(request),
                )
            elif data.get("exchange_parcel_delivered_on") and self.has_ship_permission(request):
                exchanges.mark_exchange_delivered(
                    obj, delivered_on=data["exchange_parcel_delivered_on"], actor=_actor(request)
                )
            elif data.get("exchange_unavailable_because"):
                exchanges.refund_unavailable_exchange(
                    obj, actor=_actor(request), reason=data["exchange_unavailable_because"]
                )
            elif data.get("transfer_reference") and self.has_pay_permission(request):
                refunding.refund_by_transfer(obj, data["transfer_reference"], actor=_actor(request))
            elif data.get("close_because"):
                services.close_lost(obj, data["close_because"], actor=_actor(request))
            elif data.get("parcel_received_on"):
                services.receive(
                    obj,
                    data["parcel_received_on"],
                    sent_on=data.get("parcel_sent_on"),
                    actor=_actor(request),
                )
            elif data.get("parcel_sent_on"):
                services.record_drop_off(obj, data["parcel_sent_on"], actor=_actor(request))
        except Refused as refused:
            _refused_step(request, refused)

    def save_formset(self, request, form, formset, change):
        """The inspection goes through `services.inspect`, all lines at once."""
        # The formset itself saves nothing; the admin's change message reads these.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        ret = form.instance
        if getattr(request, "aftersales_refused", None):
            return
        ret.refresh_from_db()
        if ret.state != Return.State.RECEIVED:
            return
        outcomes = {
            row.instance.pk: (row.cleaned_data.get("outcome"), row.cleaned_data.get("note", ""))
            for row in formset.forms
        }
        # Inspected once every line has its outcome: a page saved before that changes nothing.
        if any(outcome in (None, ReturnLine.Outcome.PENDING) for outcome, _ in outcomes.values()):
            return
        try:
            services.inspect(ret, outcomes, actor=_actor(request))
        except Refused as refused:
            _refused_step(request, refused)

    def response_change(self, request, obj):
        return _step_response(self, request, obj) or super().response_change(request, obj)


class RecordClaimForm(forms.Form):
    """A claim made by post, telephone or email, or a step of its follow-up."""

    order_number = forms.CharField(label=_("order number"), max_length=20)
    sku = forms.CharField(label=_("SKU of the product"), max_length=40)
    made_channel = forms.ChoiceField(label=_("made by"), choices=OTHER_CHANNELS)
    made_on = forms.DateField(
        label=_("date of the claim"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("kind"), choices=Claim.Kind.choices)
    description = forms.CharField(
        label=_("what is wrong"), widget=forms.Textarea(attrs={"rows": 4})
    )
    discovered_on = forms.DateField(
        label=_("defect discovered on (hidden defects)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_order_number(self):
        return _order_by_number(self.cleaned_data["order_number"])

    def clean(self):
        cleaned = super().clean()
        order = cleaned.get("order_number")
        if order is not None and "sku" in cleaned:
            line = order.lines.filter(sku=cleaned["sku"].strip()).first()
            if line is None:
                raise forms.ValidationError({"sku": _("Not an item of this order.")})
            cleaned["line"] = line
        return cleaned


class ClaimStepForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["state", "resolution"]


def _step_response(model_admin, request, obj):
    """A refused step says why on the same page, without "changed successfully"."""
    message = getattr(request, "aftersales_refused", None)
    if message is None:
        return None
    model_admin.message_user(request, message, messages.ERROR)
    return redirect(request.path)


@admin.register(Claim)
class ClaimAdmin(RecordByStaff, admin.ModelAdmin):
    record_form = RecordClaimForm
    record_title = _("Record a claim received by post, telephone or email")
    form = ClaimStepForm

    list_display = ["reference", "order", "kind", "state", "made_at", "deadline"]
    list_filter = ["state", "kind"]
    search_fields = ["order__number", "order__email", "description"]
    list_select_related = ["order"]
    readonly_fields = [
        "order",
        "order_line",
        "kind",
        "channel",
        "description",
        "made_at",
        "discovered_on",
        "deadline",
        "resolved_at",
        "recorded_by",
    ]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return [*self.readonly_fields, "state", "resolution"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state in (Claim.State.RESOLVED, Claim.State.DECLINED):
            return [*self.readonly_fields, "state", "resolution"]
        return self.readonly_fields

    def record(self, request, data):
        return claims.make_claim(
            data["order_number"],
            data["line"].pk,
            data["kind"],
            data["description"],
            discovered_on=data.get("discovered_on"),
            actor=_actor(request),
            channel=data["made_channel"],
            made_at=_start_of(data["made_on"]),
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            claims.update_claim(
                Claim.objects.get(pk=obj.pk),
                data["state"],
                data["resolution"],
                actor=_actor(request),
            )
        except Refused as refused:
            _refused_step(request, refused)

    def response_change(self, request, obj):
        return _step_response(self, request, obj) or super().response_change(request, obj)
