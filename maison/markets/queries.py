from .models import Market


def all_markets() -> list[Market]:
    return list(Market.objects.select_related("price_list").order_by("country"))


def pick(markets: list[Market], country: str | None) -> Market:
    """The market of a country the shopper chose, else the default one."""
    by_country = {m.country: m for m in markets}
    if country in by_country:
        return by_country[country]
    default = next((m for m in markets if m.is_default), None) or (markets[0] if markets else None)
    if default is None:
        raise Market.DoesNotExist(
            "No market is configured: load the demo or add one in the back office."
        )
    return default


def default_market() -> Market:
    return pick(all_markets(), None)
