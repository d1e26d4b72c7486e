"""Checks that tie the source tables together: references, units and totals that must add up.

Each rule reports a :class:`~ivb.sources.records.SourceProblem` on the row that a data
steward has to look at (for a total that does not add up: the total's row).
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ivb.gemeente import Gemeente
from ivb.indicators import HIC_PARTS, HIC_TOTAL_ID
from ivb.sources.records import LINE, SourceProblem
from ivb.sources.rules_geo import GEO_REFERENCES, check_geo
from ivb.sources.rules_notes import check_notes, linked_ids, names_the_year
from ivb.sources.rules_public import PUBLIC_REFERENCES, check_public

# A total and the parts that must add up to it, per jaar, gebied and type.
# "id" is an indicator without categorie, "id[x]" one categorie, "id[*]" all its categories.
SUM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (HIC_TOTAL_ID, tuple(part.indicator_id for part in HIC_PARTS)),
    ("ondermijning_casussen", ("ondermijning_casussen_naar_start[*]",)),
    ("ondermijning_casussen", ("ondermijning_casussen_naar_stand[*]",)),
    ("ondermijning_casussen_naar_stand[afgerond]", ("ondermijning_casussen_uitkomst[*]",)),
    ("pga_jeugd_deelnemers", ("pga_jeugd_afgesloten", "pga_jeugd_peildatum")),
)

# Shares that must add up to a whole.
HUNDRED_PERCENT_RULES = ("ondermijning_signalen_herkomst",)

# A percentage that follows from two counts: (percentage, numerator, denominator).
PERCENT_RULES = (
    ("pct_huisverbod_per_registratie", "huisverboden", "politieregistraties_huiselijk_geweld"),
    ("pct_gebiedsverboden_wapen", "gebiedsverboden_wapen", "gebiedsverboden"),
    ("pct_gebiedsverboden_wapen_minderjarig", "gebiedsverboden_wapen_minderjarig", "gebiedsverboden_wapen"),
)

UNIT_RANGES = {"aantal": (0, None), "euro": (0, None), "procent": (0, 100), "rapportcijfer": (1, 10)}

# Finance amounts are rounded to thousands, so a sum may be off by one per term.
FINANCE_TOLERANCE = 2
FINANCE_POSTS = ("lasten", "baten", "toevoegingen", "onttrekkingen")

REFERENCES = (  # (table, column, referenced table, referenced key)
    ("indicatoren", "bron_id", "bronnen", "bron_id"),
    ("indicatoren", "deel_van", "indicatoren", "indicator_id"),
    ("waarden", "indicator_id", "indicatoren", "indicator_id"),
    ("waarden", "bron_id", "bronnen", "bron_id"),
    ("periodecijfers", "indicator_id", "indicatoren", "indicator_id"),
    ("periodecijfers", "bron_id", "bronnen", "bron_id"),
    ("woonoverlast", "bron_id", "bronnen", "bron_id"),
    ("woonoverlast_totalen", "bron_id", "bronnen", "bron_id"),
    ("camera_locaties", "bron_id", "bronnen", "bron_id"),
    ("speerpunten", "effectindicator", "indicatoren", "indicator_id"),
    ("speerpunten", "bron_id", "bronnen", "bron_id"),
    ("financien", "bron_id", "bronnen", "bron_id"),
    ("kwaliteit", "indicator_id", "indicatoren", "indicator_id"),
    ("kwaliteit", "bron_id", "bronnen", "bron_id"),
    *PUBLIC_REFERENCES,
    *GEO_REFERENCES,
)
# Columns that may name several keys, separated by ';' (a note about a group of figures).
LIST_COLUMNS = {("kwaliteit", "indicator_id")}


def check_all(tables: dict[str, pd.DataFrame], gemeente: Gemeente | None = None) -> Iterator[SourceProblem]:
    """Every cross-table problem in ``tables`` (name -> validated frame with line numbers), one at a time: a big
    source may have very many, and the build keeps only the first ones whole (ivb.sources.problems).

    ``gemeente``: whose documents and wijken ``tables`` hold beside the shared open data (None: only the shared)."""
    for check in (_known_ids, _parts, _sums, _hundred_percent, _percentages, _woonoverlast, _finances, _periods,
                  check_notes, check_public):
        yield from check(tables)
    if gemeente is not None:
        yield from _units(tables, gemeente.naam)
        yield from check_geo(tables, gemeente)


def _p(table: str, line, column: str | None, message: str) -> SourceProblem:
    return SourceProblem(f"bronnen/{table}.csv", int(line) if line is not None else None, column, message)


def _known_ids(tables):
    for table, column, target, key in REFERENCES:
        if table not in tables or target not in tables:
            continue
        known = set(tables[target][key])
        several = (table, column) in LIST_COLUMNS
        for row in tables[table].itertuples(index=False):
            for value in linked_ids(getattr(row, column)) if several else [getattr(row, column)]:
                if value and value not in known:
                    yield _p(table, row.source_line, column, f"'{value}' bestaat niet in {target}.csv")


def _parts(tables):
    """A part that a sum rule adds up to a total is ``deel_van`` that total, so no chart shows it as the total's equal."""
    catalogue = tables.get("indicatoren")
    if catalogue is None:
        return
    wholes: dict[str, set[str]] = {}
    for total_ref, part_refs in SUM_RULES:
        total = _parse_ref(total_ref)[0]
        for ref in part_refs:
            part = _parse_ref(ref)[0]
            if part != total:
                wholes.setdefault(part, set()).add(total)
    for row in catalogue.itertuples(index=False):
        wanted = wholes.get(row.indicator_id)
        if wanted and row.deel_van not in wanted:
            now = f"'{row.deel_van}'" if row.deel_van else "leeg"
            yield _p("indicatoren", row.source_line, "deel_van",
                     f"{row.indicator_id} telt op tot {' en '.join(sorted(wanted))}, maar deel_van is {now}: vul "
                     f"{' of '.join(sorted(wanted))} in, zodat een grafiek het als deel toont ('waarvan')")


