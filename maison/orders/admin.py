from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from maison.backoffice import order_actions, shown
from maison.backoffice.autocomplete import ReadableAutocomplete
from maison.backoffice.order_desk import desk_context
from maison.backoffice.queues import OrderQueueFilter, RefundDueFilter
from maison.invoicing import queries as invoices
from maison.markets.money import to_minor
from maison.refusals import Refused
from maison.terms.policy import POLICY

from . import refunds
from .models import BuyerFlag, Order, PurchaseLimit, Refund, Shipment
from .overview import overview


class AmountShown:
    """A parcel's charge or a refund's amount, formatted in the order's currency."""

    @admin.display(description=_("amount"))
    def amount_shown(self, part):
        return shown.money(part.amount)


class CreditForm(forms.Form):
    """Which of the order's invoices, an amount in its currency typed in units (12.50), and why."""

    invoice = forms.ChoiceField(
        label=_("Invoice corrected"),
        required=False,
        error_messages={"invalid_choice": _("%(value)s is not an invoice of this order.")},
    )
    amount = forms.DecimalField(label=_("Amount to credit"), min_value=0)
    reason = forms.CharField(label=_("Why"), max_length=200)

    def __init__(self, currency: str, issued, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["invoice"].choices = [
            (document.number, f"{document.number}, {shown.money(document.total)}")
            for document in reversed(issued)
        ]
        if issued:
            self.fields["invoice"].initial = issued[-1].number

    def clean_amount(self) -> int:
        try:
            return to_minor(self.cleaned_data["amount"], self.currency)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "placed_at", "email", "status", "total_display", "payment_state"]
    list_filter = [OrderQueueFilter, "status", "delivery_method_code"]
    # Each queue shows how many orders wait in it.
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["number", "email"]
    date_hierarchy = "placed_at"
    list_select_related = ["payment"]
    # The lines, parcels, refunds and timeline are the desk's (`overview`), below the facts.
    change_form_template = "admin/orders/order/change_form.html"
    readonly_fields = [
        "number",
        "placed_at",
        "status",
        "blocked_reason",
        "contract_concluded_at",
        "delivered_at",
        "email",
        "addresses",
        "amounts",
        "payment_summary",
        "delivery_method_name",
        "delivery_earliest",
        "delivery_latest",
        "terms_version",
        "language",
        "documents",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        slip = self.admin_site.admin_view(self.packing_slip)
        act = self.admin_site.admin_view(self.act)
        return [
            path("<int:order_id>/act/<str:action>/", act, name="orders_order_act"),
            path(
                "<int:order_id>/credit/",
                self.admin_site.admin_view(self.credit),
                name="orders_order_credit",
            ),
            path(
                "<int:order_id>/shipments/<int:shipment_id>/packing-slip/",
                slip,
                name="orders_shipment_packing_slip",
            ),
            *super().get_urls(),
        ]

    def packing_slip(self, request, order_id: int, shipment_id: int):
        """A printable packing slip per parcel, for the warehouse (DEL-3): staff only."""
        if not request.user.has_perm("orders.view_shipment"):
            raise PermissionDenied
        shipment = get_object_or_404(
            Shipment.objects.select_related("order"), pk=shipment_id, order_id=order_id
        )
        return render(
            request,
            "orders/packing_slip.html",
            {
                "order": shipment.order,
                "shipment": shipment,
                "lines": shipment.lines.select_related("order_line"),
                "store": settings.MAISON_STORE,
                "returns_address": POLICY.returns_address,
            },
        )

    def credit(self, request, order_id: int):
        """Finance credits part of what was charged: refunded, with a credit note (DATA-1)."""
        if not request.user.has_perm("orders.pay_refund"):
            raise PermissionDenied
        order = get_object_or_404(Order.objects.select_related("payment"), pk=order_id)
        issued = invoices.invoices_of_order(order.number)
        form = CreditForm(order.currency, issued, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                refunds.credit_by_hand(
                    order,
                    form.cleaned_data["amount"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user.email,
                    invoice=form.cleaned_data["invoice"],
                )
            except Refused as refused:
                form.add_error(refused.field, refused.message)
            else:
                self.message_user(request, _("Refunded and credited."))
                return redirect(reverse("admin:orders_order_change", args=[order.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Credit order %(number)s") % {"number": order.number},
            "form": form,
        }
        return TemplateResponse(request, "admin/aftersales/record.html", context)

    def get_object(self, request, object_id, from_field=None):
        """The order with the payment it is always shown with, in one query."""
        queryset = self.get_queryset(request).select_related("payment")
        return queryset.filter(pk=object_id).first() if str(object_id).isdigit() else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        desk = overview(int(object_id)) if str(object_id).isdigit() else None
        # Every field is the code's to write: the order changes through the desk's steps,
        # so the page offers no Save button that would save nothing.
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
        }
        if desk is not None:
            extra_context = {**extra_context, **desk_context(request.user, desk)}
        return super().change_view(request, object_id, form_url, extra_context)

    def act(self, request, order_id: int, action: str):
        """One step of the order's life, from a button of its page (see `order_actions`)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        step = order_actions.ACTIONS.get(action)
        if not self.has_view_or_change_permission(request) or (
            step is not None and not request.user.has_perm(step.permission)
        ):
            raise PermissionDenied
        order = get_object_or_404(Order, pk=order_id)
        try:
            done = order_actions.perform(action, order, request.POST, actor=request.user.email)
        except Refused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return redirect("admin:orders_order_change", order.pk)

    @admin.display(description=_("total"))
    def total_display(self, order):
        return shown.money(order.total)

    @admin.display(description=_("payment"))
    def payment_state(self, order):
        return order.payment.get_state_display() if order.payment else "—"

    @admin.display(description=_("addresses"))
    def addresses(self, order):
        rows = [(_("Delivery"), order.shipping_address), (_("Billing"), order.billing_address)]
        return format_html_join(
            "",
            "<p><strong>{}</strong>{} {}, {}, {} {} {}, {}</p>",
            (
                (
                    # "Delivery:", or in French "Livraison :".
                    _("%(label)s: %(value)s") % {"label": label, "value": ""},
                    a.get("first_name"),
                    a.get("last_name"),
                    a.get("line1"),
                    a.get("postal_code"),
                    a.get("city"),
                    a.get("country"),
                    a.get("phone"),
                )
                for label, a in rows
            ),
        )

    @admin.display(description=_("amounts"))
    def amounts(self, order):
        """Every amount the total is made of, so staff can add it up (PRC-4, PRC-7).

        Products + delivery + import duties + import VAT = total. The VAT line
        says where the VAT sits: inside the prices (taxes included), or the
        import VAT itself (duties at order); at delivery the carrier collects it.
        """
        vat_note = {
            "included": _("included in products and delivery"),
            "at_order": _("the import VAT above"),
            "at_delivery": _("collected by the carrier at delivery, not charged here"),
        }.get(order.price_mode, "")
        rows = [
            (_("Products"), order.subtotal, ""),
            (_("Delivery"), order.delivery, f"({order.delivery_method_name})"),
            (_("Import duties"), order.duties, ""),
            (_("Import VAT"), order.import_vat, ""),
            (_("Total"), order.total, _("= products + delivery + duties + import VAT")),
            (_("VAT"), order.tax, f"({vat_note})"),
        ]
        language = get_language() or "en"
        return format_html_join(
            "",
            "<p>{} {}</p>",
            (
                (
                    _("%(label)s: %(value)s") % {"label": label, "value": amount.format(language)},
                    note,
                )
                for label, amount, note in rows
            ),
        )

    @admin.display(description=_("invoices and credit notes"))
    def documents(self, order):
        """Each document as issued, its PDF a click away; Finance credits from here (DATA-1)."""
        credit = format_html(
            '<p><a href="{}">{}</a></p>',
            reverse("admin:orders_order_credit", args=[order.pk]),
            _("Credit part of what was charged…"),
        )
        colon = pgettext("between a label and its value", ":")
        issued = format_html_join(
            "",
            '<p><a href="{}">{} {}</a>{} {}, {}</p>',
            (
                (
                    reverse("admin:invoicing_document_pdf", args=[document.pk]),
                    document.get_kind_display(),
                    document.number,
                    colon,
                    date_format(timezone.localtime(document.issued_at), "DATE_FORMAT"),
                    shown.money(document.total),
                )
                for document in invoices.of_order(order.number)
            ),
        )
        # Both parts are markup: "—" alone would turn the whole into escaped text.
        return format_html("{}{}", credit, issued or "—")

    @admin.display(description=_("payment"))
    def payment_summary(self, order):
        p = order.payment
        if p is None:
            return "—"
        colon = pgettext("between a label and its value", ":")
        rows = [
            (_("State"), colon, p.get_state_display()),
            (_("Card"), colon, f"{p.card_brand} •••• {p.card_last4}"),
            (_("Provider reference"), colon, p.reference),
        ]
        return format_html_join("", "<p>{}{} {}</p>", rows)


@admin.register(Refund)
class RefundAdmin(AmountShown, admin.ModelAdmin):
    """Refunds owed, soonest due first; paid through `orders.refunds.pay`, never edited here."""

    list_display = ["order", "reason", "state", "amount_shown", "due_on", "paid_at"]
    list_filter = [RefundDueFilter, "state", "reason"]
    search_fields = ["order__number"]
    list_select_related = ["order"]
    readonly_fields = [f.name for f in Refund._meta.fields]
    actions = ["pay_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_pay_permission(self, request) -> bool:
        return request.user.has_perm(order_actions.REFUNDS)

    @admin.action(description=_("Refund through the original payment"), permissions=["pay"])
    def pay_selected(self, request, queryset):
        """Finance works the queue: each refund is paid on its own, outside any transaction."""
        for refund in queryset.filter(state=Refund.State.DUE).select_related("order"):
            if refund.units:
                message = _(
                    "%(order)s: never charged, released when the rest ships or is cancelled."
                )
                self.message_user(request, message % {"order": refund.order}, messages.WARNING)
                continue
            try:
                order_actions.perform(
                    "pay_refund", refund.order, {"refund": refund.pk}, actor=request.user.email
                )
            except Refused as refused:
                self.message_user(request, f"{refund.order}: {refused.message}", messages.ERROR)
            else:
                amount = refund.amount.format(get_language() or "en")
                done = _("%(order)s: %(amount)s refunded.")
                self.message_user(request, done % {"order": refund.order, "amount": amount})


@admin.register(PurchaseLimit)
class PurchaseLimitAdmin(ReadableAutocomplete):
    """The most of a variant one buyer may order over a period (PRD-2)."""

    list_display = ["variant", "max_quantity", "starts_on", "ends_on"]
    search_fields = ["variant__sku", "variant__product__name_en", "variant__product__name_fr"]
    autocomplete_fields = ["variant"]


@admin.register(BuyerFlag)
class BuyerFlagAdmin(admin.ModelAdmin):
    """Buyers refused at checkout (PRD-3); lift a flag by setting its date, keep the record."""

    list_display = ["email", "customer", "reason", "created_at", "lifted_at"]
    list_filter = ["reason", ("lifted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "customer__email"]
    raw_id_fields = ["customer"]
    readonly_fields = ["created_at"]

    def has_delete_permission(self, request, obj=None):
        return False
