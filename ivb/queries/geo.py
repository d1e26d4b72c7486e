"""Named queries over the gemeente's geography: the wijken a reader can choose, their CBS codes per
indeling, inhabitants, boundaries, the cameras inside each wijk, and figures per 1.000 inwoners.

A rate per 1.000 of a year's figure uses the inhabitants on 1 January of the next year (the end of that year), else
of that year itself, and only where CBS gives them (2017 and 2024): a figure of 2023 is set against 1 January 2024, one
of 2024 against 1 January 2024; every rate says which count it used (``inwoners_jaar``). A count under
``indicators.SMALL_COUNT`` gets no rate. The wijk populations are of the indeling of CBS's kerncijfers (for the
default gemeente 2014-2024); a rate on a figure of another indeling (its tabel 5.1 follows 2025) is marked
approximate, because the same name covers a slightly different area.
"""

from __future__ import annotations

import json

import pandas as pd

from ivb import gemeente, wijken
from ivb.indicators import MIN_INHABITANTS, SMALL_COUNT
from ivb.queries.core import query, run
from ivb.queries.documents import camera_locations, woonoverlast_years
from ivb.queries.police_counts import police_city_trend, police_loaded, police_wijken_compared, police_years
from ivb.sources import geometry


@query("wijkcodes")
def _codes() -> pd.DataFrame:
    """The gemeente's wijkcodes: indeling, code, soort, cbs_naam, wijk, naam_tabel_5_1 and the row's place in the file."""
    return run("SELECT indeling, code, soort, cbs_naam, wijk, naam_tabel_5_1, file_row_number AS regel FROM wijkcodes "
               "ORDER BY file_row_number")


def indelingen() -> list[str]:
    """The gemeente's wijkindelingen, oldest first (see ivb.wijken)."""
    return wijken.indelingen(_codes())


def newest_indeling() -> str:
    """The gemeente's newest wijkindeling, the one its documents name their wijken in ("" without wijken)."""
    return wijken.newest(indelingen())


def reported_wijken() -> tuple[str, ...]:
    """The wijken the gemeente's documents report on, in their order (ivb.wijken.reported)."""
    return wijken.reported(_codes(), "regel")


@query("wijkcodes", "wijk_inwoners", "woonoverlast", "politie_misdrijven")
def wijk_choices() -> pd.DataFrame:
    """The wijken a reader can choose: those with a figure (woonoverlast, inhabitants or police); the wijken the
    documents report on first, in the gemeente's order (ivb.wijken.reported), then those of the newest indeling,
    then the others, each group by name."""
    sql = """
        SELECT wijk, bool_or(indeling = ?) AS in_nieuwste FROM wijkcodes
        WHERE soort = 'wijk' AND wijk IN (
            SELECT wijk FROM woonoverlast
            UNION SELECT wijk FROM wijk_inwoners WHERE wijk <> ?
            UNION SELECT w.wijk FROM politie_misdrijven p JOIN wijkcodes w ON w.code = p.regio_code AND w.indeling = p.indeling)
        GROUP BY wijk
    """
    found = run(sql, [newest_indeling(), gemeente.name()])
    order = {wijk: n for n, wijk in enumerate(reported_wijken())}
    found["volgorde"] = [order.get(w, len(order)) for w in found["wijk"]]
    ranked = found.sort_values(["volgorde", "in_nieuwste", "wijk"], ascending=[True, False, True])
    return ranked.drop(columns="volgorde").reset_index(drop=True)


