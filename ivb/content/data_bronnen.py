"""Data en bronnen: the source documents, the notes on the sources, police beside documents, and every
published table whole with its downloads."""

from __future__ import annotations

import pandas as pd

from ivb import config, gemeente
from ivb.blocks import Heading, Out, Table, Text, WholeTable
from ivb.content.police import police_next_to_documents
from ivb.markup import plain
from ivb.queries import documents
from ivb.sources.schema import TABLES


def content(out: Out) -> None:
    with_documents = gemeente.current().documents
    out.add(Text(
        ("Alle cijfers van dit dashboard staan in tabellen die zijn overgenomen uit gemeentelijke documenten en uit de "
         if with_documents else "Alle cijfers van dit dashboard komen uit de ")
        + "open data van politie en CBS (CC BY 4.0; bron: CBS en Politie). Bij elk cijfer staan de bron en de vindplaats; "
        "afgeleide, benaderde en voorlopige cijfers zijn gemarkeerd."
    ))
    if not with_documents:
        out.add(Text(f"De beleidsdocumenten van {plain(gemeente.name())} zijn nog niet opgenomen; op het Overzicht staat hoe "
                     "een gegevensbeheerder ze toevoegt."))
    out.add(Text("Elke tabel is hieronder in zijn geheel te bekijken en te downloaden.", screen_only=True))
    if with_documents:
        _documents(out)
    out.add(Heading("Tabellen"))
    for spec in TABLES:
        if spec.publish and gemeente.has(spec.group):
            with out.section():
                out.add(WholeTable(spec.name, spec.title or spec.name, spec.description, documents.whole_table(spec.name)))


def _documents(out: Out) -> None:
    """The source documents, the notes on them, and the police beside them."""
    with out.section():
        docs = documents.source_documents()
        out.add(Table(pd.DataFrame({
            "Document": docs["titel"], "Uitgever": docs["uitgever"], "Periode": docs["verslagperiode"],
            "Wat erin staat": docs["omschrijving"],
        }), title="Brondocumenten"))
    with out.section():
        notes = documents.quality_notes()
        out.add(Table(notes_table(notes), title="Kanttekeningen bij de bronnen",
                      note="Waar een document zichzelf tegenspreekt of onduidelijk is: wat er staat en welke waarde het "
                           "dashboard gebruikt."))
    with out.section():
        police_next_to_documents(out)


def notes_table(notes: pd.DataFrame) -> pd.DataFrame:
    """The notes on the sources as a reader reads them: the topic by its page name, no internal codes."""
    return pd.DataFrame({
        "Onderwerp": notes["onderwerp"].map(config.TOPICS).fillna(notes["onderwerp"]),
        "Wat er staat": notes["omschrijving"],
        "Keuze van het dashboard": notes["keuze"],
        "Bron": notes["bron"] + ", " + notes["vindplaats"],
    })
