"""Criminaliteit: the police's open data per offence and per wijk, and the city figures of the documents
against the begroting."""

from __future__ import annotations

from ivb import gemeente
from ivb.blocks import Chart, Heading, Out
from ivb.content.common import city_only_notice, figures, quality_notes
from ivb.content.police import police_section
from ivb.content.public import public_section
from ivb.markup import plain
from ivb.queries import documents
from ivb.views import charts


def content(out: Out) -> None:
    f = out.filters
    with out.section():
        public_section(out)
    if gemeente.current().wijken:
        with out.section():
            police_section(out)
    if not gemeente.current().documents:
        return  # the start page says how a steward adds them (content.common.documents_notice)

    out.add(Heading(f"Heel {plain(gemeente.name())}: kadernota en jaarverslag"))
    city_only_notice(out)
    with out.section():
        out.add(Chart(
            "Misdrijfaangiften en High Impact Crimes", documents.visual_values("misdrijven", *f.years), charts.trend,
            "Aangiften van alle misdrijven en van de High Impact Crimes, uit tabel 2.1 van de kadernota. De High Impact "
            "Crimes zijn een deel van alle misdrijven.",
            "misdrijven",
        ))
        out.add(Chart(
            "High Impact Crimes per soort", documents.visual_values("hic_soorten", *f.years, realisatie_only=True), charts.trend,
            "Geweld, woninginbraak, straatroof en overvallen; de woninginbraken ook uit het jaarverslag.",
            "high-impact-crimes",
        ))
        out.add(Chart(
            "Woninginbraken tegen de begroting", documents.indicator_values("woninginbraken", *f.years), charts.trend,
            "Effectindicator van doelstelling 5.1: lager is beter. De jaarverslagcijfers zijn een schatting op basis van "
            "politiecijfers.",
            "woninginbraken",
        ))
        figures(out, "Digitale criminaliteit", "digitale_criminaliteit", "digitale-criminaliteit",
                note="Het jaarverslag noemt alleen een procentuele verandering, zonder aantal en zonder het jaar "
                     "waartegen die is gemeten.")
        quality_notes(out, "criminaliteit")

