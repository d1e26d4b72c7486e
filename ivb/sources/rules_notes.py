"""Checks that tie the notes on the sources (kwaliteit.csv) to the figures they explain.

A note names the indicators it is about in its column ``indicator_id``: one, or several separated by ``;``
(one reading that holds for a group of figures is one note, not a copy per figure). A figure that is always
an interpretation must have its note: a figure of the jaarwisseling lies in two calendar years, so its year on
the axis says nothing until a note says which jaarwisseling that year means. A note is shown on the page of its
``onderwerp``, so every figure it names must be on that page.
"""

from __future__ import annotations

import re

from ivb.sources.records import SourceProblem

SEPARATOR = ";"
_JAARWISSELING = re.compile(r"jaarwisseling", re.IGNORECASE)
# "2024-2025", "2023/2024": the two calendar years of one jaarwisseling.
_SPAN = re.compile(r"\b(\d{4})\s*[-/–]\s*(\d{4})\b")
_TEXT_COLUMNS = ("omschrijving", "waarde_tekst", "waarde_tabel", "keuze")


def _p(table: str, line, column: str | None, message: str) -> SourceProblem:
    return SourceProblem(f"bronnen/{table}.csv", int(line) if line is not None else None, column, message)


def linked_ids(value: str | None) -> list[str]:
    """The indicators a note's ``indicator_id`` names: none, one, or several separated by ';' (spaces ignored)."""
    if not value:
        return []
    return [part.strip() for part in value.split(SEPARATOR)]


def jaarwisseling_ids(catalogue) -> set[str]:
    """The indicators about the jaarwisseling: their label, definitie or vindplaats names it, or they are a part
    (``deel_van``, at any depth) of one that does."""
    found = {row.indicator_id for row in catalogue.itertuples(index=False)
             if any(_JAARWISSELING.search(text or "") for text in (row.label, row.definitie, row.vindplaats))}
    wholes = dict(zip(catalogue["indicator_id"], catalogue["deel_van"].fillna("")))
    for indicator in wholes:
        seen, whole = {indicator}, wholes[indicator]
        while whole and whole not in seen:
            if whole in found:
                found.add(indicator)
                break
            seen.add(whole)
            whole = wholes.get(whole, "")
    return found


def note_text(note) -> str:
    """The words of one note (a row of kwaliteit): what the source says, our reading of it and the choice made."""
    return " ".join(str(getattr(note, column, "") or "") for column in _TEXT_COLUMNS)


def names_the_year(notes, indicator_id: str, jaar: int) -> bool:
    """Whether a note that names ``indicator_id`` in its list of indicators mentions the year ``jaar``."""
    year = re.compile(rf"(?<!\d){int(jaar)}(?!\d)")
    return any(indicator_id in linked_ids(row.indicator_id) and year.search(note_text(row))
               for row in notes.itertuples(index=False))


def names_a_jaarwisseling(text: str) -> bool:
    """Whether ``text`` says which jaarwisseling a year is: it names the jaarwisseling and two consecutive years."""
    return bool(_JAARWISSELING.search(text)) and any(int(b) == int(a) + 1 for a, b in _SPAN.findall(text))


def check_notes(tables):
    """Every problem between the notes and the catalogue (unknown indicators are found with the other references)."""
    notes, catalogue = tables.get("kwaliteit"), tables.get("indicatoren")
    if notes is None or catalogue is None:
        return
    for row in notes.itertuples(index=False):
        if row.indicator_id and "" in linked_ids(row.indicator_id):
            yield _p("kwaliteit", row.source_line, "indicator_id",
                     f"'{row.indicator_id}' heeft een lege naam; scheid indicatoren met één '{SEPARATOR}'")
    topics = dict(zip(catalogue["indicator_id"], catalogue["onderwerp"]))
    for row in notes.itertuples(index=False):
        for indicator in linked_ids(row.indicator_id):
            topic = topics.get(indicator)
            if topic and topic != row.onderwerp:  # an unknown indicator is named by the reference check
                yield _p("kwaliteit", row.source_line, "onderwerp",
                         f"{row.notitie_id} staat onder onderwerp '{row.onderwerp}', maar {indicator} staat op de pagina "
                         f"van '{topic}': een kanttekening is alleen te zien op de pagina van haar onderwerp. Zet het "
                         f"onderwerp op '{topic}', of maak voor {indicator} een eigen kanttekening onder '{topic}'")
    explained = set()
    for row in notes.itertuples(index=False):
        if names_a_jaarwisseling(f"{row.omschrijving} {row.keuze}"):
            explained.update(linked_ids(row.indicator_id))
    wanted = jaarwisseling_ids(catalogue)
    for row in catalogue.itertuples(index=False):
        if row.indicator_id in wanted and row.indicator_id not in explained:
            yield _p("indicatoren", row.source_line, "indicator_id",
                     f"{row.indicator_id} gaat over de jaarwisseling, die in twee kalenderjaren valt: leg in kwaliteit.csv "
                     f"vast welke jaarwisseling een jaar op de jaaras is (bijvoorbeeld '2024 = jaarwisseling 2024-2025'), "
                     f"met {row.indicator_id} in de kolom indicator_id (meer indicatoren gescheiden door '{SEPARATOR}')")