def _units(tables, city: str):
    if "waarden" not in tables or "indicatoren" not in tables:
        return
    catalogue = tables["indicatoren"].set_index("indicator_id")
    for row in tables["waarden"].itertuples(index=False):
        if row.indicator_id not in catalogue.index or row.waarde is None or pd.isna(row.waarde):
            continue
        unit = catalogue.at[row.indicator_id, "eenheid"]
        low, high = UNIT_RANGES.get(unit, (None, None))
        if low is not None and row.waarde < low:
            word = "negatief" if low == 0 else f"kleiner dan {low}"
            yield _p("waarden", row.source_line, "waarde", f"{row.waarde:g} is {word}; een {unit} is minstens {low}")
        if high is not None and row.waarde > high:
            yield _p("waarden", row.source_line, "waarde", f"{row.waarde:g} is groter dan {high}, het maximum voor een {unit}")
        if unit == "aantal" and row.waarde != int(row.waarde):
            yield _p("waarden", row.source_line, "waarde", f"{row.waarde:g} is geen geheel aantal")
        level = catalogue.at[row.indicator_id, "gebiedsniveau"]
        if level == "gemeente" and row.gebied != city:
            yield _p("waarden", row.source_line, "gebied", f"{row.indicator_id} bestaat alleen voor heel {city}, niet per wijk")


def _parse_ref(ref: str) -> tuple[str, str | None]:
    """'id' -> (id, ''), 'id[x]' -> (id, 'x'), 'id[*]' -> (id, None) meaning every categorie."""
    if ref.endswith("]"):
        indicator, categorie = ref[:-1].split("[", 1)
        return indicator, None if categorie == "*" else categorie
    return ref, ""


def _select(values: pd.DataFrame, ref: str) -> pd.DataFrame:
    indicator, categorie = _parse_ref(ref)
    chosen = values[values["indicator_id"] == indicator]
    return chosen if categorie is None else chosen[chosen["categorie"] == categorie]


def _groups(frame: pd.DataFrame) -> Iterator[tuple[tuple, pd.DataFrame]]:
    yield from frame.groupby(["jaar", "gebied", "type"], sort=True)


def _sums(tables):
    values = tables.get("waarden")
    if values is None:
        return
    for total_ref, part_refs in SUM_RULES:
        totals = _select(values, total_ref)
        for row in totals.itertuples(index=False):
            if row.waarde is None or pd.isna(row.waarde):
                continue
            same = (values["jaar"] == row.jaar) & (values["gebied"] == row.gebied) & (values["type"] == row.type)
            parts_sum, missing = 0.0, []
            for ref in part_refs:
                part = _select(values[same], ref)
                if part.empty:
                    missing.append(ref)
                parts_sum += part["waarde"].fillna(0).sum()
            label = f"{total_ref} {row.jaar}"
            if missing:
                message = f"{label}: deel ontbreekt om het totaal te controleren: {', '.join(missing)}"
                yield _p("waarden", row.source_line, "waarde", message)
            elif abs(parts_sum - row.waarde) > 1e-9:
                yield _p(
                    "waarden", row.source_line, "waarde",
                    f"{label} is {row.waarde:g}, maar de delen ({' + '.join(part_refs)}) tellen op tot {parts_sum:g}",
                )


def _hundred_percent(tables):
    values = tables.get("waarden")
    if values is None:
        return
    for indicator in HUNDRED_PERCENT_RULES:
        for (jaar, _gebied, _type), group in _groups(values[values["indicator_id"] == indicator]):
            total = group["waarde"].fillna(0).sum()
            if abs(total - 100) > 1e-9:
                first = int(group[LINE].min())
                yield _p("waarden", first, "waarde", f"{indicator} {jaar}: de aandelen tellen op tot {total:g}%, niet 100%")


