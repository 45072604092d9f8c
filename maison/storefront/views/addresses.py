"""The member's address book (ACC-5): only their own addresses, anything else is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maison.accounts import queries, services

from ..account_forms import AddressBookForm


def _own_address(request, address_id):
    found = queries.address_of(request.user, address_id)
    if found is None:
        raise Http404("No such address")
    return found


@login_required
@require_safe
def addresses(request):
    return render(
        request,
        "storefront/account/addresses.html",
        {"addresses": queries.addresses(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add(request):
    form = AddressBookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_address(
            request.user, form.details(), make_default=form.cleaned_data["is_default"]
        )
        messages.success(request, _("The address is added."))
        return redirect("storefront:addresses")
    return render(request, "storefront/account/address_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, address_id):
    address = _own_address(request, address_id)
    form = AddressBookForm(
        request.POST or None,
        initial={**address.as_dict(), "is_default": address.is_default},
        current_country=address.country,
    )
    if request.method == "POST" and form.is_valid():
        services.change_address(
            address, form.details(), make_default=form.cleaned_data["is_default"]
        )
        messages.success(request, _("The address is saved."))
        return redirect("storefront:addresses")
    return render(
        request, "storefront/account/address_form.html", {"form": form, "address": address}
    )


@login_required
@require_POST
def delete(request, address_id):
    services.delete_address(_own_address(request, address_id))
    messages.success(request, _("The address is deleted."))
    return redirect("storefront:addresses")
