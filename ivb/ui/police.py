"""The police sections: the crime page's trend and wijk comparison, and the documents beside the police."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ivb import charts, tables
from ivb.queries import police
from ivb.ui.blocks import chart_block, peiljaar, table
from ivb.ui.filters import Filters
from ivb.ui.text import plain

SOURCE = "Politie, geregistreerde misdrijven per wijk en buurt (CBS-tabel 47018NED, open data, CC BY 4.0)."
NOT_LOADED = ("Er zijn nog geen politiecijfers per wijk ingelezen: de cijfers op deze pagina gelden voor heel Zoetermeer.")
SUPPRESSED = "'Bij benadering' betekent dat een deel geheimgehouden is (kleine aantallen) of dat maanden ontbreken."


def police_section(f: Filters) -> None:
    """Police open data: the chosen wijk's trend (or the city's), and the wijken compared in a peiljaar."""
    if not police.police_loaded():
        st.info(NOT_LOADED, icon=":material/info:")
        return
    if f.wijk:
        chart_block(
            f"Misdrijven in {f.wijk} (politie)", police.police_wijk_trend(f.wijk, *f.years), charts.trend,
            "Geregistreerde misdrijven per jaar in deze wijk: alle misdrijven en de vier High Impact Crimes. " + SUPPRESSED,
            "politie-misdrijven", f.years, wijk=f.wijk,
        )
    else:
        chart_block(
            "Misdrijven in heel Zoetermeer (politie)", police.police_city_trend(*f.years), charts.trend,
            "Geregistreerde misdrijven per jaar in de gemeente: alle misdrijven en de vier High Impact Crimes. " + SUPPRESSED,
            "politie-misdrijven", f.years,
        )
    year = peiljaar(police.police_years(), f)
    if year is not None:
        chart_block(
            f"Alle misdrijven per wijk in {year} (politie)", police.police_wijken_compared(year), charts.bars,
            "Geregistreerde misdrijven per wijk; elke wijkcode telt mee voor de wijk waar hij in de wijkindeling van zijn "
            "bestand bij hoort.",
            "politie-wijken", (year, year), table_of=tables.year_table, per_wijk=True,
        )
    st.caption(plain(SOURCE))


def police_next_to_documents() -> None:
    """On the data page: where documents and police both give a city figure, both and their difference,
    and the wijk and buurt codes that no wijk claims."""
    st.header("Politiecijfers naast de documenten")
    if not police.police_loaded():
        st.caption("Er zijn nog geen politiecijfers ingelezen.")
        return
    st.caption(
        "Waar de kadernota of het jaarverslag en de politie (open data) voor hetzelfde jaar en misdrijf een cijfer "
        "voor heel Zoetermeer geven, staan ze hier naast elkaar. Het dashboard kiest er niet stilzwijgend één."
    )
    compared = police.city_totals_compared()
    table(pd.DataFrame({
        "Jaar": compared["jaar"].astype(str),
        "Misdrijf": compared["misdrijf"],
        "Documenten": compared["documenten"],
        "Politie": compared["politie"],
        "Verschil (politie - documenten)": compared["verschil"],
        tables.APPROXIMATE: compared["onvolledig"].map({True: "ja", False: ""}),
        "Bron documenten": compared["bron"],
    }), "Geen jaar en misdrijf waarvoor beide bronnen een stadscijfer geven.")
    unmapped = police.police_unmapped()
    if not unmapped.empty:
        st.warning(
            f"{len(unmapped)} wijk- of buurtcode(s) horen volgens de wijkcodes in hun wijkindeling bij geen wijk; hun cijfers "
            "zijn bewaard maar tellen voor geen wijk mee.", icon=":material/warning:",
        )
        table(unmapped.rename(columns={"regio_code": "Code", "soort_regio": "Soort", "indeling": "Wijkindeling",
                                       "regels": "Regels"}))
