"""The checkout steps: details, delivery, payment, review, place (ORD-3, ORD-4)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maison import clock
from maison.accounts import queries as account_queries
from maison.checkout import services
from maison.orders.limits import BuyerRefused
from maison.payments.providers.base import CardRejected
from maison.payments.services import provider
from maison.shipping.delivery import quotes
from maison.terms.policy import POLICY

from .. import session
from ..forms import AddressForm, CardForm, DeliveryForm, EmailForm, PlaceOrderForm

STEPS = ["details", "delivery", "payment", "review"]


def _current(request, step: str):
    """The shopper's checkout if they may stand on `step`, else where to send them."""
    basket = session.basket(request)
    if basket is None or not basket.lines.exists():
        messages.info(request, _("Your basket is empty."))
        return None, redirect("storefront:basket")
    found = session.checkout(request)
    if found is not None and services.is_expired(found):
        messages.warning(
            request, _("Your checkout had expired, so it started again. Nothing was charged.")
        )
        found = None
    market = session.market(request)
    customer = request.user if request.user.is_authenticated else None
    # A checkout belongs to the person who started it: signing in or out starts anew.
    if found is not None and found.customer_id != (customer.pk if customer else None):
        found = None
    if found is None or found.order_id is not None:
        found = services.start(basket, market, customer)
        session.remember_checkout(request, found)
    services.follow_market(found, market)
    # A delivery address in another country than the one shopped in is asked again.
    details_done = found.has_details and found.shipping_address.get("country") == market.country
    needed = {
        "delivery": details_done,
        "payment": details_done and found.delivery_method_id,
        "review": details_done and found.delivery_method_id and found.has_payment,
    }
    if step in needed and not needed[step]:
        return None, redirect("storefront:checkout")
    return found, None


def _next_step(request, checkout, following: str):
    """The next step, or back to the review when the buyer came from its "Edit" link
    and nothing else is missing: the card already given is not asked for again."""
    if request.GET.get("back") == "review" and services.is_ready(checkout):
        return redirect("storefront:checkout-review")
    return redirect(following)


def _page(request, template, checkout, status=200, **context):
    return render(
        request,
        f"storefront/checkout/{template}.html",
        {"checkout": checkout, "steps": STEPS, **context},
        status=status,
    )


def member_addresses(request) -> list[dict]:
    """The member's saved addresses in the country shopped in, ready to prefill (ACC-5)."""
    country = session.market(request).country
    return [
        {"id": a.pk, **a.as_dict()}
        for a in account_queries.addresses(request.user).order_by("-is_default", "id")
        if a.country == country
    ]


def _prefill(request, checkout, saved: list[dict]) -> dict:
    """The delivery address to show: the one chosen from the book, else the last typed,
    else the member's default."""
    chosen = request.GET.get("address", "")
    for address in saved:
        if chosen and str(address["id"]) == chosen:
            return address
    if checkout.shipping_address:
        return checkout.shipping_address
    return saved[0] if saved else {}


