"""The house's policy: every deadline, threshold and rule value, in one place.

Each value names the rule of `shared/spec/terms.md` it serves. The terms page,
the banner and the services all read from here, so what is printed can never
disagree with what is enforced.
"""

from dataclasses import dataclass
from datetime import time, timedelta


@dataclass(frozen=True)
class Policy:
    # The version of the terms of sale a buyer accepts; stored on each order (ORD-4).
    terms_version: str = "2026-12-07"
    # Free standard delivery and returns above this basket value, in minor units
    # of the market's currency (SITE-2, DEL-2).
    free_delivery_threshold_minor: int = 250_00
    # Unavailable lines are refunded, never captured, within this many days (ORD-7).
    unavailable_refund_days: int = 14
    # Withdrawal notice within this many days of delivery (RET-1).
    withdrawal_days: int = 14
    # Goods come back within this many days of the withdrawal notice (RET-2).
    return_shipping_days: int = 20
    # Refund within this many days of receiving the goods (RET-4).
    refund_days: int = 14
    # Non-conformity complaints within this many days of delivery (RET-5).
    complaint_days: int = 14
    # Late delivery: free cancellation this many days after the latest estimate (DEL-4).
    late_delivery_cancel_days: int = 30
    # An authorisation expiring within this time, on an order not fully shipped,
    # is renewed by the periodic job before it lapses (PAY-5).
    reauthorise_before_expiry: timedelta = timedelta(days=2)
    # A parcel returned to sender is refunded within this many days, if not reshipped (DEL-5).
    returned_to_sender_refund_days: int = 14
    # Legal guarantee of conformity, in months from delivery (RET-6).
    guarantee_months: int = 24
    # Passwords: length, digits, special characters (ACC-1).
    password_min_length: int = 8
    password_needs_digit: bool = True
    password_needs_special: bool = True
    # A password reset link works once, and for this many hours (ACC-2).
    reset_link_hours: int = 24
    # A link to add one's guest orders to one's account lasts this long (ORD-10, DATA-4).
    claim_link_hours: int = 72
    # A link that confirms a new account's email, or a new email for an account,
    # works for this many hours (ACC-4, ACC-6, ACC-7: no account enumeration).
    confirm_link_hours: int = 48
    # Brute-force protection (ACC-7): failed sign-ins and reset requests allowed
    # per account (email) and per IP address within one window.
    attempts_window: timedelta = timedelta(minutes=15)
    sign_in_failures_per_account: int = 5
    sign_in_failures_per_ip: int = 20
    # Failed order look-ups by number and email, per IP, in the same window (DATA-4).
    tracking_failures_per_ip: int = 20
    # Registration attempts per IP in the same window (ACC-7).
    registrations_per_ip: int = 10
    reset_requests_per_account: int = 3
    reset_requests_per_ip: int = 10
    # A checkout not placed within this time starts again from the basket, so
    # that a stale review page never places an order at yesterday's state.
    checkout_lifetime: timedelta = timedelta(hours=2)
    # Stock a buyer is paying for stays reserved this long while the provider (or
    # a 3-D Secure challenge) answers; then it goes back on sale (PRD-1, PAY-5).
    payment_hold: timedelta = timedelta(minutes=15)
    # After that deadline, how long a late answer may still arrive before the
    # settle job asks the provider itself and confirms or voids.
    payment_answer_grace: timedelta = timedelta(minutes=2)
    # The most of one variant a basket line may hold; a guard against absurd
    # input, not the per-buyer purchase limit of PRD-2.
    max_line_quantity: int = 10
    # Messages to customer service per IP address in the attempts window (SITE-4).
    contact_messages_per_ip: int = 5
    # How long personal data is kept, printed in the privacy policy (ACC-6, DATA-4):
    # orders and invoices as accounting records (French commercial code, art. L123-22);
    # an account with no sign-in nor order for this long; customer service messages.
    retention_orders_years: int = 10
    retention_inactive_account_years: int = 3
    retention_tickets_years: int = 3
    # Deadlines and "the order day" are dates in the store's time zone (PRC-2, DEL-1).
    store_time_zone: str = "Europe/Paris"
    # Parcels leave from here: its public holidays are not business days (DEL-1).
    ships_from_country: str = "FR"
    # A return below the free-returns threshold costs this much, deducted from
    # the refund, in minor units of the market's currency (RET-7, SITE-2).
    return_cost_minor: int = 10_00
    # The seller's identity, printed at the head of the terms (SITE-4). Fictional.
    seller_legal_form: str = "SAS"
    seller_share_capital_minor: int = 10_000_00
    seller_registration: str = "RCS Paris 900 000 001"
    seller_vat_number: str = "FR00900000001"
    # Parcels for withdrawals and non-conformity come back here (RET-2, RET-7).
    returns_address: str = (
        "Maison Orvane, service retours, 12 rue des Entrepôts, 93200 Saint-Denis, France"
    )
    # Customer service hours, in the store's time zone, Monday to Friday (SITE-4).
    service_opens: time = time(10, 0)
    service_closes: time = time(18, 0)
    # Disputes: the consumer mediator (SITE-4). Fictional.
    mediator_name: str = "Médiation Consommation des Maisons de Mode"
    mediator_address: str = "4 rue du Dialogue, 75010 Paris, France"
    mediator_website: str = "https://mediation-mode.example"
    # A failed amicable settlement: days after the registered letter before court (SITE-4).
    amicable_settlement_days: int = 20
    # Guarantee of hidden defects: a claim within this many months of discovery (RET-6).
    hidden_defects_months: int = 24
    # Defects appearing within this many months of delivery are presumed to have
    # existed at delivery (RET-6; French consumer code, art. L217-7).
    conformity_presumption_months: int = 24
    # A period given to the buyer that ends on a Saturday, a Sunday or a public
    # holiday of this country runs to the next working day (RET-1; French
    # consumer code, art. L221-19; Regulation 1182/71).
    periods_holidays_country: str = "FR"
    # Staff are alerted this many days before a refund becomes late (RET-4).
    refund_alert_days: int = 3
    # An invoice or credit note whose PDF is still not made this many minutes after
    # issue is reported to Finance, and by `verify_archive` (DATA-1).
    pdf_missing_alert_minutes: int = 30

    @property
    def payment_hold_minutes(self) -> int:
        """The payment hold as the terms print it (article 8)."""
        return int(self.payment_hold.total_seconds() // 60)


POLICY = Policy()