def _percentages(tables):
    values = tables.get("waarden")
    if values is None:
        return
    plain = values[values["categorie"] == ""].set_index(["indicator_id", "jaar", "gebied", "type"])["waarde"].to_dict()
    notes = tables.get("kwaliteit")
    for pct_id, num_id, den_id in PERCENT_RULES:
        for row in values[(values["indicator_id"] == pct_id) & (values["categorie"] == "")].itertuples(index=False):
            num, den = (plain.get((count, row.jaar, row.gebied, row.type)) for count in (num_id, den_id))
            missing = [count for count, n in ((num_id, num), (den_id, den)) if n is None or pd.isna(n)]
            if missing:
                # A realisatie that no count confirms rests on the source's word alone, and a note must say so; a
                # begroting is a target and has no counts.
                if row.type == "realisatie" and notes is not None and not names_the_year(notes, pct_id, row.jaar):
                    yield _p("waarden", row.source_line, "waarde", _unchecked(pct_id, row.jaar, missing))
                continue
            if not den:
                continue
            exact = 100 * num / den
            if abs(exact - row.waarde) > 0.5 + 1e-9:
                yield _p(
                    "waarden", row.source_line, "waarde",
                    f"{pct_id} {row.jaar} is {row.waarde:g}%, maar {num_id} / {den_id} = {num:g} / {den:g} = {exact:.1f}%",
                )


def _unchecked(pct_id: str, jaar: int, missing: list[str]) -> str:
    one = len(missing) == 1
    return (f"{pct_id} {jaar} is niet te controleren: {' en '.join(missing)} {'ontbreekt' if one else 'ontbreken'} "
            f"voor {jaar} in waarden.csv. Voeg {'dat aantal' if one else 'die aantallen'} toe als de bron "
            f"{'het' if one else 'ze'} geeft; zo niet, leg dan in kwaliteit.csv vast waarop het percentage berust: een "
            f"kanttekening met {pct_id} in de kolom indicator_id die het jaar {jaar} noemt")


def _woonoverlast(tables):
    detail, stated = tables.get("woonoverlast"), tables.get("woonoverlast_totalen")
    if detail is None or stated is None:
        return
    for jaar, cells in detail.groupby("jaar"):
        given = stated[stated["jaar"] == jaar]
        wanted = [("wijk", w, "", "") for w in sorted(cells["wijk"].unique())]
        wanted += [("kolom", "", e, s) for e, s in sorted(set(zip(cells["eigendom"], cells["status"])))]
        wanted += [("totaal", "", "", "")]
        for kind, wijk, eigendom, status in wanted:
            match = given[(given["wijk"] == wijk) & (given["eigendom"] == eigendom) & (given["status"] == status)]
            if kind == "wijk":
                part, name = cells[cells["wijk"] == wijk], f"wijk {wijk}"
            elif kind == "kolom":
                part = cells[(cells["eigendom"] == eigendom) & (cells["status"] == status)]
                name = f"{eigendom} {status}"
            else:
                part, name = cells, "het totaal"
            computed = int(part["aantal"].fillna(0).sum())
            if match.empty:
                yield _p("woonoverlast_totalen", None, None, f"{jaar}: totaal voor {name} ontbreekt (de cellen tellen op tot {computed})")
                continue
            row = match.iloc[0]
            if row["aantal"] is not None and int(row["aantal"]) != computed:
                yield _p(
                    "woonoverlast_totalen", row[LINE], "aantal",
                    f"{jaar}: totaal voor {name} is {int(row['aantal'])}, maar de cellen in woonoverlast.csv tellen op tot {computed}",
                )


def _finances(tables):
    money = tables.get("financien")
    if money is None:
        return
    for (jaar, regel), rows in money.groupby(["jaar", "regel"]):
        amounts = dict(zip(rows["post"], rows["bedrag"]))
        if "saldo" in amounts and all(p in amounts for p in FINANCE_POSTS):
            computed = sum(amounts[p] or 0 for p in FINANCE_POSTS)
            if abs(computed - (amounts["saldo"] or 0)) > FINANCE_TOLERANCE:
                line = rows.loc[rows["post"] == "saldo", LINE].iloc[0]
                message = f"{jaar} regel {regel}: saldo {amounts['saldo']} wijkt af van de som van de posten ({computed})"
                yield _p("financien", line, "bedrag", message)
    for (jaar, post), rows in money.groupby(["jaar", "post"]):
        total = rows[rows["regel"] == "totaal"]
        parts = rows[rows["regel"] != "totaal"]
        if total.empty or parts.empty:
            continue
        computed = int(parts["bedrag"].fillna(0).sum())
        stated = total["bedrag"].iloc[0]
        if stated is not None and abs(computed - stated) > FINANCE_TOLERANCE:
            message = f"{jaar} {post}: totaal {stated} wijkt af van de som van de doelstellingen ({computed})"
            yield _p("financien", total[LINE].iloc[0], "bedrag", message)


def _periods(tables):
    for name in ("periodecijfers", "camera_locaties"):
        frame = tables.get(name)
        if frame is None:
            continue
        for row in frame.itertuples(index=False):
            if row.jaar_van is not None and row.jaar_tot is not None and row.jaar_van > row.jaar_tot:
                yield _p(name, row.source_line, "jaar_tot", f"jaar_tot {row.jaar_tot} ligt vóór jaar_van {row.jaar_van}")
