"""The curated sources say no more than the documents: a label names what is counted, and every reading of an
ambiguous passage is a note in kwaliteit.csv that the figure links to.

These read data/bronnen and check properties, never a figure or a typed label: they hold after any valid
update (a new jaarverslag, a new indicator, a new period figure whose years the source names) and fail when a label
or a note claims more or other than a source says. A rule that a steward's update can break belongs in the build,
which names file, line and what to do: a part without ``deel_van``, a jaarwisseling figure without a note on its
year axis, a percentage that no counts confirm and no note explains, a note under the onderwerp of another page.
Those are tested on invented data in tests/test_build.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from fixtures import REPO_SOURCES

from ivb.gemeente import DEFAULT_CODE
from ivb.indicators import CRIME_CATEGORIES
from ivb.sources.build import validate
from ivb.sources.rules_notes import linked_ids

NAMES = ("indicatoren", "waarden", "periodecijfers", "camera_locaties", "financien", "kwaliteit")


def read_sources(directory: Path, code: str = DEFAULT_CODE) -> dict[str, pd.DataFrame]:
    """The curated tables of gemeente ``code`` in ``directory`` (data/bronnen) as the build reads them: each row checked
    against its schema (the wijken a figure may name are those of the gemeente's wijkcodes) and the tables together
    against the build's rules; a problem fails the test with the build's message."""
    tables = validate(directory)
    return {name: tables[f"{code}/{name}"] for name in NAMES}


@pytest.fixture(scope="module")
def sources() -> dict[str, pd.DataFrame]:
    return read_sources(REPO_SOURCES)


def notes_on(sources, indicator_id: str) -> pd.DataFrame:
    """The notes that name ``indicator_id`` in their list of indicators."""
    notes = sources["kwaliteit"]
    return notes[[indicator_id in linked_ids(ids) for ids in notes["indicator_id"]]]


def note_text(notes: pd.DataFrame) -> str:
    return " ".join(notes["omschrijving"] + " " + notes["waarde_tekst"].fillna("") + " " + notes["keuze"])


def catalogue(sources) -> pd.DataFrame:
    return sources["indicatoren"].set_index("indicator_id")


def test_a_count_of_aangiften_is_not_labelled_as_the_polices_registered_crime(sources):
    # The Criminaliteit page sets the documents beside the police's "geregistreerde misdrijven" (open data): a count
    # of aangiften under that name reads as the police's count.
    wrong = [(i, row.label) for i, row in catalogue(sources).iterrows()
             if re.search(r"aangifte", row.definitie, re.I) and re.search(r"geregistreerd", row.label, re.I)]
    assert not wrong, wrong


def test_every_document_series_beside_the_police_has_a_note_on_what_the_document_counts(sources):
    # The police count registered crime; the documents count aangiften (kadernota) or an estimate (jaarverslag).
    # A reader comparing the two lines needs the note that says which.
    silent = [c.indicator_id for c in CRIME_CATEGORIES
              if not re.search(r"aangifte|geschat|schatting", note_text(notes_on(sources, c.indicator_id)), re.I)]
    assert not silent, f"no note says what the document counts for {silent}"


def test_a_count_of_persons_named_after_a_measure_says_personen_in_its_label(sources):
    # A gebiedsverbod is a measure; the jaarverslag counts persons. A label that names the measure must not let a count
    # of persons pass for a count of measures. A label that names the persons another way ("Jongeren in ...") is fine.
    persons = catalogue(sources)
    persons = persons[persons["definitie"].str.contains(r"^(?:aantal\s+)?personen\b", case=False, regex=True)
                      & persons["label"].str.contains(r"verbod|verboden|maatregel|bevel", case=False, regex=True)]
    assert not persons.empty, "no count of persons is named after a measure: the check has nothing to check"
    unlabelled = persons[~persons["label"].str.contains("personen", case=False)]
    assert unlabelled.empty, unlabelled["label"].to_dict()


# What a note says when the source gives no base ("zonder basisjaar", "het basisjaar is onbekend"), and not a note
# that names one ("het basisjaar is 2023; geen aantal").
UNKNOWN_BASE = re.compile(r"(?:zonder|geen)\s+basisjaar|basisjaar\s+(?:is\s+)?(?:onbekend|niet\s+bekend)", re.I)


def test_no_label_or_definition_claims_a_base_that_its_note_calls_unknown(sources):
    # A percentage change is only as good as its base: where a note says the source gives none, the catalogue must
    # not name one ("ten opzichte van het jaar ervoor").
    claims = re.compile(r"ten opzichte van|t\.o\.v\.|jaar ervoor|vorige? jaar", re.I)
    checked, wrong = 0, []
    for indicator, row in catalogue(sources).iterrows():
        text = note_text(notes_on(sources, indicator))
        if UNKNOWN_BASE.search(text):
            checked += 1
            if claims.search(row.label) or claims.search(row.definitie):
                wrong.append(indicator)
    assert checked, "no note says a base is unknown: the check has nothing to check"
    assert not wrong, f"a definition names a base its note calls unknown: {wrong}"


def test_a_label_that_promises_a_breakdown_holds_no_part_of_a_category(sources):
    # "per categorie" reads as a split into whole categories. A value that is only part of its category (a name
    # 'categorie: deel', or a note saying it may be part of the category) has no place under such a label.
    values = sources["waarden"]
    wrong = []
    for indicator, row in catalogue(sources).iterrows():
        if not re.search(r"\b(per|naar)\b", row.label):
            continue
        categories = values.loc[values["indicator_id"] == indicator, "categorie"]
        partial = [c for c in categories if ":" in c]
        if partial or re.search(r"deel van de categorie", note_text(notes_on(sources, indicator)), re.I):
            wrong.append((row.label, partial))
    assert not wrong, wrong


def test_a_figure_taken_as_something_the_source_does_not_call_it_says_so_in_its_label(sources):
    # A note whose choice is "Opgenomen als ..." records our interpretation of the source's words; the label, which is
    # what a reader sees, must say it is our reading, not state it as the source's fact.
    notes = sources["kwaliteit"]
    readings = notes[notes["keuze"].str.contains(r"\bopgenomen als\b", case=False, regex=True)]
    assert not readings.empty, "no note records a reading: the check has nothing to check"
    labels = catalogue(sources)["label"]
    wrong = [(i, labels[i]) for ids in readings["indicator_id"] for i in linked_ids(ids)
             if not re.search(r"onze lezing", labels[i], re.I)]
    assert not wrong, wrong


def names_the_period(text: str, jaar_van: int, jaar_tot: int) -> bool:
    """Whether ``text`` names the stored period: '2014-2017' (or with '/', '–', 't/m'), or the one year."""
    if jaar_van == jaar_tot:
        return bool(re.search(rf"(?<!\d){jaar_van}(?!\d)", text))
    return bool(re.search(rf"(?<!\d){jaar_van}\s*(?:[-/–]|t/m|tot en met)\s*{jaar_tot}(?!\d)", text))


SPAN = re.compile(r"(?<!\d)\d{4}\s*(?:[-/–]|t/m|tot en met)\s*\d{4}(?!\d)")


@pytest.mark.parametrize("table", ["periodecijfers", "camera_locaties"])
def test_a_note_on_a_stored_period_names_the_years_as_stored(sources, table):
    # A source may give a period in words ("de afgelopen vier jaar", "vier jaar (2022-2026)"); the years stored are
    # then our reading, and the notes of that source on the period must name them as stored, or note and figure tell
    # different periods. A figure whose source has no such note is not checked: a source that names the years needs
    # none, and a steward who adds one is not made to write it.
    notes = sources["kwaliteit"]
    notes = notes[notes["tabel"] == table]
    checked, unnamed = 0, []
    for row in sources[table].itertuples(index=False):
        mine = notes[notes["bron_id"] == row.bron_id]
        if table == "periodecijfers":  # a note on a period figure names it; one on the camera table covers them all
            mine = notes_on({"kwaliteit": mine}, row.indicator_id)
        elif not SPAN.search(note_text(mine)):
            continue  # the source's notes on the cameras name no years (coordinates, wijken): not about the period
        if mine.empty:
            continue
        checked += 1
        if not names_the_period(note_text(mine), row.jaar_van, row.jaar_tot):
            unnamed.append((getattr(row, "indicator_id", getattr(row, "locatie_id", "")), row.jaar_van, row.jaar_tot))
    assert checked, f"no note on {table} is about a stored period: the check has nothing to check"
    assert not unnamed, f"a note on {table} does not name the period as stored for {unnamed}"
