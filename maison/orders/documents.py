"""Where invoices and credit notes hook into an order's life (DATA-1, PRC-4, PRC-7).

`ship` calls `invoice_shipment` once a shipment is captured, and every refund
of captured money calls `credit_refund` once it is paid, each inside the
transaction that records it. Here the order's rows become a draft of plain
values (the amounts by the one rule of `maison.orders.shares`), which the
`invoicing` app numbers, renders and archives: invoicing never imports `orders`.

Units cancelled before shipping were never charged nor invoiced: their
refund (released from the authorisation) has no credit note.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import override

from maison.invoicing import services as invoicing
from maison.invoicing.drafts import Draft, DraftLine
from maison.markets.models import PriceMode

from . import shares, state
from .models import Order, Refund, Shipment


def invoice_shipment(shipment: Shipment):
    """Issue the invoice of a shipment: its lines and its share of the charges (DATA-1)."""
    order = shipment.order
    if shipment.reship_of_id is not None:
        return None  # a parcel sent again charged nothing: its first invoice stands
    with override(order.language):
        lines = _itemised(order, shipped_lines(shipment)) + _charge_lines(order, shipment)
    return invoicing.issue(_draft(order, "invoice", f"shipment:{shipment.pk}", lines))


def credit_refund(refund: Refund):
    """Issue the credit note of a refund of captured money (DATA-1).

    A refund that names the units it pays back (a parcel returned to sender,
    an after-sales return) is credited line by line, as its invoice listed
    them; one that names none (a late delivery, a credit by hand) per VAT rate.
    """
    if refund.units or refund.state != Refund.State.PAID:
        return None
    order = refund.order
    refunded = refund.refunded_lines or _whole_parcel(refund)
    with override(order.language):
        if refunded:
            goods = _itemised(order, refunded) + _deducted(order, refund, refunded)
        else:
            goods = _refunded_goods(order, refund)
        lines = goods + _charge_lines(order, refund)
    corrects = f"shipment:{refund.shipment_id}" if refund.shipment_id else ""
    return invoicing.issue(
        _draft(
            order,
            "credit_note",
            f"refund:{refund.pk}",
            lines,
            corrects=corrects,
            corrects_number=refund.corrects_invoice,
        )
    )


def shipped_lines(shipment: Shipment) -> list[dict]:
    """The units a parcel charged, line by line, and what each line charged (its invoice's).

    In the form of `Refund.refunded_lines`: a refund of the whole parcel records these.
    """
    units: dict[int, int] = {}
    for shipped in shipment.lines.all():
        units[shipped.order_line_id] = units.get(shipped.order_line_id, 0) + shipped.quantity
    order = shipment.order
    amounts = shares.line_amounts(state.charges(order), _parts_before(order, shipment), units)
    return [{"line": pk, "quantity": units[pk], "goods_minor": amounts[pk]} for pk in sorted(units)]


def _whole_parcel(refund: Refund) -> list[dict]:
    """A parcel refunded whole before refunds recorded their lines: its invoice's lines."""
    shipment = refund.shipment
    if shipment is None or refund.goods_minor != shipment.goods_minor:
        return []
    return shipped_lines(shipment)


def _draft(
    order: Order, kind: str, source: str, lines, corrects: str = "", corrects_number: str = ""
) -> Draft:
    return Draft(
        kind=kind,
        source=source,
        order_number=order.number,
        buyer_email=order.email,
        billing_address=order.billing_address,
        delivery_address=order.shipping_address,
        country=order.market_country,
        price_mode=order.price_mode,
        currency=order.currency,
        language=order.language,
        lines=tuple(line for line in lines if line.gross_minor),
        order_vat_rate=_order_rate(order),
        corrects=corrects,
        corrects_number=corrects_number,
    )


def _order_rate(order: Order) -> Decimal:
    """The destination's VAT rate recorded on the order (PRC-2: that of the order day)."""
    first = order.lines.first()
    return first.tax_rate if first else Decimal(0)


def _vat_inside(order: Order, rate: Decimal) -> Decimal:
    """VAT is inside the amounts only when prices include it (mode a); else none is charged."""
    return rate if order.price_mode == PriceMode.TAXES_INCLUDED else Decimal(0)


def _itemised(order: Order, refunded: list[dict]) -> list[DraftLine]:
    """Goods line by line (product, colour, size, units), each worth what it charged."""
    lines = {line.pk: line for line in order.lines.all()}
    drafted = []
    for row in refunded:
        line = lines[int(row["line"])]
        drafted.append(
            DraftLine(
                kind="goods",
                description=f"{line.product_name}, {line.colour}, {line.size}",
                sku=line.sku,
                quantity=row["quantity"],
                gross_minor=row["goods_minor"],
                vat_rate=_vat_inside(order, line.tax_rate),
            )
        )
    return drafted


def _deducted(order: Order, refund: Refund, refunded: list[dict]) -> list[DraftLine]:
    """What the refund keeps back from the lines it names, each for what it is (RET-4, RET-7).

    The lines are credited as invoiced; what is kept back is a line less each,
    with the VAT of the order's delivery, so the credit note adds up to the
    refund: a return's cost, then what the cap of "not more than is left to
    refund" took off (money refunded before, by hand or otherwise).
    """
    kept = sum(row["goods_minor"] for row in refunded) - refund.goods_minor
    if kept <= 0:
        return []
    rate = _vat_inside(order, _order_rate(order))
    if refund.reason != Refund.Reason.RETURN:
        return [DraftLine("deduction", _("Deducted from the refund"), 1, -kept, rate)]
    cost = min(kept, _return_cost(refund))
    return [
        DraftLine("deduction", _("Return cost deducted"), 1, -cost, rate),
        DraftLine(
            "deduction",
            _("Not refunded: more than was left to refund on the order"),
            1,
            -(kept - cost),
            rate,
        ),
    ]


def _return_cost(refund: Refund) -> int:
    """The return cost a return's refund kept back; none for a free return (RET-7)."""
    ret = getattr(refund, "aftersales_return", None)
    if ret is None or ret.free_return:
        return 0
    return ret.return_cost_minor


def _parts_before(order: Order, shipment: Shipment) -> list[shares.Part]:
    """The parts settled before this shipment was decided: the rule's `settled` for it."""
    parts = []
    for other in order.shipments.filter(reship_of__isnull=True).prefetch_related("lines"):
        if (other.created_at, other.pk) < (shipment.created_at, shipment.pk):
            units: dict[int, int] = {}
            for line in other.lines.all():
                units[line.order_line_id] = units.get(line.order_line_id, 0) + line.quantity
            parts.append(state.part_of(other, units))
    for refund in order.refunds.exclude(units={}):
        if refund.created_at <= shipment.created_at:
            parts.append(state.part_of(refund, {int(k): v for k, v in refund.units.items()}))
    return parts


def _charge_lines(order: Order, part) -> list[DraftLine]:
    """Delivery, duties and import VAT of a part, each on its own line (PRC-4)."""
    rate = _vat_inside(order, _order_rate(order))
    return [
        DraftLine(
            "delivery",
            _("Delivery: %(method)s") % {"method": order.delivery_method_name},
            1,
            part.delivery_minor,
            rate,
        ),
        DraftLine("duties", _("Import duties"), 1, part.duties_minor),
        DraftLine("import_vat", _("Import VAT"), 1, part.import_vat_minor),
    ]


def _refunded_goods(order: Order, refund: Refund) -> list[DraftLine]:
    """Goods refunded without naming lines (a late delivery, a credit by hand): per VAT rate.

    Split in proportion to the order's lines at each rate, rounded down, the
    last rate taking what is left, so the credit note adds up to the refund.
    """
    by_rate: dict[Decimal, int] = {}
    for line in order.lines.all():
        by_rate[line.tax_rate] = by_rate.get(line.tax_rate, 0) + line.total_minor
    whole = sum(by_rate.values())
    left, drafted = refund.goods_minor, []
    description = _("Goods refunded: %(why)s") % {"why": refund.get_reason_display()}
    if refund.note:
        description = f"{description} ({refund.note})"
    for position, (rate, amount) in enumerate(sorted(by_rate.items())):
        last = position == len(by_rate) - 1
        gross = left if last else refund.goods_minor * amount // whole
        left -= gross
        drafted.append(DraftLine("goods", description, 1, gross, _vat_inside(order, rate)))
    return drafted
