"""Which destinations are in the European Union's VAT area: the rest are exports."""

# The 27 member states (ISO 3166-1 alpha-2), for the export mention and the VAT return.
EU_COUNTRIES = frozenset(
    ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE")
    + ("IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
)
HOME_COUNTRY = "FR"


def is_export(country: str) -> bool:
    return country not in EU_COUNTRIES
