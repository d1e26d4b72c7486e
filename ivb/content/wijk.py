"""The Wijkprofiel's sections: the wijk map (a click chooses the wijk), and everything the dashboard knows
about the chosen wijk beside the city: kerncijfers, woonoverlast per 1.000, cameras, police figures."""

from __future__ import annotations

import pandas as pd

from ivb import formatting, gemeente
from ivb.blocks import Choice, Download, Heading, Metric, Metrics, Notice, Out, Table, Text, WijkMap
from ivb.content import police_wijk
from ivb.gemeente import DOCUMENTS
from ivb.markup import plain
from ivb.queries import documents, geo, police_areas
from ivb.queries import police_counts as police
from ivb.views import wijk_map, wijk_tables

INDICATOR_KEY = "kaartcijfer"


def approximate(rates: pd.DataFrame, indeling: str) -> str:
    """Why rates of figures in ``indeling`` are marked 'ca.' ("" when none is): inhabitants of a namesake in another
    indeling, a population summed from rounded buurten, or a count with suppressed parts or missing months."""
    marked = rates[rates["benaderd"].fillna(False).astype(bool)].reindex(
        columns=["indeling_inwoners", "inwoners_afgeleid", "onvolledig"])  # a frame without figures lacks some
    other = sorted(set(marked["indeling_inwoners"].dropna()) - {indeling, ""})
    why = []
    if other:
        why.append(f"het inwonertal is van de wijk met die naam in de wijkindeling {' en '.join(other)}; de cijfers volgen "
                   f"de indeling {indeling}, waarin de grenzen iets anders lopen")
    if marked["inwoners_afgeleid"].fillna(False).astype(bool).any():
        why.append("het inwonertal is opgeteld uit afgeronde buurtcijfers")
    if marked["onvolledig"].fillna(False).astype(bool).any():
        why.append("een deel van de aantallen is geheimgehouden of er ontbreken maanden")
    return "'ca.': " + "; of ".join(why) + "." if why else ""


def _figures(kind: str, year: int) -> tuple[pd.DataFrame, pd.DataFrame, str, str]:
    """(figures per wijk, shapes, value column, indeling) of one map indicator."""
    if kind == "inwoners":  # the wijken of the boundaries (and the city): a buurt standing in for a wijk is not one
        indeling = geo.population_indeling(year)
        shapes = geo.boundaries(indeling)
        people = geo.population_table(year)
        return people[people["code"].isin(shapes["code"]) | (people["wijk"] == gemeente.name())], shapes, "inwoners", indeling
    rates = geo.woonoverlast_rates(year) if kind == "woonoverlast" else geo.police_rates(year)
    indeling = geo.newest_indeling() if kind == "woonoverlast" else geo.police_indeling(year)
    return rates, geo.boundaries(indeling), "per_1000", indeling


_COUNTS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf")


def filter_help() -> str:
    """The help of the wijk filter: the order of its list, said from the gemeente's own wijkcodes."""
    order = geo.wijk_list_order()
    reported, newest = order["gerapporteerd"], order["nieuwste"]
    if reported:
        count = _COUNTS[len(reported)] if len(reported) < len(_COUNTS) else formatting.number(len(reported))
        made_of = "".join(f"; {wijk} is {formatting.listing(parts)}" for wijk, parts in order["delen"].items() if len(parts) > 1)
        said = f"Eerst de {count} wijken van het jaarverslag (wijkindeling {newest}{made_of})"
        said += ", dan de andere wijken" if order["anderen"] else ""
    else:
        said = f"De wijken van de CBS-wijkindeling {newest}"
    if order["ouder"]:
        said += (f", dan de wijken die alleen in de indeling {formatting.listing(order['eerdere'])} bestaan, zoals "
                 f"{order['ouder'][0]}")
    return said + ". Alleen wijken met cijfers staan in de lijst."