@require_http_methods(["GET", "HEAD", "POST"])
def details(request):
    checkout, elsewhere = _current(request, "details")
    if elsewhere:
        return elsewhere
    data = request.POST if request.method == "POST" else None
    saved = member_addresses(request) if request.user.is_authenticated else []
    prefill = _prefill(request, checkout, saved)
    initial_same = checkout.billing_address in ({}, checkout.shipping_address)
    email = checkout.email or (request.user.email if request.user.is_authenticated else "")
    contact = EmailForm(data, initial={"email": email, "billing_same": initial_same})
    language = get_language()
    shipping = AddressForm(
        data,
        prefix="ship",
        initial=prefill,
        market=checkout.market,
        language=language,
    )
    # The billing form is only checked when the buyer says it differs.
    billing_differs = data is not None and not data.get("billing_same")
    billing = AddressForm(
        data if billing_differs else None,
        prefix="bill",
        initial=checkout.billing_address or {"country": checkout.market.country},
        markets=session.markets(request),
        language=language,
        phone_country=checkout.market.country,
    )
    if request.method == "POST" and contact.is_valid() and shipping.is_valid():
        same = contact.cleaned_data["billing_same"]
        if same or billing.is_valid():
            services.save_details(
                checkout,
                contact.cleaned_data["email"],
                shipping.cleaned_data,
                shipping.cleaned_data if same else billing.cleaned_data,
            )
            return _next_step(request, checkout, "storefront:checkout-delivery")
    show_billing_errors = billing_differs
    return _page(
        request,
        "details",
        checkout,
        step="details",
        contact=contact,
        shipping=shipping,
        billing=billing,
        show_billing_errors=show_billing_errors,
        saved_addresses=saved,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def delivery(request):
    checkout, elsewhere = _current(request, "delivery")
    if elsewhere:
        return elsewhere
    offered = quotes(checkout.market, services.basket_subtotal(checkout), clock.today())
    if not offered:
        messages.error(request, _("We cannot deliver to this country at the moment."))
        return redirect("storefront:basket")
    methods = [q.method for q in offered]
    chosen = checkout.delivery_method if checkout.delivery_method in methods else methods[0]
    form = DeliveryForm(request.POST or None, methods=methods, initial={"method": chosen.code})
    if request.method == "POST" and form.is_valid():
        chosen = next(m for m in methods if m.code == form.cleaned_data["method"])
        services.choose_delivery(checkout, chosen)
        return _next_step(request, checkout, "storefront:checkout-payment")
    return _page(request, "delivery", checkout, step="delivery", form=form, quotes=offered)


@require_http_methods(["GET", "HEAD", "POST"])
def payment(request):
    checkout, elsewhere = _current(request, "payment")
    if elsewhere:
        return elsewhere
    form = CardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            card = provider().tokenize(
                data["number"], data["expiry_month"], data["expiry_year"], data["cvc"]
            )
        except CardRejected as rejection:
            form.add_error("number", _(rejection.message))
        else:
            services.save_card(checkout, card)
            return redirect("storefront:checkout-review")
    return _page(request, "payment", checkout, step="payment", form=form)


# Where each refusal is put right; any other goes back to the review.
BACK_TO_BASKET = {
    "checkout_expired",
    "basket_empty",
    "out_of_stock",
    "not_sold_here",
    "over_limit",
}
BACK_TO_PAYMENT = {
    "payment_declined",
    "payment_unavailable",
    "authentication_failed",
    "payment_expired",
}
BACK_TO_DETAILS = {"buyer_refused"}


def _refused(request, refusal: services.CheckoutRefused | BuyerRefused):
    """Say why, and send the shopper to the step where it can be put right."""
    messages.error(request, refusal.message)
    if refusal.code in BACK_TO_DETAILS:
        return redirect("storefront:checkout")
    if refusal.code in BACK_TO_BASKET:
        session.forget_checkout(request)
        return redirect("storefront:basket")
    if refusal.code in BACK_TO_PAYMENT:
        return redirect("storefront:checkout-payment")
    return redirect("storefront:checkout-review")


def _review_page(request, checkout, form=None, status=200):
    try:
        priced = services.review(checkout)
    except services.CheckoutRefused as refusal:
        return _refused(request, refusal)
    if form is None:
        form = PlaceOrderForm(initial={"reviewed": priced.fingerprint})
    else:
        # Shown again after an error: the buyer confirms what is shown now.
        form.data = form.data.copy()
        form.data["reviewed"] = priced.fingerprint
    return _page(
        request,
        "review",
        checkout,
        status=status,
        step="review",
        review=priced,
        form=form,
        terms_version=POLICY.terms_version,
    )


@require_safe
def review(request):
    checkout, elsewhere = _current(request, "review")
    if elsewhere:
        return elsewhere
    return _review_page(request, checkout)


@require_POST
def place(request):
    checkout = session.checkout(request)
    if checkout is None:
        messages.warning(
            request, _("Your checkout has expired. Please check your basket and start again.")
        )
        return redirect("storefront:basket")
    if checkout.order_id is not None:
        # A second click after the first one went through: show the order it placed.
        return redirect(services.placed_order(checkout).get_absolute_url())
    if services.is_expired(checkout):
        return _refused(
            request,
            services.CheckoutExpired(
                _("Your checkout has expired. Please check your basket and start again.")
            ),
        )
    if not services.is_ready(checkout):
        # A step undone in another tab (a new country clears the delivery method).
        return _current(request, "review")[1] or redirect("storefront:checkout-review")
    form = PlaceOrderForm(request.POST)
    if not form.is_valid():
        return _review_page(request, checkout, form, status=400)
    try:
        order = services.place_order(
            checkout,
            accepted_terms=form.cleaned_data["accept_terms"],
            reviewed=form.cleaned_data["reviewed"],
            return_url=lambda key: request.build_absolute_uri(
                reverse("storefront:checkout-payment-return", kwargs={"key": key})
            ),
        )
    except services.AuthenticationRequired as challenge:
        # 3-D Secure: the buyer answers their bank, which sends them back to `payment_return`.
        return redirect(challenge.challenge_url)
    except (services.CheckoutRefused, BuyerRefused) as refusal:
        return _refused(request, refusal)
    return _show_order(request, order)


def _show_order(request, order):
    remembered = request.session.get(session.ORDERS_KEY, [])
    request.session[session.ORDERS_KEY] = [*remembered[-19:], order.number]
    return redirect(order.get_absolute_url())


@require_safe
def payment_return(request, key: str):
    """The buyer is back from the 3-D Secure challenge: the order, or why not.

    The provider's webhook may have confirmed the order already; either way it
    is confirmed once. Only the browser that placed it is sent to the order's page.
    """
    attempt = services.attempt_by_key(key)
    if attempt is None:
        raise Http404("No such payment")
    try:
        order = services.payment_answered(attempt)
    except services.AuthenticationRequired as challenge:
        return redirect(challenge.challenge_url)
    except services.PaymentPending as pending:
        messages.info(request, pending.message)
        return redirect("storefront:checkout-review")
    except services.CheckoutRefused as refusal:
        return _refused(request, refusal)
    mine = session.checkout(request)
    if mine is None or mine.pk != attempt.checkout_id:
        messages.success(
            request, _("Your order is placed. Its confirmation is on its way by email.")
        )
        return redirect("storefront:home")
    return _show_order(request, order)
