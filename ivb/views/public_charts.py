"""Views of the municipal open data: the police series beside the documents, and the comparison group.

Pure pandas, no streamlit; the chart is a template made once with Altair (ivb.views.template). Frames come from
:mod:`ivb.queries.open_data`; each function returns a new frame or spec and leaves its input alone.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ivb import formatting, gemeente
from ivb.views import template
from ivb.views.charts import PALETTE, WIDTH, finish

POLICE_LABEL = "Politie (open data)"
REVISION_NOTE = ("Waar de documenten en de politie voor hetzelfde jaar een ander aantal geven, kan dat twee oorzaken hebben: "
                 "CBS herziet zijn cijfers later (het document gebruikte de stand van toen, de open data die van nu), en de "
                 "documenten tellen soms anders (de kadernota aangiften, het jaarverslag een schatting); zie de kanttekeningen.")


def no_total_note(document_years: list[int] | None) -> str:
    """Why the open data give no total of all crime and no High Impact Crimes, and where those are (None: the
    gemeente's documents are not curated, so nowhere yet)."""
    lacks = ("Het open-databestand per gemeente heeft geen totaal van alle misdrijven en geen straatroof en overvallen. "
             "Een totaal of de High Impact Crimes zijn daaruit dus niet te berekenen")
    if document_years is None:
        return lacks + "; in dit dashboard staan ze pas als de beleidsdocumenten van de gemeente zijn opgenomen."
    where = f"hieronder, {document_years[0]}-{document_years[-1]}" if document_years else "hieronder"
    return lacks + f"; die staan alleen in de documenten ({where})."


OTHERS = "Andere gemeenten"


def group_note(rule: str, size: int, minimum: int) -> str:
    """What the comparison group is (its rule, in plain words), and that it is not ranked when it is too small."""
    if size >= minimum:
        return rule
    return (f"{rule} Met {size} {'gemeente' if size == 1 else 'gemeenten'} is de groep te klein voor een rangorde (minder "
            f"dan {minimum}): het dashboard zet ze niet op een rij.")


def _police_rows(city: pd.DataFrame, unit: str) -> pd.DataFrame:
    value = city["aantal"].astype(float) if unit == "aantal" else city["per_1000_inwoners"].astype(float)
    return pd.DataFrame({
        "misdrijf_code": city["misdrijf_code"], "titel": city["titel"],
        "indicator_id": "politie", "label": POLICE_LABEL, "eenheid": unit, "jaar": city["jaar"], "categorie": "",
        "type": "realisatie", "waarde": value, "aantal": city["aantal"], "inwoners": city["inwoners"],
        "afgeleid": city["per_1000_afgeleid"].astype(bool) if unit != "aantal" else False,
        "benaderd": False, "voorlopig": city["voorlopig"].astype(bool), "bron": city["bron"],
        "vindplaats": "CBS-tabel " + city["tabel"],
    })


def offence_counts(city: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """The police counts of one offence beside the documents' realisatie and begroting of the same offence (if any)."""
    police = _police_rows(city, "aantal")
    if documents is None or documents.empty:
        return police.reset_index(drop=True)
    docs = documents.assign(label=documents["label"] + " (documenten)", voorlopig=False)
    columns = [c for c in police.columns if c in docs.columns]
    return pd.concat([police, docs[columns]], ignore_index=True)


def offence_rates(city: pd.DataFrame) -> pd.DataFrame:
    """The police rate per 1.000 inwoners (that year's average population) of one offence."""
    return _police_rows(city, "per_1000").reset_index(drop=True)


def documents_beside_police(city: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per year where both give a realisatie: the documents' figure, the police's, and the difference."""
    docs = documents[documents["type"] == "realisatie"][["jaar", "waarde", "bron", "vindplaats"]]
    both = docs.merge(city[["jaar", "aantal", "voorlopig"]], on="jaar")
    return pd.DataFrame({
        "Jaar": both["jaar"].astype(str),
        "Documenten": both["waarde"].astype("Int64"),
        "Politie (open data)": both["aantal"].astype("Int64"),
        "Verschil (politie - documenten)": (both["aantal"] - both["waarde"]).astype("Int64"),
        "Voorlopig": both["voorlopig"].map({True: "ja", False: "nee"}),
        "Bron documenten": both["bron"] + ", " + both["vindplaats"],
    })


def comparison_table(group: pd.DataFrame) -> pd.DataFrame:
    """The ranked comparison as a table: rank, municipality, count, rate per 1.000, provisional."""
    table = pd.DataFrame({
        "Rang": group["rang"].astype(int),
        "Gemeente": group["gemeente"],
        "Aantal": group["aantal"].astype("Int64"),
        "Inwoners (gemiddeld)": group["inwoners"].astype("Int64"),
        "Per 1.000 inwoners": group["per_1000_inwoners"].astype(float),
        "Mediaan van de groep": group["mediaan"].astype(float),
        "Voorlopig": group["voorlopig"].map({True: "ja", False: "nee"}),
    })
    table.attrs["column_units"] = {"Per 1.000 inwoners": "per_1000", "Mediaan van de groep": "per_1000"}
    return table


def rank_phrase(group: pd.DataFrame) -> str | None:
    """'de 4e laagste van 17' (or 'de laagste', 'gedeeld de 4e laagste'): the gemeente's place, lowest rate first."""
    own = group[group["is_eigen"]]
    if own.empty:
        return None
    rank, count = int(own["rang"].iloc[0]), int(own["gemeenten"].iloc[0])
    shared = "gedeeld " if int(own["gedeeld"].iloc[0]) > 1 else ""
    place = "laagste" if rank == 1 else f"{rank}e laagste"
    return f"{shared}de {place} van {count}"


def comparison_chart(group: pd.DataFrame) -> dict | None:
    """Ranked horizontal bars per municipality, the gemeente's own highlighted, the group median as a line: the Vega-Lite
    spec of the template ``_comparison_kind`` (ivb.views.template) filled with these rows and the median."""
    if group.empty:
        return None
    own = gemeente.name()  # the legend names it: a template per gemeente, made once
    data = pd.DataFrame({
        "gemeente": group["gemeente"], "per_1000_inwoners": group["per_1000_inwoners"], "rang": group["rang"],
        "wie": [own if z else OTHERS for z in group["is_eigen"]],
        "waarde_nl": [formatting.value(v, "per_1000") for v in group["per_1000_inwoners"]],
        "voorlopig_nl": group["voorlopig"].map({True: "ja", False: "nee"}),
        "aantal_nl": [formatting.number(v) for v in group["aantal"]],
        "volgorde": range(len(group)),  # the order of the rows, top to bottom
    })
    data["beschrijving"] = [f"{g}: {w} per 1.000 inwoners, rang {r} (laagste eerst)"
                            for g, w, r in zip(data["gemeente"], data["waarde_nl"], data["rang"])]
    median = float(group["mediaan"].iloc[0])
    rule = pd.DataFrame({"mediaan": [median], "tekst": [f"mediaan {formatting.value(median, 'per_1000')}"]})
    return template.fill(template.template(_comparison_kind, own), {template.ROWS: data, "mediaan": rule})


def _comparison_kind(own: str) -> alt.TopLevelMixin:
    """The comparison chart on named rows (one per municipality, in ``volgorde``) and the median (``mediaan``)."""
    rows = template.rows()
    y = alt.Y("gemeente:N", title=None, sort=alt.EncodingSortField(field="volgorde", op="min"), axis=alt.Axis(labelLimit=220))
    x = alt.X("per_1000_inwoners:Q", title="Per 1.000 inwoners", axis=alt.Axis(format=",.3~f", tickCount=6))
    color = alt.Color("wie:N", title=None, scale=alt.Scale(domain=[own, OTHERS], range=[PALETTE[0], "#B9C3CF"]))
    tooltip = [alt.Tooltip("gemeente:N", title="Gemeente"), alt.Tooltip("waarde_nl:N", title="Per 1.000 inwoners"),
               alt.Tooltip("aantal_nl:N", title="Aantal"), alt.Tooltip("rang:Q", title="Rang (laagste eerst)"),
               alt.Tooltip("voorlopig_nl:N", title="Voorlopig")]
    bars = alt.Chart(rows).mark_bar().encode(y=y, x=x, color=color, tooltip=tooltip, description="beschrijving:N")
    labels = alt.Chart(rows).mark_text(align="left", dx=4, fontSize=12, color="#1A1A1A", tooltip=False, aria=False).encode(
        y=y, x=x, text="waarde_nl:N")
    median = template.rows("mediaan")
    rule = alt.Chart(median).mark_rule(color="#1A1A1A", strokeDash=[4, 3], strokeWidth=1.5, tooltip=False).encode(
        x="mediaan:Q", description="tekst:N")
    rule_label = alt.Chart(median).mark_text(align="left", dx=4, dy=-6, fontSize=12, fontStyle="italic", color="#1A1A1A",
                                             tooltip=False, aria=False).encode(
        x="mediaan:Q", y=alt.value(0), text="tekst:N")
    # A step per municipality, so every name has room for its label.
    return finish(alt.layer(bars, labels, rule, rule_label).properties(width=WIDTH, height=alt.Step(24)))


def median_trend_values(trend: pd.DataFrame) -> pd.DataFrame:
    """The gemeente's rate and the group median per year, in the shape of trend values."""
    rows = []
    for label, column in ((gemeente.name(), "eigen"), ("Mediaan van de vergelijkingsgroep", "mediaan")):
        rows.append(pd.DataFrame({
            "indicator_id": column, "label": label, "eenheid": "per_1000", "jaar": trend["jaar"], "categorie": "",
            "type": "realisatie", "waarde": trend[column].astype(float), "afgeleid": column == "mediaan", "benaderd": False,
            "voorlopig": trend["voorlopig"].astype(bool), "bron": "Politie/CBS 47018NED en 70072ned",
            "vindplaats": "open data per gemeente",
        }))
    return pd.concat(rows, ignore_index=True)

