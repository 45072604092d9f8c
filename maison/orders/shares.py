"""How an order's money is split between its parts: the one rule (PAY-2, PRC-6, DEL-3).

An order is settled in parts: each shipment, and each set of units cancelled
before shipping (unavailable, order cancelled). A part is charged (or, for a
cancellation, never charged) its units' amounts plus its share of the order's
delivery, import duties and import VAT, proportional to those amounts:

- units of a line cost the line total times units over ordered, rounded down
  in minor units; the part that settles a line's last units takes what is left
  of that line;
- each share of a charge is the charge times the part's goods over the order's
  goods, rounded down; the part that settles the order's last units takes what
  is left of each charge.

So the parts always add up to the order total to the cent, nothing is counted
twice, and nothing is left over once every unit is shipped or cancelled.
Shipments (captures), unavailable items (releases, refunds), invoices and credit
notes all use this one function.

Plain values in, plain values out: no database here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineAmount:
    total_minor: int
    quantity: int


@dataclass(frozen=True)
class Charges:
    """The order's amounts: its lines (by id), and the charges shared between them."""

    lines: Mapping[int, LineAmount]
    delivery_minor: int
    duties_minor: int
    import_vat_minor: int

    @property
    def goods_minor(self) -> int:
        return sum(line.total_minor for line in self.lines.values())


@dataclass(frozen=True)
class Part:
    """One shipment or cancellation: its units per line and what they are worth."""

    units: Mapping[int, int] = field(default_factory=dict)
    goods_minor: int = 0
    delivery_minor: int = 0
    duties_minor: int = 0
    import_vat_minor: int = 0

    @property
    def total_minor(self) -> int:
        return self.goods_minor + self.delivery_minor + self.duties_minor + self.import_vat_minor


class UnitsUnavailable(ValueError):
    """More units of a line than are left to settle, or a line not in the order."""


def _settled_units(settled: list[Part]) -> dict[int, int]:
    done: dict[int, int] = {}
    for part in settled:
        for line_id, units in part.units.items():
            done[line_id] = done.get(line_id, 0) + units
    return done


def line_amounts(charges: Charges, settled: list[Part], units: Mapping[int, int]) -> dict[int, int]:
    """What the units of each line in `units` are worth, after `settled` (an invoice's lines)."""
    done = _settled_units(settled)
    amounts = {}
    for line_id, count in units.items():
        line = charges.lines.get(line_id)
        if line is None or count < 0 or done.get(line_id, 0) + count > line.quantity:
            raise UnitsUnavailable(line_id)
        if count == 0:
            continue
        if done.get(line_id, 0) + count == line.quantity:
            already = sum(
                _units_amount(line, part.units.get(line_id, 0))
                for part in settled
                if part.units.get(line_id)
            )
            amounts[line_id] = line.total_minor - already
        else:
            amounts[line_id] = _units_amount(line, count)
    return amounts


def next_part(charges: Charges, settled: list[Part], units: Mapping[int, int]) -> Part:
    """The amounts of the part settling `units` ({line id: units}), after `settled`."""
    done = _settled_units(settled)
    goods = sum(line_amounts(charges, settled, units).values())
    after = {line_id: done.get(line_id, 0) + units.get(line_id, 0) for line_id in charges.lines}
    last = all(after[line_id] == line.quantity for line_id, line in charges.lines.items())
    whole = charges.goods_minor

    def share(charge: int, taken: int) -> int:
        if last:
            return charge - taken
        return charge * goods // whole if whole else 0

    return Part(
        units={line_id: count for line_id, count in units.items() if count},
        goods_minor=goods,
        delivery_minor=share(charges.delivery_minor, sum(p.delivery_minor for p in settled)),
        duties_minor=share(charges.duties_minor, sum(p.duties_minor for p in settled)),
        import_vat_minor=share(charges.import_vat_minor, sum(p.import_vat_minor for p in settled)),
    )


def _units_amount(line: LineAmount, count: int) -> int:
    return line.total_minor * count // line.quantity


def is_last(charges: Charges, settled: list[Part], units: Mapping[int, int]) -> bool:
    """Whether settling `units` settles the whole order."""
    done = _settled_units(settled)
    return all(
        done.get(line_id, 0) + units.get(line_id, 0) == line.quantity
        for line_id, line in charges.lines.items()
    )
