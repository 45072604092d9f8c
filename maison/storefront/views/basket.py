from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from maison.basket import queries, services
from maison.catalog.queries import variant_for_sale
from maison.terms.policy import POLICY

from .. import session
from ..forms import AddToBasketForm, QuantityForm
from ..visitor import safe_place


@require_safe
def basket(request):
    return render(
        request,
        "storefront/basket.html",
        {"basket": queries.priced(session.basket(request), session.market(request))},
    )


def _back_to_product(request, variant):
    target = variant.product.get_absolute_url() if variant else "storefront:basket"
    return redirect(target)


@require_POST
def add(request):
    form = AddToBasketForm(request.POST)
    variant = None
    if form.is_valid():
        variant = variant_for_sale(form.cleaned_data["variant"])
    if variant is None:
        messages.error(
            request,
            _("Please choose an available size and a quantity from 1 to %(max)s.")
            % {"max": POLICY.max_line_quantity},
        )
        back = safe_place(request, request.POST.get("back"), reverse("storefront:basket"))
        return HttpResponseRedirect(back)
    try:
        services.add_to_basket(
            session.basket(request, create=True),
            variant,
            form.cleaned_data["quantity"],
            market=session.market(request),
        )
    except services.BasketRefused as refusal:
        messages.error(request, refusal.message)
        return _back_to_product(request, variant)
    messages.success(
        request, _("%(item)s was added to your basket.") % {"item": variant.product.name}
    )
    return redirect("storefront:basket")


@require_POST
def update(request, line_id):
    found = session.basket(request)
    form = QuantityForm(request.POST)
    if found is None:
        messages.error(request, _("Your basket is empty."))
    elif not form.is_valid():
        messages.error(
            request,
            _("Please enter a quantity from 0 to %(max)s.") % {"max": POLICY.max_line_quantity},
        )
    else:
        try:
            services.change_quantity(found, line_id, form.cleaned_data["quantity"])
            messages.success(request, _("Your basket was updated."))
        except services.BasketRefused as refusal:
            messages.error(request, refusal.message)
    return redirect("storefront:basket")


@require_POST
def remove(request, line_id):
    found = session.basket(request)
    if found is not None:
        services.remove_line(found, line_id)
        messages.success(request, _("The item was removed from your basket."))
    return redirect("storefront:basket")
