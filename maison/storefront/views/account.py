"""The account: registering, signing in and out, passwords, profile, personal data."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maison import clock
from maison.accounts import queries, services
from maison.accounts.models import normalise_email
from maison.accounts.refusals import (
    LINK_FOR_ANOTHER_ACCOUNT,
    TOO_MANY_ATTEMPTS,
    AccountRefused,
)
from maison.accounts.tokens import reset_tokens
from maison.invoicing import queries as invoices
from maison.orders import queries as order_queries
from maison.terms.policy import POLICY

from .. import session
from ..account_forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    ForgotPasswordForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    SignInForm,
)
from ..returns_context import after_sales
from ..visitor import client_ip, safe_place
from .orders import cancel_for_late_delivery

AFTER_CONFIRMING = "maison.after_confirming"


def _next_page(request) -> str:
    """Where to go after signing in: the page asked for, if it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next")
    return safe_place(request, wanted, reverse("storefront:account"))


@require_safe
def home(request):
    """The account area for a member; for anyone else, how to sign in or buy as a guest."""
    if not request.user.is_authenticated:
        return render(request, "storefront/account.html")
    return render(
        request,
        "storefront/account/home.html",
        {
            "profile": queries.profile_of(request.user),
            "recent_orders": queries.order_history(request.user)[:3],
            "default_address": queries.default_address(request.user),
        },
    )


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request):
    """Open an account (ACC-4); the password rule is on the page before typing (ACC-1)."""
    if request.user.is_authenticated:
        return redirect("storefront:account")
    form = RegisterForm(request.POST or None)
    try:
        # Counted on every attempt, valid or not, before the email is looked up.
        if request.method == "POST":
            services.may_register(client_ip(request))
    except AccountRefused as refusal:
        form.add_error(None, refusal.message)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The same page for a new email and one that has an account: only the
        # email sent to the address differs (ACC-7, no account enumeration).
        services.register(
            email=data["email"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            title=data["title"],
            address=form.address(),
            language=get_language(),
        )
        # Where to go once the link is opened, if it is opened in this browser.
        request.session[AFTER_CONFIRMING] = _next_page(request)
        return render(
            request,
            "storefront/account/register_sent.html",
            {"hours": POLICY.confirm_link_hours},
        )
    return render(
        request, "storefront/account/register.html", {"form": form, "next": _next_page(request)}
    )


@never_cache
@require_safe
def confirm_account(request, token):
    """The emailed link: it confirms the new account's email, opens it and signs in."""
    try:
        user = services.confirm_account(token)
    except AccountRefused as refusal:
        return _link_refused(request, refusal, _("Confirm your email"))
    session.sign_in(request, user)
    messages.success(request, _("Your email is confirmed. Welcome! Your account is open."))
    wanted = request.session.pop(AFTER_CONFIRMING, None)
    return HttpResponseRedirect(safe_place(request, wanted, reverse("storefront:account")))


@never_cache
@require_safe
def confirm_email(request, token):
    """The link sent to a member's new address: the account takes it from now on (ACC-6)."""
    try:
        user = services.confirm_new_email(token)
    except AccountRefused as refusal:
        return _link_refused(request, refusal, _("Confirm your new email"))
    messages.success(
        request, _("Your email is confirmed: it is now %(email)s.") % {"email": user.email}
    )
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("storefront:profile")
    return redirect("storefront:sign-in")


def _link_refused(request, refusal: AccountRefused, title: str):
    return render(
        request,
        "storefront/account/link_refused.html",
        {"refusal": refusal, "title": title},
        status=_status(refusal, otherwise=400),
    )


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    form = SignInForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            user = services.check_sign_in(
                form.cleaned_data["email"], form.cleaned_data["password"], ip=client_ip(request)
            )
        except AccountRefused as refused:
            refusal = refused
        else:
            session.sign_in(request, user)
            return HttpResponseRedirect(_next_page(request))
    return render(
        request,
        "storefront/account/sign_in.html",
        {"form": form, "refusal": refusal, "next": _next_page(request)},
        status=_status(refusal),
    )


def _status(refusal: AccountRefused | None, otherwise: int = 200) -> int:
    """The HTTP answer to a refused account action: its code decides, never the service."""
    if refusal is None:
        return 200
    return {TOO_MANY_ATTEMPTS: 429, LINK_FOR_ANOTHER_ACCOUNT: 403}.get(refusal.code, otherwise)


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("storefront:home")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def forgot_password(request):
    """Ask for a reset link: the answer is the same whether the account exists (ACC-2)."""
    form = ForgotPasswordForm(request.POST or None)
    refusal, sent = None, False
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_for_password_reset(
                form.cleaned_data["email"], ip=client_ip(request), language=get_language()
            )
        except AccountRefused as refused:
            refusal = refused
        else:
            sent = True
    return render(
        request,
        "storefront/account/forgot_password.html",
        {"form": form, "refusal": refusal, "sent": sent, "hours": POLICY.reset_link_hours},
        status=_status(refusal),
    )


class ResetPassword(PasswordResetConfirmView):
    """Choose a new password from the emailed link: once, before it expires (ACC-2).

    Django's view moves the token from the address into the session before
    showing the form, so it never leaks through the Referer header.
    """

    form_class = ResetPasswordForm
    token_generator = reset_tokens
    template_name = "storefront/account/reset_password.html"
    success_url = reverse_lazy("storefront:sign-in")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        services.set_password(self.user, form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Your new password is set. Please sign in with it."))
        return HttpResponseRedirect(self.get_success_url())


password_reset = ResetPassword.as_view()


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.set_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password is changed."))
        return redirect("storefront:account")
    return render(request, "storefront/account/change_password.html", {"form": form})


@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """See and correct what the house holds about you (ACC-6, rectification)."""
    user = request.user
    current = queries.profile_of(user)
    initial = {
        "title": current.title,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": current.phone,
    }
    form = ProfileForm(request.POST or None, user=user, initial=initial)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.may_change_email(user, data["email"], client_ip(request))
            __, asked = services.change_profile(
                user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                title=data["title"],
                email=data["email"],
                language=get_language(),
            )
        except AccountRefused as refused:
            refusal = refused
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("Your details are saved."))
            if asked:
                # The same words whether another account has the address (ACC-7).
                messages.info(
                    request,
                    _("We have sent a link to %(email)s: your email changes when you open it.")
                    % {"email": normalise_email(data["email"])},
                )
            return redirect("storefront:profile")
    return render(
        request, "storefront/account/profile.html", {"form": form}, status=_status(refusal)
    )


@login_required
@require_safe
def orders(request):
    """The member's orders with their status, each one a link to follow it (ORD-10)."""
    return render(
        request,
        "storefront/account/orders.html",
        {"orders": queries.order_history(request.user)},
    )


@login_required
@require_POST
def ask_to_claim_orders(request):
    """Send a link to the account's email that adds its guest orders (ORD-10)."""
    services.send_claim_link(request.user, get_language())
    messages.success(
        request,
        _(
            "If orders were placed as a guest with %(email)s, we have just sent a link "
            "to that address to add them to your account."
        )
        % {"email": request.user.email},
    )
    return redirect("storefront:account-orders")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_orders(request, token):
    """Shown from the emailed link; the orders join the account only on the button (POST)."""
    try:
        if request.method == "POST":
            claimed = services.claim_guest_orders(request.user, token)
            messages.success(
                request,
                ngettext(
                    "%(count)s order was added to your account.",
                    "%(count)s orders were added to your account.",
                    len(claimed),
                )
                % {"count": len(claimed)},
            )
            return redirect("storefront:account-orders")
        offered = services.claimable(request.user, token)
    except AccountRefused as refusal:
        return render(
            request,
            "storefront/account/claim.html",
            {"refusal": refusal, "offered": []},
            status=_status(refusal, otherwise=400),
        )
    return render(request, "storefront/account/claim.html", {"refusal": None, "offered": offered})


@login_required
@require_safe
def order(request, number):
    return _order_page(request, number)


def _order_page(request, number, status=200):
    found = queries.member_order(request.user, number)
    if found is None:
        raise Http404("No such order")
    return render(
        request,
        "storefront/account/order.html",
        {
            "order": found,
            "policy": POLICY,
            **after_sales(found, member=True),
            "late_cancel_url": reverse("storefront:account-order-cancel", args=[number]),
            **order_queries.tracking(found),
            "documents": [
                (
                    document,
                    reverse("storefront:account-order-document", args=[number, document.number]),
                )
                for document in invoices.of_order(found.number)
            ],
        },
        status=status,
    )


@login_required
@require_POST
def cancel_order(request, number):
    """Cancel an order not delivered in time, from the account (DEL-4)."""
    found = queries.member_order(request.user, number)
    if found is None:
        raise Http404("No such order")
    if not cancel_for_late_delivery(request, found):
        return _order_page(request, number, status=409)
    return redirect("storefront:account-order", number)


@login_required
@never_cache
@require_safe
def download_data(request):
    """Everything the store holds about the member, as a JSON file (ACC-6, access)."""
    response = JsonResponse(
        queries.export_personal_data(request.user),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    # The name is the shopper's language's; the keys inside stay English (machine-readable).
    filename = pgettext("file name, ASCII letters only", "my-data-%(date)s.json") % {
        "date": f"{clock.today():%Y-%m-%d}"
    }
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """Erase the account (ACC-6); orders kept by law stay, pseudonymised."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_account(request.user)
        except AccountRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data are deleted."))
            return redirect("storefront:home")
    status = 409 if form.non_field_errors() else 200
    return render(request, "storefront/account/delete.html", {"form": form}, status=status)
