"""The order's history, read in the reader's language (SITE-6).

An event keeps the English sentence it was recorded with (`OrderEvent.message`,
chained as such by the archive), and beside it, in its data, what was said:
the sentence's msgid and its values. The back office reads the sentence again
in its own language. A value that is itself a word of the shop (a state, a
reason, a carrier) is kept as its msgid and translated too; an amount is kept
as money and written the reader's way. Events recorded before this keep their
stored text.

    state.event(order, "blocked", said(gettext_noop("Blocked: %(reason)s"), reason=reason), ...)
"""

from django.utils.translation import get_language, gettext, gettext_noop, override, to_locale

from maison.markets.money import Money

WORD, MONEY = "word", "money"


def word(label) -> dict:
    """A translatable value: a choice's label, a state, a carrier's name (lazy or msgid)."""
    with override("en"):
        return {WORD: str(label)}


def choice_label(instance, field: str) -> dict:
    """The label of a model field's choice, translatable (`get_FOO_display` is already text)."""
    value = getattr(instance, field)
    return word(dict(instance._meta.get_field(field).flatchoices).get(value, value))


def money(amount: Money) -> dict:
    return {MONEY: amount.minor, "currency": amount.currency}


def said(msgid: str, **values) -> dict:
    """What an event says: a msgid marked with `gettext_noop`, and its values."""
    return {"msgid": msgid, "values": values}


def _value(value, language: str):
    if isinstance(value, dict) and WORD in value:
        return gettext(value[WORD]) if value[WORD] else ""
    if isinstance(value, dict) and MONEY in value:
        return Money(value[MONEY], value["currency"]).format(language)
    return value


def text(saying: dict) -> str:
    """The sentence in the active language."""
    language = to_locale(get_language() or "en")
    values = {name: _value(value, language) for name, value in saying["values"].items()}
    return gettext(saying["msgid"]) % values


def english(saying: dict) -> str:
    """The sentence as recorded: in English, whatever language the request speaks."""
    with override("en"):
        return text(saying)


def read(message: str, data: dict) -> str:
    """An event's sentence for the reader; an event recorded before this, as stored."""
    saying = data.get("said") if isinstance(data, dict) else None
    if not saying:
        return message
    try:
        return text(saying)
    except (KeyError, TypeError, ValueError):
        return message


ACTORS = {
    "system": gettext_noop("system"),
    "shopper": gettext_noop("shopper"),
    "customer": gettext_noop("customer"),
}


def actor(name: str) -> str:
    """Who acted: staff by their address; the shop's own names translated."""
    return gettext(ACTORS[name]) if name in ACTORS else name
