"""Dutch number formats for the screen: 13.939; 7,4; 26%; € 63.857; +30,8%; and names as parts of a path or file.

Only for display: tables keep their numbers and downloads carry raw values.
"""

from __future__ import annotations

import re
import unicodedata

MISSING = "–"  # shown where a source has no figure; never zero


def is_missing(value) -> bool:
    """None, NaN and pandas' NA (whose comparison is neither true nor false) are all a missing figure."""
    try:
        return value is None or bool(value != value)
    except TypeError:
        return True


def number(value: float | None, decimals: int = 0) -> str:
    """``value`` with a thousands dot and a decimal comma, or the missing mark."""
    if is_missing(value):
        return MISSING
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def value(amount: float | None, eenheid: str, benaderd: bool = False) -> str:
    """``amount`` formatted for its unit (aantal, rapportcijfer, procent, procent_verandering, euro, per_1000)."""
    if is_missing(amount):
        return MISSING
    if eenheid == "rapportcijfer":
        text = number(amount, 1)
    elif eenheid == "procent":
        text = number(amount, _decimals(amount)) + "%"
    elif eenheid == "procent_verandering":
        text = ("+" if amount > 0 else "") + number(amount, _decimals(amount)) + "%"
    elif eenheid == "per_1000":
        text = number(amount, 3)  # as published: two municipalities may differ only in the third decimal
    elif eenheid == "per_1000_wijk":
        text = number(amount, 1)  # ours, per wijk or buurt: one decimal, as the tables of the Wijkprofiel
    elif eenheid == "euro":
        text = "€\u00a0" + number(amount)  # a no-break space: a narrow table cell never wraps the sign off the amount
    else:
        text = number(amount, _decimals(amount))
    return f"ca. {text}" if benaderd else text


def _decimals(amount: float) -> int:
    return 0 if float(amount).is_integer() else 1


def buurt_sum(buurten) -> str:
    """'som van 4 buurten' for a police figure made from ``buurten`` buurten (a wijk without a row of its own), else ''."""
    if is_missing(buurten) or not buurten:
        return ""
    return f"som van {int(buurten)} buurt{'en' if buurten != 1 else ''}"


def listing(items) -> str:
    """'a, b en c' of ``items`` as texts ('' of none; an item may hold a comma itself)."""
    items = [str(i) for i in items]
    return ", ".join(items[:-1]) + " en " + items[-1] if len(items) > 1 else "".join(items)


def slug(text: str) -> str:
    """``text`` as a path or file name part: lower case ASCII, words joined by hyphens ('Financiën' -> 'financien',
    "'s-Gravenhage" -> 's-gravenhage')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
