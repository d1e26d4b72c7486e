"""Overzicht: a tile per effect indicator against its begroting, the current speerpunten and headline trends."""

import streamlit as st

from ivb import charts, indicators, ui
from ivb.queries import documents

f = ui.page(__file__)
with ui.data_section():
    titles = " of ".join(ui.plain(t) for t in documents.source_documents()["titel"])
    st.write(
        f"Hoe staat Zoetermeer ervoor op de doelen van het veiligheidsbeleid? De doelen, de begroting en de realisatie komen "
        f"uit {titles}, met de vindplaats erbij. {ui.open_data_sentence()} Ontbrekende jaren blijven leeg; zie "
        "Criminaliteit en Data en bronnen."
    )
ui.city_only_notice(f)

with ui.data_section():
    st.header("Effectindicatoren tegen de begroting")
    verdicts = indicators.latest_verdicts(documents.effect_indicators())
    ui.verdict_tiles(verdicts, notes=ui.tile_notes(verdicts))
    st.caption("Doel gehaald volgt uit de richting van de indicator: bij woninginbraken is lager beter, bij rapportcijfers hoger.")

with ui.data_section():
    points = documents.latest_speerpunten()
    if not points.empty:
        st.header(f"Speerpunten {ui.plain(points['periode'].iloc[0])}")
        st.markdown("\n".join(f"{p.nummer}. {ui.plain(p.naam)}" for p in points.itertuples()))

with ui.data_section():
    ui.chart_block(
        "Woninginbraken", documents.indicator_values("woninginbraken", *f.years), charts.trend,
        "Aantal woninginbraken per jaar tegen de begroting; jaren zonder cijfer in de bronnen blijven leeg.",
        "woninginbraken", f.years,
    )
    ui.chart_block(
        "Rapportcijfers voor veiligheid", documents.visual_values("rapportcijfers", *f.years), charts.trend,
        "Gemiddeld rapportcijfer van inwoners voor de veiligheid in de stad en in de buurt, tegen de begroting.",
        "rapportcijfers", f.years,
    )
