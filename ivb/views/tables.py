"""Display tables: the query results reshaped the way the pages show them, numbers kept as numbers.

Pure pandas, no streamlit. Each builder returns a frame whose figures are numeric (so a reader
sorts by value and copies numbers) and a missing figure is missing, never zero; :func:`styled`
adds the Dutch display format (13.939; 7,4; 26%; € 63.857) on top, with "–" for a gap.
Approximate and derived figures are named in flag columns instead of a "ca." in the cell.
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from ivb import formatting

EIGENDOMMEN = ("koop", "corporatie", "particulier")
STATUSSEN = ("lopend", "afgerond")
FINANCE_POSTS = ("lasten", "baten", "toevoegingen", "onttrekkingen", "saldo")
# Flag columns hold words; a cell without a flag is empty.
DERIVED, APPROXIMATE, PROVISIONAL = "Afgeleid", "Bij benadering", "Voorlopig"


def _sources(frame: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(f"{b}, {v}" for b, v in zip(frame["bron"], frame["vindplaats"])))


def _years_flagged(group: pd.DataFrame, column: str) -> str:
    """The years of ``group`` whose ``column`` is true: '2023, 2024', or 'alle jaren' when every year is."""
    flagged = sorted(int(j) for j in group.loc[group[column].astype(bool), "jaar"].unique())
    if len(flagged) > 2 and len(flagged) == group["jaar"].nunique():
        return "alle jaren"
    return ", ".join(str(j) for j in flagged)


def year_table(values: pd.DataFrame, all_years: bool = False) -> pd.DataFrame:
    """A row per indicator (and categorie, type), a column per year, as the documents print them.

    With ``all_years`` every year between the first and the last is a column, so a gap in a series
    shows as a gap instead of silently closing up. The unit of each row is in ``attrs["units"]``,
    for :func:`styled`.
    """
    if values.empty:
        return pd.DataFrame()
    years = sorted(int(y) for y in values["jaar"].unique())
    if all_years:
        years = list(range(years[0], years[-1] + 1))
    rows, units = [], []
    for _, group in values.groupby(["indicator_id", "categorie", "type"], sort=False):
        first = group.iloc[0]
        label = first["label"] + (f" – {first['categorie']}" if first["categorie"] else "")
        row = {"Indicator": label, "Soort": first["type"]}
        by_year = dict(zip(group["jaar"].astype(int), group["waarde"].astype(float)))
        for year in years:
            row[str(year)] = by_year.get(year, float("nan"))
        row[DERIVED] = _years_flagged(group, "afgeleid")
        row[APPROXIMATE] = _years_flagged(group, "benaderd")
        row[PROVISIONAL] = _years_flagged(group, "voorlopig") if "voorlopig" in group else ""
        row["Bron"] = _sources(group)
        rows.append(row)
        units.append(first["eenheid"])
    table = pd.DataFrame(rows)
    if (table["Soort"] == "realisatie").all():
        table = table.drop(columns="Soort")
    for flag in (DERIVED, APPROXIMATE, PROVISIONAL):
        if not table[flag].astype(bool).any():
            table = table.drop(columns=flag)
    table.attrs["units"] = units
    return table


def woonoverlast_matrix(cases: pd.DataFrame) -> pd.DataFrame:
    """Tabel 5.1 again: a row per wijk, a column per eigendom x status, totals per row and column.

    A cell the source does not give stays missing: it is not counted as zero.
    """
    if cases.empty:
        return pd.DataFrame()
    pivot = cases.pivot_table(index="wijk", columns=["eigendom", "status"], values="aantal", aggfunc="sum", sort=False)
    columns = [(e, s) for e in EIGENDOMMEN for s in STATUSSEN if (e, s) in pivot.columns]
    pivot = pivot[columns]
    pivot.columns = [f"{e.capitalize()} – {s}" for e, s in columns]
    parts = list(pivot.columns)
    pivot["Lopend samen"] = cases[cases["status"] == "lopend"].groupby("wijk")["aantal"].sum()
    pivot["Totaal"] = pivot[parts].sum(axis=1, min_count=1)
    if len(pivot) > 1:
        pivot.loc["Totaal"] = pivot.sum(min_count=1)
    return pivot.astype("Int64").reset_index(names="Wijk")


def finance_table(money: pd.DataFrame) -> pd.DataFrame:
    """Lasten, baten, reserves and saldo per doelstelling, in thousands of euros (lasten negative)."""
    if money.empty:
        return pd.DataFrame()
    rows = []
    for (regel, omschrijving), group in money.groupby(["regel", "omschrijving"], sort=False):
        amounts = dict(zip(group["post"], group["bedrag"]))
        row = {"Doelstelling": omschrijving if regel == "totaal" else f"{regel} {omschrijving}"}
        for post in FINANCE_POSTS:
            row[f"{post.capitalize()} (x € 1.000)"] = amounts.get(post)
        row[DERIVED] = ", ".join(group.loc[group["afgeleid"], "post"].tolist())
        rows.append(row)
    table = pd.DataFrame(rows)
    amounts = [c for c in table.columns if c.endswith("(x € 1.000)")]
    table[amounts] = table[amounts].astype("Int64")
    return table


def derived_amounts(money: pd.DataFrame) -> str:
    """The amounts of ``money`` that are derived, as a reader reads them: '5.1 lasten, 5.1 baten en 5.2 baten'."""
    derived = [f"{r} {p}" for r, p in zip(money.loc[money["afgeleid"], "regel"], money.loc[money["afgeleid"], "post"])]
    return formatting.listing(derived)


def period_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures over a span of years (averages and ranges)."""
    table = pd.DataFrame(
        {
            "Indicator": figures["label"],
            "Periode": [f"{a}-{b}" for a, b in zip(figures["jaar_van"], figures["jaar_tot"])],
            "Statistiek": figures["statistiek"],
            "Waarde": figures["waarde"].astype(float),
            APPROXIMATE: figures["benaderd"].map({True: "ja", False: ""}),
            "Bron": [f"{b}, {v}" for b, v in zip(figures["bron"], figures["vindplaats"])],
        }
    )
    table.attrs["units"] = figures["eenheid"].tolist()
    return table


