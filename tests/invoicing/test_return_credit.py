"""A return refunded after sales is credited line by line, as its invoice listed them (DATA-1)."""

from datetime import date

from maison import clock
from maison.aftersales import refunding, services
from maison.aftersales.models import ReturnLine
from maison.aftersales.services import LineChoice
from maison.invoicing.models import Document
from tests import factories
from tests.aftersales.helpers import WAREHOUSE, delivered_order, french_holidays, paris

from .helpers import documents, lines, pdf_text


def _return(order, units: int):
    """The buyer sends back `units` of the order's one line; all accepted and refunded."""
    with clock.travel_to(paris(2026, 6, 10, 12, 0)):
        ret = services.withdraw(order, [LineChoice(order.lines.get().pk, units)])
    with clock.travel_to(paris(2026, 6, 18, 17, 0)):
        services.receive(ret, date(2026, 6, 18), sent_on=date(2026, 6, 12), actor=WAREHOUSE)
        services.inspect(
            ret,
            {line.pk: (ReturnLine.Outcome.ACCEPTED, "") for line in ret.lines.all()},
            actor=WAREHOUSE,
        )
        refunding.refund(ret, actor="finance@orvane.example")
    return ret


def test_a_returned_shirt_is_credited_as_invoiced_less_the_return_cost(store):
    # proves: DATA-1, PRC-7, RET-4, RET-7
    french_holidays(2026)
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    _return(order, 1)

    invoice, credit = documents(order)
    assert credit.kind == Document.Kind.CREDIT_NOTE and credit.corrects == invoice
    # One shirt of 120.00 as invoiced, VAT 20 % inside: net 100.00, VAT 20.00. Less the
    # 10.00 return cost (240.00 is below the free-returns threshold), at the same rate:
    # net -8.33 (10.00 / 1.2 = 8.333), VAT -1.67. 110.00 in all; no delivery refunded.
    assert lines(credit) == [
        ("goods", 1, 100_00, "0.2000", 20_00, 120_00),
        ("deduction", 1, -8_33, "0.2000", -1_67, -10_00),
    ]
    assert credit.total_minor == 110_00
    order.refresh_from_db()
    payment = order.payment
    assert (
        invoice.total_minor - credit.total_minor == payment.captured_minor - payment.refunded_minor
    )
    text = pdf_text(credit)
    assert f"Corrects invoice: {invoice.number}" in text
    assert "Return cost deducted" in text and "-€10.00" in text


def test_two_of_three_shirts_returned_from_germany_are_credited_line_by_line(store):
    # proves: DATA-1, PRC-4, PRC-7, RET-4
    french_holidays(2026)
    germany = factories.market("DE", vat="0.19")
    factories.delivery_methods(germany)
    shirt = factories.variant(price_minor=150_00, stock=5, colour="Sky blue", size="M")
    order = delivered_order([(shirt, 3)], delivered_at=paris(2026, 6, 9, 15, 0), country="DE")
    _return(order, 2)

    invoice, credit = documents(order)
    assert credit.corrects == invoice and credit.country == "DE"
    # 450.00 is above the free-returns threshold: nothing is kept back. Two of three shirts:
    # 450.00 × 2 / 3 = 300.00, VAT 19 % inside: net 300.00 / 1.19 = 252.1008 → 252.10,
    # VAT 47.90, 126.05 a shirt without tax. Standard delivery was free: no delivery line.
    assert lines(credit) == [("goods", 2, 252_10, "0.1900", 47_90, 300_00)]
    (line,) = credit.lines.all()
    name = shirt.product.name
    assert (line.description, line.sku) == (f"{name}, Sky blue, M", shirt.sku)
    assert str(line.unit_net) == "12605.00"
    assert credit.total_minor == 300_00
    text = pdf_text(credit)
    assert f"{name}, Sky blue, M" in text
    assert "€126.05" in text and "€252.10" in text and "€47.90" in text and "€300.00" in text
    assert "19%" in text


def test_a_return_cut_by_what_is_left_to_refund_says_so_on_its_credit_note(store):
    # proves: DATA-1, PRC-7, RET-4, RET-7
    from maison.orders import refunds

    french_holidays(2026)
    shirt = factories.variant(price_minor=120_00, stock=5)
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    # Two shirts 240.00 and standard delivery 6.90 (240.00 is below the 250.00 free
    # delivery threshold): 246.90 captured. Finance then gives 200.00 back by hand.
    with clock.travel_to(paris(2026, 6, 9, 16, 0)):
        refunds.credit_by_hand(order, 200_00, reason="Gesture", actor="finance@orvane.example")
    _return(order, 1)

    invoice, by_hand, credit = documents(order)
    assert invoice.total_minor == 246_90 and by_hand.total_minor == 200_00
    # The shirt's 120.00 less the 10.00 return cost would be 110.00, but only
    # 246.90 - 200.00 = 46.90 is left to refund: 63.10 more is kept back, and said so.
    # -63.10 at 20 % inside: net -52.58 (63.10 / 1.2 = 52.583), VAT -10.52.
    assert lines(credit) == [
        ("goods", 1, 100_00, "0.2000", 20_00, 120_00),
        ("deduction", 1, -8_33, "0.2000", -1_67, -10_00),
        ("deduction", 1, -52_58, "0.2000", -10_52, -63_10),
    ]
    assert [line.description for line in credit.lines.all()][1:] == [
        "Return cost deducted",
        "Not refunded: more than was left to refund on the order",
    ]
    assert credit.total_minor == 46_90
    order.refresh_from_db()
    assert order.payment.refunded_minor == 246_90
    text = pdf_text(credit)
    assert "-€10.00" in text and "-€63.10" in text