@query("wijkcodes", "wijk_inwoners", "woonoverlast", "politie_misdrijven")
def wijk_list_order() -> dict:
    """What the order of the wijk list rests on: the newest indeling, the reported wijken in the list (with the CBS
    wijken of that indeling each is made of), whether other wijken of it follow, and the wijken of only an older one
    (with those older indelingen)."""
    choices, codes, newest = wijk_choices(), _codes(), newest_indeling()
    listed = set(choices["wijk"])
    reported = [w for w in reported_wijken() if w in listed]
    last = codes[(codes["indeling"] == newest) & (codes["soort"] == "wijk")]
    older = choices.loc[~choices["in_nieuwste"].astype(bool), "wijk"].tolist()
    return {"nieuwste": newest, "gerapporteerd": reported,
            "delen": {w: last.loc[last["wijk"] == w, "cbs_naam"].tolist() for w in reported},
            "anderen": len(choices) > len(reported) + len(older), "ouder": older,
            "eerdere": [i for i in indelingen() if i != newest]}


@query("wijkcodes")
def all_wijken() -> dict[str, str]:
    """Every dashboard wijk in wijkcodes, with the indelingen it occurs in ("wijkindeling 2025")."""
    sql = """SELECT wijk, string_agg(DISTINCT indeling, ' en ' ORDER BY indeling) AS indelingen
             FROM wijkcodes WHERE soort = 'wijk' GROUP BY wijk"""
    return {r.wijk: "wijkindeling " + r.indelingen for r in run(sql).itertuples(index=False)}


@query("wijkcodes")
def wijk_codes(wijk: str) -> pd.DataFrame:
    """The CBS wijken behind a dashboard wijk, per indeling: indeling, code, cbs_naam."""
    sql = "SELECT indeling, code, cbs_naam FROM wijkcodes WHERE soort = 'wijk' AND wijk = ? ORDER BY indeling DESC, code"
    return run(sql, [wijk])


@query("wijk_inwoners", "open_data_bronnen")
def inhabitants(wijk: str | None) -> pd.DataFrame:
    """Inhabitants, dwellings, area and density of one wijk and of the whole city, per year (1 January)."""
    sql = """
        SELECT i.jaar, i.wijk, i.indeling, i.code, i.cbs_naam, i.inwoners, i.woningen, i.oppervlakte_land_ha, i.dichtheid,
               i.afgeleid, i.toelichting, b.titel || ' (' || b.tabel || ')' AS bron, i.vindplaats
        FROM wijk_inwoners i JOIN open_data_bronnen b USING (bron_id)
        WHERE i.wijk = ? OR i.wijk = ?
        ORDER BY i.jaar DESC, i.wijk = ? DESC
    """
    return run(sql, [wijk, gemeente.name(), gemeente.name()])


@query("wijkgrenzen", "wijkcodes")
def boundaries(indeling: str) -> pd.DataFrame:
    """The wijk boundaries of one indeling with the dashboard wijk of each: code, cbs_naam, wijk, geometrie."""
    sql = """
        SELECT g.code, g.cbs_naam, w.wijk, g.geometrie
        FROM wijkgrenzen g JOIN wijkcodes w ON w.indeling = g.indeling AND w.code = g.code
        WHERE g.indeling = ? ORDER BY g.code
    """
    return run(sql, [indeling])


@query("camera_locaties", "bronnen", "wijkgrenzen", "wijkcodes")
def cameras_in(wijk: str) -> pd.DataFrame:
    """Every camera location, with ``kaartwijk`` True where its point lies inside the boundaries of ``wijk`` in
    one of the indelingen the wijk has (its own polygons, never those of a namesake in another indeling)."""
    cameras = camera_locations(None).copy()
    shapes = [json.loads(row.geometrie) for indeling in indelingen()
              for row in boundaries(indeling).itertuples(index=False) if row.wijk == wijk]
    cameras["kaartwijk"] = [any(geometry.contains(shape, lon, lat) for shape in shapes)
                            for lon, lat in zip(cameras["lon"], cameras["lat"])]
    return cameras


