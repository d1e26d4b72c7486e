"""The Wijkprofiel's sections: the wijk map (a click chooses the wijk), and everything the dashboard knows
about the chosen wijk beside the city: kerncijfers, woonoverlast per 1.000, cameras, police figures."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from ivb import config, formatting, wijk_map, wijk_tables
from ivb.queries import documents, geo, police
from ivb.ui.blocks import chart_spec, downloads, source, table
from ivb.ui.filters import Filters, check_link, choose_wijk, wijk_names
from ivb.ui.text import plain

CITY = config.GEMEENTE
MAP_KEY = "wijkkaart"
INDICATOR_KEY = "kaartcijfer"
APPROXIMATE = ("'ca.': het inwonertal is van de wijk met die naam in de wijkindeling 2014-2024; tabel 5.1 volgt de "
               "indeling 2025, waarin de grenzen iets anders lopen (vooral door bedrijventerrein en groen, waar weinig "
               "mensen wonen).")


def _on_map_click(key: str) -> None:
    """A click on the map chooses that wijk in the shared filter (and so in the URL)."""
    state = st.session_state.get(key)
    picked = (state or {}).get("selection", {}).get(wijk_map.SELECTION) or []
    wijk = picked[0].get("wijk") if picked else None
    if wijk in wijk_names():
        choose_wijk(wijk)


def _figures(kind: str, year: int) -> tuple[pd.DataFrame, pd.DataFrame, str, str]:
    """(figures per wijk, shapes, value column, indeling) of one map indicator."""
    if kind == "inwoners":  # the wijken of the boundaries (and the city): a buurt standing in for a wijk of 2025 is not one
        shapes = geo.boundaries("2014-2024")
        people = geo.population_table(year)
        return people[people["code"].isin(shapes["code"]) | (people["wijk"] == CITY)], shapes, "inwoners", "2014-2024"
    rates = geo.woonoverlast_rates(year) if kind == "woonoverlast" else geo.police_rates(year)
    indeling = config.WOONOVERLAST_INDELING if kind == "woonoverlast" else geo.police_indeling(year)
    return rates, geo.boundaries(indeling), "per_1000", indeling


def map_section(f: Filters) -> None:
    """The map coloured by the chosen figure, the table with the same numbers beside it, and the download."""
    options = geo.map_indicators()
    if not options:
        st.info("Er zijn geen cijfers per wijk om op de kaart te tonen.")
        return
    st.header("Kaart van de wijken")
    check_link(INDICATOR_KEY, list(options), "kaartkeuze", f"'{next(iter(options))}'")
    title = st.selectbox("Kleur de kaart naar", list(options), key=INDICATOR_KEY, bind="query-params")
    kind, year = options[title]
    figures, shapes, column, indeling = _figures(kind, year)
    people = kind == "inwoners"
    as_text = (lambda r: formatting.number(r[column])) if people else wijk_tables.rate_text
    areas = wijk_tables.map_areas(shapes, figures[figures["wijk"] != CITY], column, as_text)
    legend = "Inwoners" if people else "Per 1.000 inwoners"
    spec = chart_spec(wijk_map.wijk_map, areas, title=legend, decimals=0 if people else 1, chosen=f.wijk)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        # Keyed by the chosen wijk: a new choice in the filter starts the map without a selection, so a click on
        # the wijk chosen before still counts as a choice.
        key = f"{MAP_KEY}-{f.wijk or ''}"
        st.vega_lite_chart(spec, width="stretch", key=key, on_select=functools.partial(_on_map_click, key),
                           selection_mode=wijk_map.SELECTION,
                           alt=f"Kaart van de wijken van Zoetermeer (wijkindeling {indeling}), gekleurd naar {title}. "
                               "Dezelfde cijfers staan in de tabel ernaast.")
        st.caption(f"Klik op een wijk om die te kiezen; met het toetsenbord kiest u een wijk in het filter 'Wijk'. Grijs: geen "
                   f"cijfer. Grenzen: CBS-wijkindeling {indeling}, sterk vereenvoudigd (een overzicht, geen perceelgrenzen).")
    with right:
        table(wijk_tables.population_map_table(figures, CITY) if people else
              wijk_tables.rates_table(figures, CITY, "Aantal", classes=True))
        if not people:
            st.caption(plain(wijk_tables.SMALL_NOTE + (" " + APPROXIMATE if figures["benaderd"].any() else "")))
    if "bron" in figures.columns:
        source("; ".join(dict.fromkeys(figures["bron"].dropna())) + "; inwoners: CBS, Kerncijfers wijken en buurten (85984NED)")
    downloads(f"kaart-{kind}", wijk_tables.guarded(figures), None, (year, year))


def profile(wijk: str) -> None:
    """Everything known about ``wijk``, beside the whole city."""
    st.header(f"Wijkprofiel {wijk}")
    codes = geo.wijk_codes(wijk)
    parts = [f"wijkindeling {ind}: " + ", ".join(f"{n} ({c})" for n, c in zip(g["cbs_naam"], g["code"]))
             for ind, g in codes.groupby("indeling", sort=False)]
    if parts:
        st.markdown(plain(f"CBS-wijken achter {wijk}: " + "; ".join(parts) + "."))
    _kerncijfers(wijk)
    _woonoverlast(wijk)
    _cameras(wijk)
    _police(wijk)


def _kerncijfers(wijk: str) -> None:
    st.subheader("Kerncijfers")
    people = geo.inhabitants(wijk)
    if people[people["wijk"] == wijk].empty:
        st.info(f"CBS geeft geen inwonertal voor {wijk}.")
        return
    latest = people[(people["wijk"] == wijk)].iloc[0]
    city = people[(people["wijk"] == CITY) & (people["jaar"] == latest["jaar"])]
    st.markdown(f"Op 1 januari {latest['jaar']}:")
    tiles = st.columns(4)
    for column, (field, label) in zip(tiles, wijk_tables.KERNCIJFERS):
        here = latest[field]
        there = city[field].iloc[0] if not city.empty else None
        column.metric(wijk_tables.SHORT_LABELS[field], formatting.number(here), border=True,
                      help=f"{label}. Heel {CITY}: {formatting.number(there)}")
    table(wijk_tables.profile_table(people, wijk, CITY))
    notes = [t for t in people.loc[people["wijk"] == wijk, "toelichting"] if t and not t.startswith("officieel")]
    if notes:
        st.caption(plain("; ".join(dict.fromkeys(notes)).capitalize() + "."))
    source("; ".join(dict.fromkeys(people["bron"])))


def _woonoverlast(wijk: str) -> None:
    st.subheader("Woonoverlast per 1.000 inwoners")
    years = documents.woonoverlast_years()
    rows = [geo.woonoverlast_rates(y) for y in years]
    rates = pd.concat(rows) if rows else pd.DataFrame()
    here = rates[rates["wijk"] == wijk] if not rates.empty else rates
    if here.empty:
        st.info(f"Tabel 5.1 van het jaarverslag geeft geen woonoverlast voor {wijk}.")
        return
    for row in here.itertuples(index=False):
        city = rates[(rates["wijk"] == CITY) & (rates["jaar"] == row.jaar)].iloc[0]
        count = wijk_tables.count_text(row.aantal, row.klein)
        sentence = f"In {row.jaar} had {wijk} {count} concrete casussen woonoverlast"
        if row.klein:
            sentence += "; " + wijk_tables.SMALL_NOTE
        elif pd.isna(row.per_1000):
            sentence += f"; voor {row.jaar} is er geen inwonertal, dus geen cijfer per 1.000 inwoners."
        else:
            sentence += (f": {wijk_tables.rate_text(row)} per 1.000 inwoners, tegen {wijk_tables.rate_text(city)} in heel "
                         f"{CITY}.")
        st.markdown(plain(sentence))
    if here["benaderd"].any():
        st.caption(plain(APPROXIMATE))
    table(wijk_tables.rates_table(rates[rates["wijk"].isin([wijk, CITY])], CITY, "Casussen"))


def _cameras(wijk: str) -> None:
    st.subheader("Cameratoezicht in de wijk")
    shown = wijk_tables.cameras_table(geo.cameras_in(wijk), wijk, geo.tabel_wijken(wijk))
    if shown.empty:
        st.markdown(plain(f"Er is geen locatie van vast cameratoezicht bekend in {wijk}."))
        return
    table(shown)
    if shown["Waarom in deze wijk"].str.startswith("alleen").any():
        st.caption("De coördinaten zijn geschat (de bron noemt geen adressen) en de grenzen vereenvoudigd: een locatie "
                   "die alleen met haar geschatte punt in deze wijk valt, kan er in werkelijkheid net buiten liggen.")


def _police(wijk: str) -> None:
    st.subheader("Misdrijven (politie)")
    if not police.police_loaded():
        st.markdown("Er zijn nog geen politiecijfers per wijk ingelezen.")
        return
    rates = pd.concat([geo.police_rates(y) for y in police.police_years()], ignore_index=True)
    if rates[rates["wijk"] == wijk].empty:
        st.markdown(plain(f"De ingelezen politiecijfers hebben geen wijk {wijk}: ze volgen een wijkindeling waarin deze wijk "
                          "niet bestaat (zie de kaart en de wijkenlijst)."))
        return
    table(wijk_tables.rates_table(rates[rates["wijk"].isin([wijk, CITY])], CITY, "Alle misdrijven"))
    years = " en ".join(str(y) for y in geo.population_years())
    st.caption(plain(wijk_tables.SMALL_NOTE + " Een cijfer per 1.000 inwoners alleen voor jaren met een inwonertal "
                     f"(1 januari {years}); 'ca.' ook waar een deel geheimgehouden is of maanden ontbreken. De High "
                     "Impact Crimes per wijk staan op de pagina Criminaliteit."))
    downloads("wijk-misdrijven", wijk_tables.guarded(rates[rates["wijk"].isin([wijk, CITY])]), wijk, (None, None))
