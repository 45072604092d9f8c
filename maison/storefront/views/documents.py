"""Invoice and credit note PDFs, for their buyer (account, guest link) and for staff (DATA-1)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from maison.accounts import queries as accounts
from maison.invoicing import queries
from maison.invoicing.services import open_pdf

from .orders import _order


def pdf_response(document) -> FileResponse:
    """The PDF as issued; never cached on the way, it names a person (DATA-4)."""
    response = FileResponse(
        open_pdf(document),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{document.number}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _document(order, number: str):
    found = queries.one_of_order(order.number, number)
    if found is None:
        raise Http404("No such document")
    return pdf_response(found)


@require_GET
def guest_document(request, number, key, document):
    """From the order page a guest opens with the key of their emails."""
    return _document(_order(number, key), document)


@login_required
@require_GET
def member_document(request, number, document):
    """From the member's own order page; another member's order is a 404."""
    found = accounts.member_order(request.user, number)
    if found is None:
        raise Http404("No such order")
    return _document(found, document)
