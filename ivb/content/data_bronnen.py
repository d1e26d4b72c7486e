"""Data en bronnen: the source documents, the notes on the sources, police beside documents, and every
published table whole with its downloads."""

from __future__ import annotations

import pandas as pd

from ivb import config
from ivb.blocks import Heading, Out, Table, Text, WholeTable
from ivb.content.police import police_next_to_documents
from ivb.queries import documents
from ivb.sources.schema import TABLES


def content(out: Out) -> None:
    out.add(Text(
        "Alle cijfers van dit dashboard staan in tabellen die zijn overgenomen uit twee gemeentelijke documenten en uit de "
        "open data van politie en CBS (CC BY 4.0; bron: CBS en Politie). Bij elk cijfer staan de bron en de vindplaats; "
        "afgeleide, benaderde en voorlopige cijfers zijn gemarkeerd."
    ))
    out.add(Text("Elke tabel is hieronder in zijn geheel te bekijken en te downloaden.", screen_only=True))
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

    out.add(Heading("Tabellen"))
    for spec in TABLES:
        if spec.publish:
            with out.section():
                out.add(WholeTable(spec.name, spec.title or spec.name, spec.description, documents.whole_table(spec.name)))


def notes_table(notes: pd.DataFrame) -> pd.DataFrame:
    """The notes on the sources as a reader reads them: the topic by its page name, no internal codes."""
    return pd.DataFrame({
        "Onderwerp": notes["onderwerp"].map(config.TOPICS).fillna(notes["onderwerp"]),
        "Wat er staat": notes["omschrijving"],
        "Keuze van het dashboard": notes["keuze"],
        "Bron": notes["bron"] + ", " + notes["vindplaats"],
    })
