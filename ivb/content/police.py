"""The police figures per wijk: the crime page's trend and wijk comparison, and the documents beside the police."""

from __future__ import annotations

import functools

import pandas as pd

from ivb import gemeente
from ivb.blocks import Chart, Heading, Notice, Out, Table, Text
from ivb.content import police_wijk
from ivb.content.common import peiljaar
from ivb.markup import plain
from ivb.queries import geo
from ivb.queries import police_counts as police
from ivb.views import charts, rowcharts, tables, wijk_tables

SOURCE = "Politie, geregistreerde misdrijven per wijk en buurt (CBS-tabel 47018NED, open data, CC BY 4.0)."
SUPPRESSED = "'Bij benadering' betekent dat een deel geheimgehouden is (kleine aantallen) of dat maanden ontbreken."


def police_section(out: Out) -> None:
    """Police open data: the chosen wijk's trend with its coverage, its latest figure beside the city and its buurten
    (or the city's trend), and the wijken ranked per 1.000 inwoners in a peiljaar."""
    f = out.filters
    if not police.police_loaded():
        out.add(Notice("Er zijn nog geen politiecijfers per wijk ingelezen: de cijfers op deze pagina gelden voor heel "
                       f"{plain(gemeente.name())}."))
        return
    out.add(Heading("Politiecijfers per wijk en buurt"))
    if f.wijk:
        police_wijk.coverage(out, f.wijk)
        police_wijk.latest_beside_city(out, f.wijk)
        trend = police.police_wijk_trend(f.wijk, *f.years)
        if trend["jaar"].nunique() > 1:  # a series; one year is said above and shown per buurt below
            out.add(Chart(
                f"Misdrijven in {plain(f.wijk)} (politie)", trend, charts.trend,
                "Geregistreerde misdrijven per jaar in deze wijk: alle misdrijven en de vier High Impact Crimes. Een "
                "jaar zonder wijkregel in het bestand is de som van de buurten van de wijk (zie de tabel). " + SUPPRESSED,
                "politie-misdrijven", wijk=f.wijk,
            ))
    else:
        city = police.police_city_trend(*f.years)
        if city.empty:  # files of wijken or buurten only: the city's own figures are not among them
            out.add(Text(f"De ingelezen politiebestanden geven in de gekozen jaren geen cijfer voor heel {plain(gemeente.name())}, "
                         "alleen per wijk of buurt (hieronder). Het stadscijfer per soort misdrijf staat hierboven."))
        else:
            out.add(Chart(
                f"Misdrijven in heel {plain(gemeente.name())} (politie)", city, charts.trend,
                "Geregistreerde misdrijven per jaar in de gemeente: alle misdrijven en de vier High Impact Crimes. "
                + SUPPRESSED, "politie-misdrijven",
            ))
    police_wijk.months(out, f.wijk)
    year = peiljaar(out, police.police_years())
    if year is not None:
        if f.wijk:
            police_wijk.buurten(out, f.wijk, year)
        ranked = ranking(geo.police_rates(year))
        out.add(Chart(
            f"Alle misdrijven per 1.000 inwoners per wijk in {year} (politie)", ranked, rowcharts.bars,
            "Geregistreerde misdrijven per 1.000 inwoners, de wijk met de meeste bovenaan; elke wijkcode telt voor de "
            "wijk waar hij in de wijkindeling van zijn bestand bij hoort, een wijk zonder wijkregel als som van zijn "
            f"buurten. {wijk_tables.SMALL_NOTE} {wijk_tables.FEW_PEOPLE_NOTE}",
            "politie-wijken", table_of=functools.partial(_rates_table, year),
            per_wijk=True,
        ))
    out.add(Text(plain(SOURCE), "caption"))


def _rates_table(year: int, _data: pd.DataFrame) -> pd.DataFrame:
    """The table under the ranking of the wijken (a function of the module: a kept page is pickled, ivb.ui.tape)."""
    return wijk_tables.rates_table(geo.police_rates(year), gemeente.name(), "Misdrijven")


def ranking(rates: pd.DataFrame) -> pd.DataFrame:
    """The wijken of a rates frame as values for a bar chart: per 1.000 inwoners, highest first; a wijk without a
    rate (too few cases, or no inhabitants) last, without a bar."""
    wijken = rates[rates["wijk"] != gemeente.name()].sort_values("per_1000", ascending=False, na_position="last")
    return pd.DataFrame({
        "indicator_id": wijken["wijk"], "label": wijken["wijk"], "eenheid": "per_1000_wijk", "jaar": wijken["jaar"],
        "categorie": "", "type": "realisatie", "waarde": wijken["per_1000"], "afgeleid": False,
        "benaderd": wijken["benaderd"].astype(bool), "bron": police.SOURCE,
        "vindplaats": "CBS-tabel 47018NED of 47022NED; inwoners: CBS (zie de tabel)",
    })


def police_next_to_documents(out: Out) -> None:
    """On the data page: where documents and police both give a city figure, both and their difference,
    and the wijk and buurt codes that no wijk claims."""
    out.add(Heading("Politiecijfers naast de documenten"))
    if not police.police_loaded():
        out.add(Text("Er zijn nog geen politiecijfers per wijk ingelezen.", "caption"))
        return
    out.add(Text(
        "Waar de kadernota of het jaarverslag en de politie (open data) voor hetzelfde jaar en misdrijf een cijfer "
        f"voor heel {plain(gemeente.name())} geven, staan ze hier naast elkaar. Het dashboard kiest er niet stilzwijgend één.", "caption"))
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
