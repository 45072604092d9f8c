"""What a return refunds: the accepted lines; delivery only when all came back (RET-4).

- Each accepted unit refunds its share of its line's price and import duty,
  rounded down to the minor unit, so partial returns never refund a cent more
  than was paid.
- The standard delivery cost is refunded only when the whole order has come
  back and been accepted: on a partial withdrawal it is not, as the European
  Commission's guidance on the Consumer Rights Directive allows. What the
  buyer paid above standard delivery (express) is never refunded (Directive
  2011/83/EU, art. 13(2)).
- Import VAT charged at order follows its base (goods, duties, delivery) in proportion.
- A return below the free-returns threshold costs the policy's return cost (RET-7, SITE-2),
  taken off the goods first.
- Never more than what was captured and not yet refunded or promised back.
"""

from dataclasses import dataclass

from maison.markets.money import Money
from maison.orders import state
from maison.orders.models import Order
from maison.shipping.delivery import standard_part

from .models import Return, ReturnLine


@dataclass(frozen=True)
class RefundAmount:
    goods: Money
    duties: Money
    delivery: Money
    import_vat: Money
    return_cost: Money
    total: Money
    # The accepted units line by line, before the return cost: [{"line": order line
    # id, "quantity": units, "goods_minor": their share of the line}] (`Refund.refunded_lines`).
    lines: tuple[dict, ...] = ()


def standard_delivery_part(order: Order) -> int:
    """The part of the order's delivery that standard delivery cost when it was placed (PRC-5).

    Recorded on the order; an order placed before it was recorded falls back
    on today's prices.
    """
    if order.standard_delivery_minor is not None:
        return order.standard_delivery_minor
    goods = Money(order.subtotal_minor, order.currency)
    return standard_part(
        order.market_country, order.delivery_method_code, order.delivery_minor, goods
    )


def _refunded_line(line: ReturnLine) -> bool:
    """Accepted, and not exchanged: no exchange asked, or it was not available."""
    exchanged = line.exchange_for_id is not None and not line.exchange_unavailable
    return line.outcome == ReturnLine.Outcome.ACCEPTED and not exchanged


def whole_order_back(order: Order) -> bool:
    """Every unit of every line came back, was accepted, and none was exchanged."""
    back: dict[int, int] = {}
    for line in ReturnLine.objects.filter(ret__order=order).exclude(
        ret__state__in=[Return.State.REFUSED_LATE, Return.State.CLOSED]
    ):
        if _refunded_line(line):
            back[line.order_line_id] = back.get(line.order_line_id, 0) + line.quantity
    return all(back.get(line.pk, 0) >= line.quantity for line in order.lines.all())


captured_left = state.captured_left


def _less(parts: list[int], amount: int) -> list[int]:
    """Take `amount` off the parts, the first ones first, none below zero."""
    taken = []
    for part in parts:
        off = min(part, amount)
        taken.append(part - off)
        amount -= off
    return taken


def refund_for(
    ret: Return, *, left: int | None = None, only: list[ReturnLine] | None = None
) -> RefundAmount:
    """The refund of a return's accepted lines; `left` is what may still be refunded.

    `only`: just those lines (an exchange found unavailable after the
    inspection), with no return cost: the buyer asked for an exchange, and the
    house could not make it.
    """
    order = ret.order
    goods = duties = 0
    refunded = []
    lines = ret.lines.select_related("order_line") if only is None else only
    for line in lines:
        if _refunded_line(line):
            ordered = line.order_line
            share = ordered.total_minor * line.quantity // ordered.quantity
            goods += share
            duties += ordered.duty_minor * line.quantity // ordered.quantity
            refunded.append({"line": ordered.pk, "quantity": line.quantity, "goods_minor": share})
    delivery = standard_delivery_part(order) if goods and whole_order_back(order) else 0
    order_base = order.subtotal_minor + order.duties_minor + order.delivery_minor
    import_vat = (
        order.import_vat_minor * (goods + duties + delivery) // order_base if order_base else 0
    )
    cost = ret.return_cost_minor if goods and not ret.free_return and only is None else 0
    parts = _less([goods, duties, delivery, import_vat], cost)
    left = captured_left(order) if left is None else left
    parts = _less(parts, max(0, sum(parts) - left))

    def money(minor: int) -> Money:
        return Money(minor, order.currency)

    return RefundAmount(
        goods=money(parts[0]),
        duties=money(parts[1]),
        delivery=money(parts[2]),
        import_vat=money(parts[3]),
        return_cost=money(cost),
        total=money(sum(parts)),
        lines=tuple(refunded),
    )
