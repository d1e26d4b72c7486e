"""A figure as a reader cites it: what, where, when, how much, from which source, and the link to the view."""

from __future__ import annotations

import datetime as dt
import logging

from ivb import formatting, gemeente
from ivb.indicators import goal_label
from ivb.queries.core import build_info

log = logging.getLogger(__name__)

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def dutch_date(day: dt.date) -> str:
    """'2 december 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_text(iso: object) -> str | None:
    """'1 december 2026' for '2026-12-01'; None for anything that is not such a day."""
    try:
        return dutch_date(dt.date.fromisoformat(str(iso)))
    except ValueError:
        return None


def updated() -> str:
    """'2 december 2026': when the current build of the data was first published; 'onbekend' without a record."""
    try:
        return dutch_date(dt.datetime.fromisoformat(build_info().get("gebouwd", "")).date())
    except ValueError:
        return "onbekend"


def newest_source() -> str:
    """'1 december 2026': the day the newest source was taken in (Gegevensstatus); 'onbekend' without one, or when the
    tables cannot say (the footer of every page asks: it must not break a page)."""
    from ivb.queries.status import last_updated

    try:
        return day_text(last_updated()) or "onbekend"
    except Exception:
        log.warning("de datum van de nieuwste bron is niet te lezen", exc_info=True)
        return "onbekend"


def freshness() -> str:
    """What every page says under it: when the tables were last published and when the newest source was taken in."""
    return f"Laatst bijgewerkt op {updated()}; de nieuwste bron is opgehaald op {newest_source()}."


def verdict_citation(row, link: str, today: dt.date) -> str:
    """The citation of one tile: indicator, area, year, realisatie against begroting, doel gehaald, source, link."""
    value = formatting.value(row.realisatie, row.eenheid)
    target = formatting.value(row.begroting, row.eenheid)
    return (f"{row.label}, heel {gemeente.name()}, {row.jaar}: {value} (begroting {target}; doel gehaald: "
            f"{goal_label(row.doel_gehaald).lower()}). {row.reden} Bron: {row.bron}. Via het IVB-dashboard "
            f"{gemeente.name()}, {link} (geraadpleegd op {dutch_date(today)}).")
