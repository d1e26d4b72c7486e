"""The police figures per wijk: the crime page's trend and wijk comparison, and the documents beside the police."""

from __future__ import annotations

import pandas as pd

from ivb import charts, tables
from ivb.content.blocks import Chart, Heading, Notice, Out, Table, Text
from ivb.content.common import peiljaar
from ivb.markup import plain
from ivb.queries import police
from ivb.views import rowcharts

SOURCE = "Politie, geregistreerde misdrijven per wijk en buurt (CBS-tabel 47018NED, open data, CC BY 4.0)."
NOT_LOADED = "Er zijn nog geen politiecijfers per wijk ingelezen: de cijfers op deze pagina gelden voor heel Zoetermeer."
SUPPRESSED = "'Bij benadering' betekent dat een deel geheimgehouden is (kleine aantallen) of dat maanden ontbreken."


def police_section(out: Out) -> None:
    """Police open data: the chosen wijk's trend (or the city's), and the wijken compared in a peiljaar."""
    f = out.filters
    if not police.police_loaded():
        out.add(Notice(NOT_LOADED))
        return
    if f.wijk:
        out.add(Chart(
            f"Misdrijven in {plain(f.wijk)} (politie)", police.police_wijk_trend(f.wijk, *f.years), charts.trend,
            "Geregistreerde misdrijven per jaar in deze wijk: alle misdrijven en de vier High Impact Crimes. " + SUPPRESSED,
            "politie-misdrijven", wijk=f.wijk,
        ))
    else:
        out.add(Chart(
            "Misdrijven in heel Zoetermeer (politie)", police.police_city_trend(*f.years), charts.trend,
            "Geregistreerde misdrijven per jaar in de gemeente: alle misdrijven en de vier High Impact Crimes. " + SUPPRESSED,
            "politie-misdrijven",
        ))
    year = peiljaar(out, police.police_years())
    if year is not None:
        out.add(Chart(
            f"Alle misdrijven per wijk in {year} (politie)", police.police_wijken_compared(year), rowcharts.bars,
            "Geregistreerde misdrijven per wijk; elke wijkcode telt mee voor de wijk waar hij in de wijkindeling van zijn "
            "bestand bij hoort.",
            "politie-wijken", table_of=tables.year_table, per_wijk=True,
        ))
    out.add(Text(plain(SOURCE), "caption"))


def police_next_to_documents(out: Out) -> None:
    """On the data page: where documents and police both give a city figure, both and their difference,
    and the wijk and buurt codes that no wijk claims."""
    out.add(Heading("Politiecijfers naast de documenten"))
    if not police.police_loaded():
        out.add(Text("Er zijn nog geen politiecijfers per wijk ingelezen.", "caption"))
        return
    out.add(Text(
        "Waar de kadernota of het jaarverslag en de politie (open data) voor hetzelfde jaar en misdrijf een cijfer "
        "voor heel Zoetermeer geven, staan ze hier naast elkaar. Het dashboard kiest er niet stilzwijgend één.", "caption"))
    compared = police.city_totals_compared()
    out.add(Table(pd.DataFrame({
        "Jaar": compared["jaar"].astype(str),
        "Misdrijf": compared["misdrijf"],
        "Documenten": compared["documenten"],
        "Politie": compared["politie"],
        "Verschil (politie - documenten)": compared["verschil"],
        tables.APPROXIMATE: compared["onvolledig"].map({True: "ja", False: ""}),
        "Bron documenten": compared["bron"],
    }), empty="Geen jaar en misdrijf waarvoor beide bronnen een stadscijfer geven."))
    unmapped = police.police_unmapped()
    if not unmapped.empty:
        out.add(Notice(
            f"{len(unmapped)} wijk- of buurtcode(s) horen volgens de wijkcodes in hun wijkindeling bij geen wijk; hun "
            "cijfers zijn bewaard maar tellen voor geen wijk mee.", "warning"))
        out.add(Table(unmapped.rename(columns={"regio_code": "Code", "soort_regio": "Soort", "indeling": "Wijkindeling",
                                               "regels": "Regels"})))
