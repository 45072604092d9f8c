"""A return refunded after sales gets its credit note, through the same refund (DATA-1, RET-4)."""

from datetime import date

from maison import clock
from maison.aftersales import refunding, services
from maison.aftersales.models import ReturnLine
from maison.aftersales.services import LineChoice
from maison.invoicing.models import Document
from tests import factories
from tests.aftersales.helpers import WAREHOUSE, delivered_order, french_holidays, paris

from .helpers import documents, lines, pdf_text


def test_a_returned_shirt_is_credited_less_the_return_cost(store):
    # proves: DATA-1, PRC-7, RET-4
    french_holidays(2026)
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    with clock.travel_to(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, 1)])
    with clock.travel_to(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(
            ret,
            {line.pk: (ReturnLine.Outcome.ACCEPTED, "") for line in ret.lines.all()},
            actor=WAREHOUSE,
        )
        refunding.refund(ret, actor="finance@orvane.example")

    invoice, credit = documents(order)
    assert credit.kind == Document.Kind.CREDIT_NOTE and credit.corrects == invoice
    # One shirt of 120.00 less the 10.00 return cost (240.00 is below the free-returns
    # threshold): 110.00, VAT 20 % inside: net 91.67, VAT 18.33. No delivery refunded.
    assert lines(credit) == [("goods", 1, 91_67, "0.2000", 18_33, 110_00)]
    order.refresh_from_db()
    payment = order.payment
    assert (
        invoice.total_minor - credit.total_minor == payment.captured_minor - payment.refunded_minor
    )
    assert f"Corrects invoice: {invoice.number}" in pdf_text(credit)
