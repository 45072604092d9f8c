"""Back office: invoices and credit notes, read only and searchable; the VAT return (OSS)."""

import csv

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maison import clock
from maison.backoffice import shown
from maison.backoffice.read_only import ReadOnlyAdmin
from maison.markets.money import Money
from maison.storefront.views.documents import pdf_response

from . import queries
from .models import Document, DocumentLine, ExchangeRate


class DocumentLineInline(admin.TabularInline):
    model = DocumentLine
    fields = [
        "kind",
        "description",
        "quantity",
        "net_minor",
        "vat_rate",
        "vat_minor",
        "gross_minor",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Documents as issued: never added, changed or deleted here (DATA-1)."""

    list_display = ["number", "kind", "order_number", "buyer_email", "issued_at", "total", "pdf"]
    list_filter = ["kind", "country"]
    search_fields = [
        "number",
        "order_number",
        "buyer_email",
        "buyer__address__last_name",
    ]
    date_hierarchy = "issued_at"
    inlines = [DocumentLineInline]
    fields = [
        "number",
        "kind",
        "order_number",
        "corrects",
        "issued_at",
        "buyer_email",
        "country",
        "currency",
        "language",
        "total",
        "pdf",
        "pdf_sha256",
    ]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("total"))
    def total(self, document):
        return shown.money(document.total)

    @admin.display(description=gettext_lazy("PDF"))
    def pdf(self, document):
        return format_html(
            '<a href="{}">{}.pdf</a>',
            reverse("admin:invoicing_document_pdf", args=[document.pk]),
            document.number,
        )

    def get_urls(self):
        return [
            path(
                "<int:document_id>/pdf/",
                self.admin_site.admin_view(self.download),
                name="invoicing_document_pdf",
            ),
            path(
                "vat-return/",
                self.admin_site.admin_view(self.vat_return),
                name="invoicing_vat_return",
            ),
            *super().get_urls(),
        ]

    def download(self, request, document_id: int):
        if not request.user.has_perm("invoicing.view_document"):
            raise PermissionDenied
        return pdf_response(get_object_or_404(Document, pk=document_id))

    def vat_return(self, request):
        """The quarter's VAT return, shown and as CSV for the accountant (OSS): Finance only."""
        if not request.user.has_perm("invoicing.view_vat_return"):
            raise PermissionDenied
        today = timezone.localdate(clock.now())
        try:
            year = int(request.GET.get("year", today.year))
            quarter = int(request.GET.get("quarter", (today.month - 1) // 3 + 1))
        except ValueError:
            year, quarter = 0, 0
        if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
            return HttpResponse(_("Choose a year and a quarter from 1 to 4."), status=400)
        page = {
            **self.admin_site.each_context(request),
            "title": _("VAT return"),
            "year": year,
            "quarter": quarter,
        }
        try:
            found = queries.vat_return(year, quarter)
        except queries.MissingExchangeRate as missing:
            page["missing"] = missing.currencies
            return TemplateResponse(request, "admin/invoicing/vat_return.html", page, status=409)
        if request.GET.get("format") == "csv":
            return _as_csv(found)
        page["rows"] = [_shown(row) for row in found.rows]
        return TemplateResponse(request, "admin/invoicing/vat_return.html", page)


SECTION_NAMES = {
    "oss": gettext_lazy("One-Stop-Shop (EU, outside France)"),
    "france": gettext_lazy("France"),
    "export": gettext_lazy("Exports, exempt (article 262 I)"),
}
COLUMNS = ["sales_net", "sales_vat", "refunds_net", "refunds_vat", "net", "vat"]


def _eur(minor: int) -> str:
    return f"{Money(minor, 'EUR').amount:.2f}"


def _shown(row) -> dict:
    return {
        "section": SECTION_NAMES[row.section],
        "country": row.country,
        "rate": f"{row.rate * 100:.2f}",
        **{column: _eur(getattr(row, column)) for column in COLUMNS},
    }


def _as_csv(found) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"vat-return-{found.year}-Q{found.quarter}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "section",
            "country",
            "vat_rate_percent",
            "sales_taxable_base_eur",
            "sales_vat_eur",
            "refunds_taxable_base_eur",
            "refunds_vat_eur",
            "taxable_base_eur",
            "vat_eur",
        ]
    )
    for row in found.rows:
        shown = _shown(row)
        writer.writerow(
            [row.section, row.country, shown["rate"], *(shown[column] for column in COLUMNS)]
        )
    return response


def _quarter_ended(year: int, quarter: int) -> bool:
    """Its VAT return is due, so filed or being filed: its figures no longer move (OSS)."""
    return queries.quarter_bounds(year, quarter)[1] <= clock.now()


class ExchangeRateForm(forms.ModelForm):
    """A rate for a currency the markets sell in; an ended quarter's rate stays as filed."""

    class Meta:
        model = ExchangeRate
        fields = ["year", "quarter", "currency", "eur_per_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from maison.markets.models import Market

        used = set(Market.objects.exclude(currency="EUR").values_list("currency", flat=True))
        if self.instance.pk:
            used.add(self.instance.currency)
        self.fields["currency"] = forms.ChoiceField(
            label=self.fields["currency"].label,
            choices=[("", "---------")] + [(code, code) for code in sorted(used)],
            help_text=gettext_lazy("The currencies the markets sell in, other than the euro."),
        )

    def clean(self):
        cleaned = super().clean()
        recorded = self.instance
        if recorded.pk:
            was = ExchangeRate.objects.get(pk=recorded.pk)
            if _quarter_ended(was.year, was.quarter):
                raise forms.ValidationError(
                    _(
                        "Q%(quarter)s %(year)s has ended and its VAT return uses this rate: "
                        "it can no longer change."
                    ),
                    code="quarter_ended",
                    params={"quarter": was.quarter, "year": was.year},
                )
        return cleaned


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """EUR rates staff record per quarter for markets priced in another currency (OSS)."""

    form = ExchangeRateForm

    list_display = ["year", "quarter", "currency", "eur_per_unit"]
    list_filter = ["year", "currency"]

    def has_delete_permission(self, request, obj=None):
        # Deleting then recording again would change an ended quarter's rate all the same.
        if obj is not None and _quarter_ended(obj.year, obj.quarter):
            return False
        return super().has_delete_permission(request, obj)
