"""Where invoices and credit notes hook into an order's life (DATA-1).

`ship` calls `invoice_shipment` once a shipment is captured, and every refund
calls `credit_refund` once it is paid or released, each inside the
transaction that records it. Both do nothing yet: the invoicing issue fills
them, building plain-value drafts (amounts by the rule of
`maison.orders.shares`, the addresses, the lines) for the `invoicing` app,
which never imports `orders`.
"""


def invoice_shipment(shipment) -> None:
    """Issue the invoice of a shipment: its lines and its share of the charges (DATA-1)."""


def credit_refund(refund) -> None:
    """Issue the credit note of a refund (DATA-1)."""
