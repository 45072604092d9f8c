"""The carriers parcels leave with, and where a buyer follows a parcel (DEL-3, ORD-10).

Each carrier's public tracking page takes the tracking number in its address;
the number is checked before a shipment is recorded, so the link always works.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str
    url_template: str

    def tracking_url(self, tracking_number: str) -> str:
        return self.url_template.format(number=quote(tracking_number, safe=""))


CARRIERS = {
    carrier.code: carrier
    for carrier in (
        Carrier(
            "colissimo",
            "Colissimo",
            "https://www.laposte.fr/outils/suivre-vos-envois?code={number}",
        ),
        Carrier(
            "chronopost",
            "Chronopost",
            "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLV={number}",
        ),
        Carrier(
            "dhl",
            "DHL Express",
            "https://www.dhl.com/fr-en/home/tracking/tracking-express.html?tracking-id={number}",
        ),
        Carrier("ups", "UPS", "https://www.ups.com/track?tracknum={number}"),
        Carrier("fedex", "FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}"),
    )
}

# Letters and digits, as every carrier above prints them.
TRACKING_NUMBER = re.compile(r"[A-Z0-9]{8,40}")


def carrier(code: str) -> Carrier:
    """The carrier of that code; an unknown one (removed since) still shows its code."""
    return CARRIERS.get(code) or Carrier(code, code, "")


def normalise_tracking_number(number: str) -> str | None:
    """The number as the carrier knows it, or None if it cannot be one."""
    cleaned = "".join(number.split()).upper()
    return cleaned if TRACKING_NUMBER.fullmatch(cleaned) else None
