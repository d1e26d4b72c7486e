"""Overzicht: a tile per effect indicator against its begroting, the current speerpunten and headline trends."""

from __future__ import annotations

from ivb import gemeente, indicators
from ivb.blocks import Bullets, Chart, Heading, Out, Text, Verdicts
from ivb.content.common import city_only_notice, documents_notice
from ivb.content.public import headline_offence, open_data_sentence, tile_notes
from ivb.markup import plain
from ivb.queries import documents
from ivb.views import charts


def content(out: Out) -> None:
    if not gemeente.current().documents:
        open_data_only(out)
        return
    f = out.filters
    with out.section():
        titles = " of ".join(plain(t) for t in documents.source_documents()["titel"])
        out.add(Text(
            f"Hoe staat {plain(gemeente.name())} ervoor op de doelen van het veiligheidsbeleid? De doelen, de begroting en de realisatie "
            f"komen uit {titles}, met de vindplaats erbij. {open_data_sentence()} Ontbrekende jaren blijven leeg; zie "
            "Criminaliteit en Data en bronnen."
        ))
    city_only_notice(out)

    with out.section():
        out.add(Heading("Effectindicatoren tegen de begroting"))
        verdicts = indicators.latest_verdicts(documents.effect_indicators())
        out.add(Verdicts(verdicts, tile_notes(verdicts)))
        out.add(Text("Doel gehaald volgt uit de richting van de indicator: bij woninginbraken is lager beter, bij "
                     "rapportcijfers hoger. 'Niet vast te stellen' staat er als een cijfer ontbreekt, voorlopig is, of "
                     "niet scherp genoeg is om te zeggen aan welke kant van de begroting het ligt; de reden staat bij "
                     "elk oordeel.", "caption"))

    with out.section():
        points = documents.latest_speerpunten()
        if not points.empty:
            out.add(Heading(f"Speerpunten {plain(points['periode'].iloc[0])}"))
            out.add(Bullets(tuple(plain(name) for name in points["naam"]), numbers=tuple(int(n) for n in points["nummer"])))

    with out.section():
        out.add(Chart(
            "Woninginbraken", documents.indicator_values("woninginbraken", *f.years), charts.trend,
            "Aantal woninginbraken per jaar tegen de begroting; jaren zonder cijfer in de bronnen blijven leeg.",
            "woninginbraken",
        ))
        out.add(Chart(
            "Rapportcijfers voor veiligheid", documents.visual_values("rapportcijfers", *f.years), charts.trend,
            "Gemiddeld rapportcijfer van inwoners voor de veiligheid in de stad en in de buurt, tegen de begroting.",
            "rapportcijfers",
        ))


def open_data_only(out: Out) -> None:
    """The start page of a gemeente whose documents are not curated: what the open data say, and how to add them."""
    with out.section():
        out.add(Text(f"Hoe veilig is {plain(gemeente.name())}? {open_data_sentence()} Ontbrekende jaren blijven leeg; "
                     "zie Criminaliteit voor elke soort misdrijf en Data en bronnen voor de herkomst."))
        documents_notice(out)
    with out.section():
        headline_offence(out)
