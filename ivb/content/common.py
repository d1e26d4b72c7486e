"""Pieces that many pages say: the city-only notice, the peiljaar of a topic, single figures, the notes on its sources."""

from __future__ import annotations

from ivb import gemeente
from ivb.blocks import Download, Notes, Notice, Out, Table
from ivb.markup import plain
from ivb.queries import documents
from ivb.views import tables


def city_only_notice(out: Out) -> None:
    """Tell the reader that the figures below exist only for the whole city, when a wijk is chosen."""
    f = out.filters
    if f.wijk:
        out.add(Notice(
            f"De cijfers op deze pagina bestaan alleen voor heel {gemeente.name()}, niet voor de wijk {plain(f.wijk)} apart; "
            f"ze staan er als 'heel {gemeente.name()}'."
        ))


def documents_notice(out: Out) -> None:
    """The one notice of a gemeente without curated documents: what the dashboard shows, and how a steward adds them."""
    g = gemeente.current()
    out.add(Notice(
        f"Van de gemeente {plain(g.naam)} zijn nog geen beleidsdocumenten opgenomen. Dit dashboard toont daarom alleen de "
        f"open data van politie en CBS: de geregistreerde misdrijven van {plain(g.naam)} per soort en per jaar, en de "
        "vergelijking met andere gemeenten. Doelen, begroting en een oordeel 'doel gehaald' staan er pas als de "
        f"documenten zijn opgenomen. Zo voegt een gegevensbeheerder ze toe: `python -m ivb nieuwe-gemeente {g.code}` "
        f"maakt de lege bestanden in de map data/bronnen/{g.code}/; vul daar de indicatoren, de cijfers en de vindplaats "
        "uit de kadernota en het jaarverslag in (zoals in de README onder 'Voor de databeheerder'), en bouw de gegevens "
        "opnieuw met `make build`."
    ))


def peiljaar(out: Out, years: list[int]) -> int | None:
    """The latest year with figures inside the chosen range; says so when there is none."""
    f = out.filters
    inside = [y for y in years if f.jaar_van <= y <= f.jaar_tot]
    if not inside:
        shown = ", ".join(str(y) for y in years) or "geen"
        out.add(Notice(f"Er zijn geen cijfers in de gekozen jaren {f.jaar_van}-{f.jaar_tot}. Beschikbaar: {shown}."))
        return None
    return inside[-1]


def quality_notes(out: Out, onderwerp: str) -> None:
    """The data-quality notes of one topic, under its figures."""
    notes = documents.quality_notes(onderwerp)
    if not notes.empty:
        out.add(Notes(notes))


def figures(out: Out, title: str, visual: str, topic: str, note: str | None = None) -> None:
    """The single figures of one visual (no trend): a small table with their source and the downloads."""
    values = documents.visual_values(visual, *out.filters.years)
    out.add(Table(tables.year_table(values), title=title, note=note, city=True, empty="Geen cijfers in de gekozen jaren.",
                  download=Download(topic, values) if not values.empty else None))
