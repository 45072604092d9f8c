"""Invoice and credit note PDFs, for their buyer (account, guest link) and for staff (DATA-1)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from maison.accounts import queries as accounts
from maison.invoicing import queries
from maison.invoicing.services import PdfNotReady, open_pdf

from .orders import _order

# Seconds a browser is asked to wait for a PDF being made (the job runs every minute).
PDF_RETRY_AFTER = 60


def pdf_response(document) -> HttpResponse:
    """The PDF as issued; never cached on the way, it names a person (DATA-4).

    A document whose PDF is still being made (DATA-1: it is made after its
    number is committed) answers 503 with Retry-After, never an error.
    """
    try:
        stored = open_pdf(document)
    except PdfNotReady:
        return being_prepared(document)
    response = FileResponse(
        stored,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{document.number}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def being_prepared(document) -> HttpResponse:
    response = HttpResponse(
        _("%(number)s is being prepared. Please try again in a minute.")
        % {"number": document.number},
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(PDF_RETRY_AFTER)
    response["Cache-Control"] = "private, no-store"
    return response


def _document(order, number: str):
    found = queries.one_of_order(order.number, number)
    if found is None:
        raise Http404("No such document")
    return pdf_response(found)


@require_safe
def guest_document(request, number, key, document):
    """From the order page a guest opens with the key of their emails."""
    return _document(_order(number, key), document)


@login_required
@require_safe
def member_document(request, number, document):
    """From the member's own order page; another member's order is a 404."""
    found = accounts.member_order(request.user, number)
    if found is None:
        raise Http404("No such order")
    return _document(found, document)
