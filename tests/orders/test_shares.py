"""The one sharing rule: parts of an order always add up to it, to the cent (PAY-2, PRC-6)."""

from hypothesis import given
from hypothesis import strategies as st

from maison.orders.shares import Charges, LineAmount, next_part

lines = st.lists(st.tuples(st.integers(1, 500_000), st.integers(1, 6)), min_size=1, max_size=5).map(
    lambda pairs: {i + 1: LineAmount(total, qty) for i, (total, qty) in enumerate(pairs)}
)


@given(lines, st.integers(0, 5_000), st.integers(0, 5_000), st.integers(0, 5_000), st.randoms())
def test_parts_settled_in_any_order_add_up_to_the_order_total(
    order_lines, delivery, duties, import_vat, rnd
):
    # proves: PAY-2, PRC-6, PRC-7
    charges = Charges(order_lines, delivery, duties, import_vat)
    units = [line_id for line_id, line in order_lines.items() for _ in range(line.quantity)]
    rnd.shuffle(units)
    settled = []
    while units:
        cut = rnd.randint(1, len(units))
        take, units = units[:cut], units[cut:]
        batch: dict[int, int] = {}
        for line_id in take:
            batch[line_id] = batch.get(line_id, 0) + 1
        part = next_part(charges, settled, batch)
        if units:
            # Not the last part: each share is rounded down, never more than its proportion.
            assert part.delivery_minor * charges.goods_minor <= delivery * part.goods_minor
        settled.append(part)
    whole = charges.goods_minor + delivery + duties + import_vat
    assert sum(part.total_minor for part in settled) == whole
    assert sum(part.delivery_minor for part in settled) == delivery


def test_a_worked_example_three_parcels_of_one_line():
    # proves: PAY-2, PRC-6
    # Three scarves for 100.00 EUR together, delivery 10.00 EUR, sent one by one.
    charges = Charges({1: LineAmount(100_00, 3)}, 10_00, 0, 0)
    first = next_part(charges, [], {1: 1})
    second = next_part(charges, [first], {1: 1})
    third = next_part(charges, [first, second], {1: 1})
    # 100.00 / 3 = 33.333... → 33.33 twice, and the last takes 33.34;
    # delivery 10.00 × 33.33 / 100.00 = 3.333 → 3.33 twice, and the last 3.34.
    assert [p.goods_minor for p in (first, second, third)] == [33_33, 33_33, 33_34]
    assert [p.delivery_minor for p in (first, second, third)] == [3_33, 3_33, 3_34]
