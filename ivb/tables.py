"""Display tables: the query results reshaped and Dutch-formatted the way the pages show them.

Pure pandas, no streamlit. Missing figures show as the missing mark, never as zero.
"""

from __future__ import annotations

import pandas as pd

from ivb import formatting

EIGENDOMMEN = ("koop", "corporatie", "particulier")
STATUSSEN = ("lopend", "afgerond")
FINANCE_POSTS = ("lasten", "baten", "toevoegingen", "onttrekkingen", "saldo")


def _sources(frame: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(f"{b}, {v}" for b, v in zip(frame["bron"], frame["vindplaats"])))


def year_table(values: pd.DataFrame, all_years: bool = False) -> pd.DataFrame:
    """A row per indicator (and categorie, type), a column per year, as the documents print them.

    With ``all_years`` every year between the first and the last is a column, so a gap
    in a series shows as a gap instead of silently closing up.
    """
    if values.empty:
        return pd.DataFrame()
    years = sorted(int(y) for y in values["jaar"].unique())
    if all_years:
        years = list(range(years[0], years[-1] + 1))
    rows = []
    for _, group in values.groupby(["indicator_id", "categorie", "type"], sort=False):
        first = group.iloc[0]
        label = first["label"] + (f" – {first['categorie']}" if first["categorie"] else "")
        row = {"Indicator": label, "Soort": first["type"]}
        by_year = {int(r.jaar): formatting.value(r.waarde, r.eenheid, bool(r.benaderd)) for r in group.itertuples()}
        for year in years:
            row[str(year)] = by_year.get(year, formatting.MISSING)
        marks = [m for m, col in (("afgeleid", "afgeleid"), ("benaderd", "benaderd")) if group[col].any()]
        row["Let op"] = ", ".join(marks)
        row["Bron"] = _sources(group)
        rows.append(row)
    table = pd.DataFrame(rows)
    if (table["Soort"] == "realisatie").all():
        table = table.drop(columns="Soort")
    if not table["Let op"].astype(bool).any():
        table = table.drop(columns="Let op")
    return table


def woonoverlast_matrix(cases: pd.DataFrame) -> pd.DataFrame:
    """Tabel 5.1 again: a row per wijk, a column per eigendom x status, totals per row and column."""
    if cases.empty:
        return pd.DataFrame()
    pivot = cases.pivot_table(index="wijk", columns=["eigendom", "status"], values="aantal", aggfunc="sum", sort=False)
    columns = [(e, s) for e in EIGENDOMMEN for s in STATUSSEN if (e, s) in pivot.columns]
    pivot = pivot[columns]
    pivot.columns = [f"{e.capitalize()} – {s}" for e, s in columns]
    pivot["Lopend samen"] = cases[cases["status"] == "lopend"].groupby("wijk")["aantal"].sum()
    pivot["Totaal"] = pivot[[c for c in pivot.columns if " – " in c]].sum(axis=1)
    if len(pivot) > 1:
        pivot.loc["Totaal"] = pivot.sum()
    return pivot.fillna(0).astype(int).map(formatting.number).reset_index(names="Wijk")


def finance_table(money: pd.DataFrame) -> pd.DataFrame:
    """Lasten, baten, reserves and saldo per doelstelling, formatted in euros (amounts x 1.000)."""
    if money.empty:
        return pd.DataFrame()
    rows = []
    for (regel, omschrijving), group in money.groupby(["regel", "omschrijving"], sort=False):
        amounts = dict(zip(group["post"], group["bedrag"]))
        row = {"Doelstelling": omschrijving if regel == "totaal" else f"{regel} {omschrijving}"}
        for post in FINANCE_POSTS:
            row[f"{post.capitalize()} (x € 1.000)"] = formatting.number(amounts.get(post))
        derived = group.loc[group["afgeleid"], "post"].tolist()
        row["Afgeleid"] = ", ".join(derived)
        rows.append(row)
    return pd.DataFrame(rows)


def period_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures over a span of years (averages and ranges)."""
    return pd.DataFrame(
        {
            "Indicator": figures["label"],
            "Periode": [f"{a}-{b}" for a, b in zip(figures["jaar_van"], figures["jaar_tot"])],
            "Statistiek": figures["statistiek"],
            "Waarde": [formatting.value(v, e, bool(n)) for v, e, n in zip(figures["waarde"], figures["eenheid"], figures["benaderd"])],
            "Bron": [f"{b}, {v}" for b, v in zip(figures["bron"], figures["vindplaats"])],
        }
    )


def camera_table(locations: pd.DataFrame) -> pd.DataFrame:
    """Camera locations with type, period and the approximate position."""
    return pd.DataFrame(
        {
            "Locatie": locations["naam"],
            "Wijk": [w or "niet vastgesteld" for w in locations["wijk"]],
            "Type": locations["type"],
            "Periode": [f"{a}-{b}" for a, b in zip(locations["jaar_van"], locations["jaar_tot"])],
            "Coördinaten": [
                f"{formatting.number(a, 4)}, {formatting.number(o, 4)} ({c})"
                for a, o, c in zip(locations["lat"], locations["lon"], locations["coordinaten"])
            ],
            "Herkomst coördinaten": locations["coordinaten_herkomst"],
            "Bron": [f"{b}, {v}" for b, v in zip(locations["bron"], locations["vindplaats"])],
        }
    )


def speerpunten_table(points: pd.DataFrame) -> pd.DataFrame:
    """Priorities and speerpunten with their effect indicator and intended effect."""
    return pd.DataFrame(
        {
            "Periode": points["periode"],
            "Kader": points["kader"],
            "Nr.": points["nummer"].astype(int),
            "Speerpunt": points["naam"],
            "Effectindicator": points["effectindicator_label"].fillna(""),
            "Beoogd effect": points["beoogd_effect"],
            "Voortgezet als": points["opvolger"],
        }
    )