@query("wijkcodes")
def tabel_wijken(wijk: str) -> list[str]:
    """The wijken as the documents name them (tabel 5.1, the camera sources) that ``wijk`` holds: itself, or for
    a wijk of an older indeling that joins two of them ("Buytenweg + De Leyens") both."""
    codes = _codes()
    known = wijken.spellings(codes)
    names = codes.loc[(codes["soort"] == "wijk") & (codes["wijk"] == wijk), "naam_tabel_5_1"]
    return sorted({part for name in names if name for part in wijken.parts(name, known)}) or [wijk]


def _rates(counts: pd.DataFrame, indeling: str) -> pd.DataFrame:
    """``counts`` (wijk, jaar, aantal, ...) with inwoners, per_1000 and the flags klein and benaderd.

    No rate without a population for that very year, and none for a count under SMALL_COUNT.
    """
    merged = fitting_population(counts, _population_by_year())
    guard(merged)
    # Approximate: inhabitants of a namesake in another indeling, a derived population (a sum of rounded buurten),
    # or a count with suppressed parts or missing months.
    other_area = merged["indeling_inwoners"].notna() & (merged["indeling_inwoners"] != indeling) & (merged["wijk"] != gemeente.name())
    incomplete = merged["onvolledig"].fillna(False).astype(bool) if "onvolledig" in merged else False
    merged["benaderd"] = other_area | merged["inwoners_afgeleid"].fillna(False).astype(bool) | incomplete
    return merged


def guard(merged: pd.DataFrame) -> None:
    """Add ``klein`` (a count under SMALL_COUNT), ``weinig_inwoners`` (under MIN_INHABITANTS) and ``per_1000``, which
    either guard leaves out, to a frame of counts (``aantal``) with their ``inwoners``."""
    merged["klein"] = merged["aantal"].notna() & (merged["aantal"] < SMALL_COUNT)
    merged["weinig_inwoners"] = merged["inwoners"].notna() & (merged["inwoners"] < MIN_INHABITANTS)
    rate = merged["aantal"] / merged["inwoners"] * 1000
    merged["per_1000"] = rate.where(merged["inwoners"].notna() & ~merged["klein"] & ~merged["weinig_inwoners"]
                                    & merged["aantal"].notna())


def fitting_population(counts: pd.DataFrame, people: pd.DataFrame, key: str = "wijk") -> pd.DataFrame:
    """``counts`` (``key``, jaar, ...) with the inhabitants that fit each year: those of 1 January of the next year,
    else of the year itself (``inwoners_jaar`` says which; missing when CBS gives neither)."""
    people = people.rename(columns={"jaar": "inwoners_jaar"})
    later = counts.assign(inwoners_jaar=counts["jaar"] + 1).merge(people, on=[key, "inwoners_jaar"], how="left")
    same = counts.assign(inwoners_jaar=counts["jaar"]).merge(people, on=[key, "inwoners_jaar"], how="left")
    use_later = pd.DataFrame({c: later["inwoners"].notna() for c in later.columns}, index=later.index)
    merged = same.mask(use_later, later)
    merged["inwoners_jaar"] = merged["inwoners_jaar"].where(merged["inwoners"].notna())
    return merged


@query("wijk_inwoners")
def _population_by_year() -> pd.DataFrame:
    sql = """SELECT wijk, jaar, CAST(inwoners AS DOUBLE) AS inwoners, nullif(indeling, '') AS indeling_inwoners,
                    afgeleid AS inwoners_afgeleid FROM wijk_inwoners"""
    return run(sql)


@query("woonoverlast", "wijk_inwoners", "bronnen")
def woonoverlast_rates(jaar: int) -> pd.DataFrame:
    """Woonoverlast cases per wijk and for the city in ``jaar``, with the rate per 1.000 inwoners where it may be given."""
    sql = """
        SELECT wijk, jaar, CAST(sum(aantal) AS DOUBLE) AS aantal, any_value(b.titel) AS bron FROM woonoverlast
        JOIN bronnen b USING (bron_id) WHERE jaar = ? GROUP BY wijk, jaar
        UNION ALL
        SELECT ?, jaar, CAST(sum(aantal) AS DOUBLE), any_value(b.titel) FROM woonoverlast
        JOIN bronnen b USING (bron_id) WHERE jaar = ? GROUP BY jaar
    """
    counts = run(sql, [jaar, gemeente.name(), jaar])
    return _rates(counts, newest_indeling())