def map_section(out: Out) -> None:
    """The map coloured by the chosen figure, the table with the same numbers beside it, and the download."""
    f = out.filters
    options = geo.map_indicators()
    if not options:
        out.add(Notice("Er zijn geen cijfers per wijk om op de kaart te tonen."))
        return
    out.add(Heading("Kaart van de wijken"))
    titles = tuple(options)
    title = out.choose(Choice(INDICATOR_KEY, "Kleur de kaart naar", titles, titles[0], "de kaartkeuze"))
    kind, year = options[title]
    figures, shapes, column, indeling = _figures(kind, year)
    people = kind == "inwoners"
    as_text = (lambda r: formatting.number(r[column])) if people else wijk_tables.rate_text
    areas = wijk_tables.map_areas(shapes, figures[figures["wijk"] != gemeente.name()], column, as_text)
    legend = "Inwoners" if people else "Per 1.000 inwoners"
    spec = wijk_map.wijk_map(areas, title=legend, decimals=0 if people else 1, chosen=f.wijk)
    source = ("; ".join(dict.fromkeys(figures["bron"].dropna())) + "; " if "bron" in figures.columns else "")
    out.add(WijkMap(
        title=title, spec=spec,
        alt=f"Kaart van de wijken van {gemeente.name()} (wijkindeling {indeling}), gekleurd naar {title}. Dezelfde cijfers "
            "staan in de tabel ernaast.",
        table=(wijk_tables.population_map_table(figures, gemeente.name()) if people else
               wijk_tables.rates_table(figures, gemeente.name(), "Aantal", classes=True)),
        caption=(f"Klik op een wijk om die te kiezen; met het toetsenbord kiest u een wijk in het filter 'Wijk'. Grijs: geen "
                 f"cijfer. Grenzen: CBS-wijkindeling {indeling}, sterk vereenvoudigd (een overzicht, geen perceelgrenzen)."),
        note="" if people else plain(" ".join(filter(None, [
            wijk_tables.SMALL_NOTE,
            wijk_tables.FEW_PEOPLE_NOTE if figures.get("weinig_inwoners", pd.Series(dtype=bool)).fillna(False).any() else "",
            approximate(figures, indeling)]))),
        source=source + "inwoners: CBS, Kerncijfers wijken en buurten (85984NED)",
        download=Download(f"kaart-{kind}", wijk_tables.guarded(figures)),
    ))


def profile(out: Out, wijk: str) -> None:
    """Everything known about ``wijk``, beside the whole city."""
    out.add(Heading(f"Wijkprofiel {plain(wijk)}"))
    codes = geo.wijk_codes(wijk)
    parts = [f"wijkindeling {ind}: " + ", ".join(f"{n} ({c})" for n, c in zip(g["cbs_naam"], g["code"]))
             for ind, g in codes.groupby("indeling", sort=False)]
    if parts:
        out.add(Text(plain(f"CBS-wijken achter {wijk}: " + "; ".join(parts) + ".")))
    _kerncijfers(out, wijk)
    if gemeente.has(DOCUMENTS):  # woonoverlast and cameras come from the gemeente's own documents
        _woonoverlast(out, wijk)
        _cameras(out, wijk)
    _police(out, wijk)


def _kerncijfers(out: Out, wijk: str) -> None:
    out.add(Heading("Kerncijfers", 3))
    people = geo.inhabitants(wijk)
    if people[people["wijk"] == wijk].empty:
        out.add(Notice(f"CBS geeft geen inwonertal voor {plain(wijk)}."))
        return
    latest = people[(people["wijk"] == wijk)].iloc[0]
    city = people[(people["wijk"] == gemeente.name()) & (people["jaar"] == latest["jaar"])]
    out.add(Text(f"Op 1 januari {latest['jaar']}:"))
    out.add(Metrics(tuple(
        Metric(wijk_tables.SHORT_LABELS[field], formatting.number(latest[field]),
               f"{label}. Heel {gemeente.name()}: {formatting.number(city[field].iloc[0] if not city.empty else None)}")
        for field, label in wijk_tables.KERNCIJFERS
    )))
    notes = [t for t in people.loc[people["wijk"] == wijk, "toelichting"] if t and not t.startswith("officieel")]
    out.add(Table(wijk_tables.profile_table(people, wijk, gemeente.name()), source="; ".join(dict.fromkeys(people["bron"])),
                  note=plain("; ".join(dict.fromkeys(notes)).capitalize() + ".") if notes else None))