def camera_table(locations: pd.DataFrame) -> pd.DataFrame:
    """Camera locations with type, period and the approximate position."""
    return pd.DataFrame(
        {
            "Locatie": locations["naam"],
            "Wijk": [w or "niet vastgesteld" for w in locations["wijk"]],
            "Type": locations["type"],
            "Periode": [f"{a}-{b}" for a, b in zip(locations["jaar_van"], locations["jaar_tot"])],
            "Breedtegraad": locations["lat"].astype(float),
            "Lengtegraad": locations["lon"].astype(float),
            "Coördinaten": locations["coordinaten"],
            "Herkomst coördinaten": locations["coordinaten_herkomst"],
            "Bron": [f"{b}, {v}" for b, v in zip(locations["bron"], locations["vindplaats"])],
        }
    )


def verdict_table(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The verdicts of ``indicators.latest_verdicts`` as a reader sees them: figure, begroting, doel gehaald, why."""
    from ivb.indicators import goal_label

    return pd.DataFrame({
        "Indicator": verdicts["label"],
        "Jaar": [formatting.MISSING if pd.isna(j) else str(int(j)) for j in verdicts["jaar"]],
        "Realisatie": [formatting.value(v, e) for v, e in zip(verdicts["realisatie"], verdicts["eenheid"])],
        "Begroting": [formatting.value(v, e) for v, e in zip(verdicts["begroting"], verdicts["eenheid"])],
        "Doel gehaald": [goal_label(v) for v in verdicts["doel_gehaald"]],
        "Waarom": verdicts["reden"],
    })


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


# Coordinates are positions, not amounts: four decimals, no unit.
_COORDINATES = ("Breedtegraad", "Lengtegraad")


def is_figure(table: pd.DataFrame, column) -> bool:
    """Whether ``column`` holds numbers (not flags): those are formatted, and aligned right in print."""
    return pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_bool_dtype(table[column])


def _formatter(table: pd.DataFrame, column, position: int):
    """How the cell of ``column`` in row ``position`` reads: the unit of its row or column, or plain text."""
    if not is_figure(table, column):
        return lambda v: str(v)
    if column in _COORDINATES:
        return lambda v: formatting.number(v, 4)
    units = table.attrs.get("units")
    unit = units[position] if units is not None else table.attrs.get("column_units", {}).get(column, "aantal")
    return lambda v: formatting.value(v, unit)


def formatted(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell of ``table`` as the reader sees it (Dutch formats, "–" for a gap), as text: for the report."""
    def cell(value, column, position):
        return formatting.MISSING if formatting.is_missing(value) else _formatter(table, column, position)(value)

    return pd.DataFrame({column: [cell(v, column, i) for i, v in enumerate(table[column])] for column in table.columns},
                        columns=table.columns)


_WORDY = 40  # characters in a cell: more is a text that needs a wide column


def styled(table: pd.DataFrame) -> Styler:
    """``table`` with Dutch number formats for display; the data underneath stays numeric.

    Rows of a year table each have their own unit (``attrs["units"]``: a rapportcijfer shows one
    decimal, a procent a % sign); other tables may name a unit per column (``attrs["column_units"]``);
    the remaining numeric columns are counts or amounts.
    """
    styler = table.style
    figures = [c for c in table.columns if is_figure(table, c)]
    # A column of long text (a source) gets room: squeezed beside many year columns it wrapped a word per line
    # and made every row several lines high.
    wordy = [c for c in table.columns if c not in figures and (table[c].astype("string").str.len() > _WORDY).any()]
    if wordy:
        styler = styler.set_properties(subset=wordy, **{"min-width": "24rem"})
    if table.attrs.get("units") is None:
        for column in figures:
            styler = styler.format(_formatter(table, column, 0), subset=[column], na_rep=formatting.MISSING)
        return styler
    for column in [c for c in figures if c in _COORDINATES]:
        styler = styler.format(_formatter(table, column, 0), subset=[column], na_rep=formatting.MISSING)
    amounts = [c for c in figures if c not in _COORDINATES]
    for position in range(len(table)) if amounts else ():
        cells = pd.IndexSlice[[table.index[position]], amounts]
        styler = styler.format(_formatter(table, amounts[0], position), subset=cells, na_rep=formatting.MISSING)
    return styler