@query("politie_misdrijven", "wijkcodes", "wijk_inwoners")
def police_rates(jaar: int) -> pd.DataFrame:
    """All registered crimes per wijk in ``jaar`` (police import), with the rate per 1.000 where it may be given."""
    compared = police_wijken_compared(jaar)
    if compared.empty:
        return pd.DataFrame(columns=["wijk", "jaar", "aantal", "inwoners", "inwoners_jaar", "per_1000", "klein",
                                     "weinig_inwoners", "benaderd", "bron", "buurten", "verschil"])
    city = police_city_trend(jaar, jaar)
    city = city[city["indicator_id"] == "totaal"].assign(label=gemeente.name())
    both = pd.concat([compared, city], ignore_index=True)
    counts = pd.DataFrame({"wijk": both["label"], "jaar": both["jaar"], "aantal": both["waarde"],
                           "onvolledig": both["benaderd"], "bron": both["bron"],
                           "buurten": both["buurten"] if "buurten" in both else pd.NA,
                           "verschil": both["verschil"] if "verschil" in both else pd.NA})
    return _rates(counts, police_indeling(jaar))


@query("politie_misdrijven")
def police_indeling(jaar: int) -> str:
    """The wijkindeling of the police figures per wijk of ``jaar``: the newest one imported for that year, the one
    the police queries count (see ``queries.police._yearly``)."""
    sql = "SELECT max(indeling) AS indeling FROM politie_misdrijven WHERE jaar = ? AND indeling <> '' HAVING count(*) > 0"
    found = run(sql, [jaar])
    return found["indeling"].iloc[0] if not found.empty else newest_indeling()


@query("wijk_inwoners", "open_data_bronnen")
def population_table(jaar: int) -> pd.DataFrame:
    """Inhabitants of every wijk and the city on 1 January of ``jaar``, with their source."""
    sql = """
        SELECT i.wijk, i.jaar, i.code, i.indeling, i.inwoners, i.afgeleid, b.titel || ' (' || b.tabel || ')' AS bron
        FROM wijk_inwoners i JOIN open_data_bronnen b USING (bron_id) WHERE i.jaar = ? ORDER BY i.inwoners DESC
    """
    return run(sql, [jaar])


@query("wijk_inwoners")
def population_indeling(jaar: int) -> str:
    """The wijkindeling of the inhabitants per wijk on 1 January of ``jaar`` (the newest, were there two)."""
    found = run("SELECT max(indeling) AS indeling FROM wijk_inwoners WHERE jaar = ? AND indeling <> ''", [jaar])
    return found["indeling"].iloc[0] or ""


def population_years() -> list[int]:
    """The years (1 January) for which CBS gives inhabitants per wijk, ascending."""
    return sorted(set(_population_by_year()["jaar"]))


def map_indicators() -> dict[str, tuple[str, int]]:
    """The figures the map can colour by: title -> (kind, year); police only once imported."""
    options: dict[str, tuple[str, int]] = {}
    people_years = set(population_years())
    for year in sorted(set(woonoverlast_years()) & people_years, reverse=True):
        options[f"Woonoverlast per 1.000 inwoners ({year})"] = ("woonoverlast", year)
    if police_loaded():
        fitting = {y for y in police_years() if y in people_years or y + 1 in people_years}
        for year in sorted(fitting, reverse=True):
            options[f"Misdrijven per 1.000 inwoners ({year}, politie)"] = ("politie", year)
    for year in sorted(people_years, reverse=True)[:1]:
        options[f"Inwoners (1 januari {year})"] = ("inwoners", year)
    return options