def _woonoverlast(out: Out, wijk: str) -> None:
    out.add(Heading("Woonoverlast per 1.000 inwoners", 3))
    rows = [geo.woonoverlast_rates(y) for y in documents.woonoverlast_years()]
    rates = pd.concat(rows) if rows else pd.DataFrame()
    here = rates[rates["wijk"] == wijk] if not rates.empty else rates
    if here.empty:
        out.add(Notice(f"Tabel 5.1 van het jaarverslag geeft geen woonoverlast voor {plain(wijk)}."))
        return
    for row in here.itertuples(index=False):
        city = rates[(rates["wijk"] == gemeente.name()) & (rates["jaar"] == row.jaar)].iloc[0]
        count = wijk_tables.count_text(row.aantal, row.klein)
        sentence = f"In {row.jaar} had {wijk} {count} concrete casussen woonoverlast"
        if row.klein:
            sentence += "; " + wijk_tables.SMALL_NOTE
        elif pd.isna(row.per_1000):
            sentence += f"; voor {row.jaar} is er geen inwonertal, dus geen cijfer per 1.000 inwoners."
        else:
            sentence += (f": {wijk_tables.rate_text(row)} per 1.000 inwoners, tegen {wijk_tables.rate_text(city)} in heel "
                         f"{gemeente.name()}.")
        out.add(Text(plain(sentence)))
    out.add(Table(wijk_tables.rates_table(rates[rates["wijk"].isin([wijk, gemeente.name()])], gemeente.name(), "Casussen"),
                  note=plain(approximate(here, geo.newest_indeling())) or None))


def _cameras(out: Out, wijk: str) -> None:
    out.add(Heading("Cameratoezicht in de wijk", 3))
    shown = wijk_tables.cameras_table(geo.cameras_in(wijk), wijk, geo.tabel_wijken(wijk))
    if shown.empty:
        out.add(Text(plain(f"Er is geen locatie van vast cameratoezicht bekend in {wijk}.")))
        return
    estimated = shown["Waarom in deze wijk"].str.startswith("alleen").any()
    out.add(Table(shown, note=("De coördinaten zijn geschat (de bron noemt geen adressen) en de grenzen vereenvoudigd: een "
                               "locatie die alleen met haar geschatte punt in deze wijk valt, kan er in werkelijkheid net "
                               "buiten liggen.") if estimated else None))


def _police(out: Out, wijk: str) -> None:
    out.add(Heading("Misdrijven (politie)", 3))
    if not police.police_loaded():
        out.add(Text("Er zijn nog geen politiecijfers per wijk ingelezen."))
        return
    police_wijk.coverage(out, wijk)
    police_wijk.latest_beside_city(out, wijk)
    years = police.police_years()
    rates = pd.concat([geo.police_rates(y) for y in years], ignore_index=True)
    shown = rates[rates["wijk"].isin([wijk, gemeente.name()])]
    if not shown[shown["wijk"] == wijk].empty:
        out.add(Table(
            wijk_tables.rates_table(shown, gemeente.name(), "Alle misdrijven"),
            note=plain(wijk_tables.SMALL_NOTE + " Een cijfer per 1.000 inwoners alleen waar CBS een inwonertal geeft dat "
                       "bij het jaar past (1 januari van het jaar erna, anders van het jaar zelf); 'ca.' ook waar een deel "
                       "geheimgehouden is of maanden ontbreken. De High Impact Crimes per wijk staan op de pagina "
                       "Criminaliteit."),
            download=Download("wijk-misdrijven", wijk_tables.guarded(shown), wijk),
        ))
    police_wijk.months(out, wijk)
    for year in reversed(years):  # the buurten of the latest year that has them
        if not police_areas.police_buurten(wijk, year).empty:
            police_wijk.buurten(out, wijk, year)
            break
