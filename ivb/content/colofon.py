"""Colofon: who publishes the dashboard, its sources with links to the public documents and tables, the
licence of the open data with its attribution, and when the data were last updated (from the build)."""

from __future__ import annotations

import re

from ivb import gemeente
from ivb.blocks import Bullets, Heading, Out, Text
from ivb.gemeente import DOCUMENTS
from ivb.markup import plain
from ivb.queries import documents, provenance
from ivb.queries.core import build_info
from ivb.views.cite import updated

CC_BY = "https://creativecommons.org/licenses/by/4.0/deed.nl"
_CBS_TABLE = re.compile(r"^\d{5}(NED|ned)$")


def cbs_link(table: str) -> str | None:
    """The public page of a CBS table (StatLine's 'cijfers' page), for a table code such as 47018NED."""
    return f"https://www.cbs.nl/nl-nl/cijfers/detail/{table}" if _CBS_TABLE.match(table) else None


def _link(title: str, url: str | None) -> str:
    return f"[{plain(title)}]({url})" if url else plain(title)


def content(out: Out) -> None:
    with_documents = gemeente.has(DOCUMENTS)
    out.add(Heading("Over dit dashboard"))
    out.add(Text(
        f"Het IVB-dashboard toont de indicatoren van het Integraal Veiligheidsbeleid van de gemeente {gemeente.name()}: "
        + ("de doelen, de begroting en de realisatie uit de beleidsdocumenten, aangevuld met de open data van politie en "
           "CBS. " if with_documents else "de open data van politie en CBS; de beleidsdocumenten van de gemeente zijn nog "
           "niet opgenomen. ")
        + f"Uitgever: gemeente {gemeente.name()}. Het dashboard is opensourcesoftware onder de licentie EUPL-1.2."
    ))
    info = build_info()
    out.add(Text(f"**Laatst bijgewerkt:** {updated()} (gegevensversie {plain(info.get('versie', 'onbekend'))})."))

    if with_documents:
        with out.section():
            out.add(Heading("Brondocumenten"))
            docs = documents.source_documents()
            out.add(Bullets(tuple(
                f"{_link(row.titel, row.url)}: {plain(row.uitgever)}, {plain(row.verslagperiode)}. {plain(row.omschrijving)}"
                for row in docs.itertuples()
            )))
            out.add(Text("De teksten zijn uit de PDF's overgenomen; elk cijfer noemt op het dashboard zijn vindplaats "
                         "(tabel, paragraaf of doelstelling).", "caption"))

    with out.section():
        out.add(Heading("Open data"))
        tables = provenance.open_data_sources().drop_duplicates("tabel")
        out.add(Bullets(tuple(
            f"{_link(f'{row.titel} (CBS-tabel {row.tabel})' if cbs_link(row.tabel) else row.titel, cbs_link(row.tabel))}: "
            f"{plain(row.uitgever)}, {plain(row.licentie)}. {plain(row.toelichting)}".rstrip(" .") + "."
            for row in tables.itertuples()
        )))
        attributions = " ".join(dict.fromkeys(provenance.open_data_sources()["bronvermelding"]))
        out.add(Heading("Licentie en bronvermelding", 3))
        out.add(Text(
            f"De open data van CBS en politie vallen onder de licentie [CC BY 4.0]({CC_BY}): hergebruik mag, met "
            f"bronvermelding. Het dashboard vermeldt de bron bij elke grafiek, tabel en download. {plain(attributions)}"
        ))

    out.add(Heading("Hoe de cijfers tot stand komen"))
    out.add(Text(
        "Er is niets geschat of geïnterpoleerd: een jaar zonder cijfer blijft leeg. Cijfers die het dashboard uit een "
        "document afleidt, staan als 'afgeleid' gemarkeerd, benaderde getallen als 'bij benadering' en de laatste jaren van "
        "de politie als 'voorlopig'. Waar een document zichzelf tegenspreekt, staat dat met de gemaakte keuze op de pagina "
        "Data en bronnen; daar staat ook elke tabel in zijn geheel."
    ))
