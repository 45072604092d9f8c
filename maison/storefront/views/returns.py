"""Withdrawing, following a return and claiming under the guarantees, from an order page.

The same pages serve a member's order (`/account/orders/<number>/...`) and a
guest's order opened with its access key (`/orders/<number>/<key>/...`): who
may see the order is settled before these views run, by `_member_order` or
`_guest_order`, so another buyer's order is a 404 (DATA-4).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from maison.accounts import queries as account_queries
from maison.aftersales import claims, queries, services
from maison.aftersales.amounts import refund_for
from maison.aftersales.delivered import delivered_quantity
from maison.terms import policy

from ..returns_context import urls as _urls
from ..returns_forms import ClaimForm, WithdrawalForm
from .orders import _order as _guest_order


def _member_order(request, number):
    found = account_queries.member_order(request.user, number)
    if found is None:
        raise Http404("No such order")
    return found


def _withdraw(request, order, member: bool):
    urls = _urls(order, member)
    left = services.returnable(order)
    offered = [
        (line, left[line.pk], queries.exchange_options(order, line))
        for line in order.lines.select_related("variant")
        if left.get(line.pk, 0) > 0
    ]
    last_day = services.window_closed_on(order)
    form = WithdrawalForm(offered, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            ret = services.withdraw(
                order, form.cleaned_data["choices"], reason=form.cleaned_data["reason"]
            )
        except services.WithdrawalRefused as refused:
            form.add_error(refused.field, refused.message)
            status = 409 if refused.code == "window_closed" else 400
        else:
            messages.success(request, _("Your withdrawal is recorded."))
            return redirect(urls["return_url"](ret))
    elif request.method == "POST":
        status = 400
    open_now = services.can_withdraw(order)
    return render(
        request,
        "storefront/returns/withdraw.html",
        {
            "order": order,
            "form": form,
            "open": open_now,
            "last_day": last_day,
            "policy": policy.POLICY,
            **urls,
        },
        status=status,
    )


def _return_page(request, order, return_id: int, member: bool):
    ret = queries.return_of(order, return_id)
    if ret is None:
        raise Http404("No such return")
    return render(
        request,
        "storefront/returns/return.html",
        {
            "order": order,
            "ret": ret,
            "refund": refund_for(ret),
            "returns_address": policy.POLICY.returns_address,
            **_urls(order, member),
        },
    )


def _claim(request, order, member: bool):
    urls = _urls(order, member)
    lines = [line for line in order.lines.all() if delivered_quantity(line)]
    if not lines:
        raise Http404("Nothing delivered yet")
    form = ClaimForm(lines, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claims.make_claim(
                order,
                data["line"],
                data["kind"],
                data["description"],
                discovered_on=data["discovered_on"],
            )
        except claims.ClaimRefused as refused:
            form.add_error(refused.field, refused.message)
            status = 400
        else:
            messages.success(request, _("Your claim is recorded; we will answer by email."))
            return redirect(urls["order_url"])
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "storefront/returns/claim.html",
        {"order": order, "form": form, "policy": policy.POLICY, **urls},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, number, key):
    return _withdraw(request, _guest_order(number, key), member=False)


@require_safe
def return_page(request, number, key, return_id):
    return _return_page(request, _guest_order(number, key), return_id, member=False)


@require_http_methods(["GET", "HEAD", "POST"])
def claim(request, number, key):
    return _claim(request, _guest_order(number, key), member=False)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_withdraw(request, number):
    return _withdraw(request, _member_order(request, number), member=True)


@login_required
@require_safe
def account_return(request, number, return_id):
    return _return_page(request, _member_order(request, number), return_id, member=True)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_claim(request, number):
    return _claim(request, _member_order(request, number), member=True)


@login_required
@require_safe
def account_returns(request):
    """Every return and claim of the member's orders, with its state (ACC-5)."""
    returns = queries.member_returns(request.user)
    return render(
        request,
        "storefront/account/returns.html",
        {
            "returns": [(ret, _urls(ret.order, True)["return_url"](ret)) for ret in returns],
            "claims": queries.member_claims(request.user),
        },
    )
