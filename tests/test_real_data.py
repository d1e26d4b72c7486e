"""Rules the real data must keep, on the pages as a reader sees them, checked twice: on the shipped sources, and on a
copy after a data steward's yearly updates (tests/steward.py: a jaarverslag 2025, a police file of 2026 and a
buurt-only police file, every figure of those updates invented).

No figure is typed here: each expectation is read from the sources in data/bronnen (labels too, from
indicatoren.csv), so a valid update keeps these tests green and a page that drops or garbles a figure fails them.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from fixtures import REPO_SOURCES, open_app, open_folded, shown_tables, source_path, source_years
from steward import steward_updates

from ivb import gemeente
from ivb.indicators import ALL_CRIME, HIC_PARTS, HIC_TOTAL_ID, HIGHER_IS_BETTER, LOWER_IS_BETTER
from ivb.markup import unmark
from ivb.site import PAGES, topic_page
from ivb.sources.build import build
from ivb.sources.schema import TABLES_BY_NAME

MISSING = "–"  # a year without a figure


@pytest.fixture(scope="module", params=["geleverd", "na_update"])
def real(request, tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The app pointed at the real sources as shipped, or after the steward's (invented) updates; the sources as text."""
    target = tmp_path_factory.mktemp(request.param) / "data"
    if request.param == "geleverd":
        shutil.copytree(REPO_SOURCES, target / "bronnen")
        build(target / "bronnen", target)
    else:
        steward_updates(target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IVB_DATA_DIR", str(target))
        paths = {name: source_path(target / "bronnen", name) for name in TABLES_BY_NAME}  # shared and the gemeente's own
        yield {name: pd.read_csv(path, dtype=str, keep_default_na=False) for name, path in paths.items() if path.is_file()}


@pytest.fixture
def city(real) -> str:
    """The name of the gemeente the app serves (ivb.gemeente), as the data it points at gives it."""
    return gemeente.name()


def page_text(at) -> str:
    """Every word on the page as the reader reads it: text, notices, headings, tiles and table cells."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning") for e in at.get(kind)]
    parts += [f"{m.label} {m.value} {m.proto.help}" for m in at.metric]
    parts += [" ".join(t.astype(str).to_numpy().ravel()) for t in shown_tables(at)]
    return " ".join(unmark(p) for p in parts)


def titles_of(sources: dict[str, pd.DataFrame], bron_ids) -> list[str]:
    """The titles in bronnen.csv of ``bron_ids``."""
    return sources["bronnen"].set_index("bron_id").loc[sorted(set(bron_ids)), "titel"].tolist()


def shown(value, eenheid: str = "aantal") -> str:
    """``value`` as a Dutch reader expects it, written out here rather than taken from ivb.formatting (the code under
    test): 13.939; 7,4 (a rapportcijfer always with one decimal); 26%; +30,8%; € 63.857."""
    value = float(value)
    decimals = 1 if eenheid == "rapportcijfer" else 3 if eenheid == "per_1000" else 0 if value.is_integer() else 1
    text = f"{value:,.{decimals}f}".translate(str.maketrans(",.", ".,"))
    if eenheid in ("procent", "procent_verandering"):
        text = ("+" if eenheid == "procent_verandering" and value > 0 else "") + text + "%"
    return "€\u00a0" + text if eenheid == "euro" else text


def matching_rows(tables: list[pd.DataFrame], label: str, kind: str, column: str) -> list[pd.Series]:
    """The rows of the year tables that show ``label`` as ``kind`` (realisatie/begroting) with a column ``column``."""
    return [row for table in tables if {"Indicator", column} <= set(table.columns) for _, row in table.iterrows()
            if row["Indicator"] == label and row.get("Soort", "realisatie") == kind]


@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_every_page_runs_clean_and_shows_its_tables(real, page):
    at = open_app(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title, f"{page} shows no title"
    if next(p for p in PAGES if p.file == page).report:  # a page of figures: its tables are drawn once opened
        opened = open_folded(at)
        assert opened.table or opened.dataframe, f"{page} shows no table"


# The pages of topics and the overview; the map of Wijkprofiel and the whole tables of Data en bronnen have their own.
TOPIC_PAGES = ["pages/overzicht.py", "pages/criminaliteit.py", "pages/veiligheidsbeleving.py", "pages/woonoverlast.py",
               "pages/zorg_jeugd.py", "pages/ondermijning.py", "pages/handhaving_jaarwisseling.py", "pages/beleid_financien.py"]


@pytest.mark.parametrize("page", TOPIC_PAGES)
def test_every_chart_has_alt_text_its_table_and_its_two_downloads(real, page):
    at = open_app(page)
    charts, tables = at.get("vega_lite_chart"), len(at.table)
    assert all(c.proto.alt for c in charts), "a chart without alt text"
    labels = [d.proto.label for d in open_folded(at).get("download_button")]
    assert len(at.table) >= tables + len(charts), "a chart without its table"
    assert labels.count("Grafiek als PNG") == labels.count("Grafiek als SVG") == len(charts)
    assert labels.count("CSV voor Excel (NL)") == labels.count("CSV downloaden") >= len(charts)


def test_every_figure_of_waarden_is_on_its_page_as_the_reader_sees_it(real, city):
    catalogue = real["indicatoren"].set_index("indicator_id")
    values = real["waarden"].join(catalogue[["label", "eenheid", "onderwerp"]], on="indicator_id")
    missing = []
    for (onderwerp, gebied), rows in values.groupby(["onderwerp", "gebied"]):
        page = topic_page(onderwerp)
        assert page is not None, f"onderwerp {onderwerp} has no page"
        at = open_folded(open_app(page.file, **({} if gebied == city else {"wijk": gebied})))
        tables = shown_tables(at)
        for r in rows.itertuples():
            label = r.label + (f" – {r.categorie}" if r.categorie else "")
            found = matching_rows(tables, label, r.type, r.jaar)
            if not any(row[r.jaar] == shown(r.waarde, r.eenheid) for row in found):
                missing.append(f"{page.title}: {label} {r.jaar} {r.type} {shown(r.waarde, r.eenheid)} "
                               f"(shown: {[row[r.jaar] for row in found]})")
                continue
            for flag, column in (("afgeleid", "Afgeleid"), ("benaderd", "Bij benadering")):
                marked = [row for row in found if re.search(rf"\b{r.jaar}\b|alle jaren", str(row.get(column, "")))]
                if getattr(r, flag) == "ja" and not marked:
                    missing.append(f"{page.title}: {label} {r.jaar} is {flag} but not marked in '{column}'")
    assert not missing, "\n".join(missing)


def test_every_period_figure_is_on_its_page(real):
    catalogue = real["indicatoren"].set_index("indicator_id")
    missing = []
    for r in real["periodecijfers"].itertuples():
        label, eenheid, onderwerp = catalogue.loc[r.indicator_id, ["label", "eenheid", "onderwerp"]]
        tables = [t for t in shown_tables(open_folded(open_app(topic_page(onderwerp).file))) if "Statistiek" in t.columns]
        if not any(((t["Indicator"] == label) & (t["Periode"] == f"{r.jaar_van}-{r.jaar_tot}") & (t["Statistiek"] == r.statistiek)
                    & (t["Waarde"] == shown(r.waarde, eenheid))).any() for t in tables):
            missing.append(f"{label} {r.jaar_van}-{r.jaar_tot} {r.statistiek} {r.waarde}")
    assert not missing, missing


def test_woonoverlast_of_every_year_is_on_the_page_and_its_totals_add_up(real, city):
    cases, printed = real["woonoverlast"], real["woonoverlast_totalen"]
    cases = cases.assign(aantal=cases["aantal"].astype(int))
    first, _ = source_years(real)
    for year, rows in cases.groupby("jaar"):
        at = open_folded(open_app("pages/woonoverlast.py", jaar=[str(first), year]))
        matrix = next(t for t in shown_tables(at) if {"Wijk", "Totaal"} <= set(t.columns)).set_index("Wijk")
        for r in rows.itertuples():
            assert matrix.loc[r.wijk, f"{r.eigendom.capitalize()} – {r.status}"] == shown(r.aantal), (year, r)
        for r in printed[printed["jaar"] == year].itertuples():  # the totals as the document prints them
            row = r.wijk or "Totaal"
            column = f"{r.eigendom.capitalize()} – {r.status}" if r.eigendom else "Totaal"
            assert matrix.loc[row, column] == shown(int(r.aantal)), (year, row, column)
        lopend = rows[rows["status"] == "lopend"].groupby("wijk")["aantal"].sum()
        assert all(matrix.loc[w, "Lopend samen"] == shown(n) for w, n in lopend.items()), year
        by_status = {s: shown(n.sum()) if len(n) else MISSING for s, n in
                     ((s, rows.loc[rows["status"] == s, "aantal"]) for s in ("lopend", "afgerond"))}  # none: no figure, no 0
        text = page_text(at)
        assert (f"In {year} waren er in heel {city} {shown(rows['aantal'].sum())} concrete casussen woonoverlast: "
                f"{by_status['lopend']} lopend en {by_status['afgerond']} afgerond.") in text
        most = " en ".join(lopend[lopend == lopend.max()].index)
        assert (f"In {year} had {most} de meeste lopende casussen: {shown(lopend.max())}." if most
                else f"In {year} waren er geen lopende casussen.") in text
        assert all(title in text for title in titles_of(real, rows["bron_id"])), year  # every source named


def test_the_high_impact_crimes_on_the_crime_page_add_up_to_their_four_parts(real):
    labels = real["indicatoren"].set_index("indicator_id")["label"]
    tables = shown_tables(open_folded(open_app("pages/criminaliteit.py")))
    parts = [labels[c.indicator_id] for c in HIC_PARTS]
    whole = next(row for t in tables if "Indicator" in t.columns for _, row in t.iterrows() if row["Indicator"] == labels[HIC_TOTAL_ID])
    checked = 0
    for year in [c for c in whole.index if c.isdigit() and whole[c] != MISSING]:
        counts = [matching_rows(tables, label, "realisatie", year) for label in parts]
        cells = [rows[0][year] for rows in counts if rows]
        if len(cells) == len(parts) and MISSING not in cells:
            assert int(whole[year].replace(".", "")) == sum(int(c.replace(".", "")) for c in cells), year
            checked += 1
    assert checked, "no year with the High Impact Crimes and all four parts"


def test_the_finances_are_on_their_page_add_up_and_name_every_derived_amount(real):
    money = real["financien"].assign(bedrag=lambda f: f["bedrag"].astype(int))
    first, _ = source_years(real)
    for year, rows in money.groupby("jaar"):
        at = open_folded(open_app("pages/beleid_financien.py", jaar=[str(first), year]))
        table = next(t for t in shown_tables(at) if "Doelstelling" in t.columns)
        for r in rows.itertuples():
            name = r.omschrijving if r.regel == "totaal" else f"{r.regel} {r.omschrijving}"
            cell = table.loc[table["Doelstelling"] == name, f"{r.post.capitalize()} (x € 1.000)"]
            assert cell.tolist() == [shown(r.bedrag)], (year, name, r.post)
        # Each amount is rounded to thousands in the source: the total may differ from the sum by one per doelstelling.
        parts, total = rows[rows["regel"] != "totaal"], rows[rows["regel"] == "totaal"].set_index("post")["bedrag"]
        for post, amount in parts.groupby("post")["bedrag"].sum().items():
            assert abs(total[post] - amount) <= parts["regel"].nunique(), (year, post)
        assert all(title in page_text(at) for title in titles_of(real, rows["bron_id"])), year  # every source named
        captions = " ".join(unmark(c.value) for c in at.caption)
        for r in rows[rows["afgeleid"] == "ja"].itertuples():
            assert f"{r.regel} {r.post}" in captions, (year, r.regel, r.post)


def test_the_tiles_show_the_latest_realisatie_against_its_begroting(real, city):
    catalogue = real["indicatoren"].set_index("indicator_id")
    values = real["waarden"].query("gebied == @city and categorie == ''")
    at = open_app("pages/overzicht.py")
    tiles = {m.label: m for m in at.metric}
    verdicts = dict(zip(tiles, [unmark(t.value) for t in at.markdown if "Doel gehaald in" in t.value]))  # one under each tile
    targeted = values.loc[values["type"] == "begroting", "indicator_id"].unique()
    assert len(tiles) == len(targeted) == len(verdicts)
    for indicator in targeted:
        label, eenheid, richting = catalogue.loc[indicator, ["label", "eenheid", "richting"]]
        by_year = values[values["indicator_id"] == indicator].pivot_table(index="jaar", columns="type", values="waarde", aggfunc="first")
        both = by_year.dropna(subset=["realisatie", "begroting"]) if "realisatie" in by_year else by_year.iloc[0:0]
        year = both.index.max() if not both.empty else by_year.index.max()
        realisatie, begroting = float(by_year.loc[year, "realisatie"]), float(by_year.loc[year, "begroting"])
        tile = tiles[label]
        assert tile.value == shown(realisatie, eenheid) and tile.delta.endswith(f"t.o.v. begroting {shown(begroting, eenheid)}")
        better = realisatie < begroting if richting == LOWER_IS_BETTER else realisatie > begroting
        if richting in (LOWER_IS_BETTER, HIGHER_IS_BETTER) and realisatie != begroting:
            assert verdicts[label].endswith(f"Doel gehaald in {year}: {'ja' if better else 'nee'}"), (label, verdicts)


def test_the_year_filter_spans_every_year_of_the_sources(real):
    at = open_app()
    assert at.slider[0].value == tuple(source_years(real))


def test_every_source_of_a_shown_figure_is_named_on_its_page_and_in_the_colofon(real):
    """A document by its title on the page itself; an open-data table at least by its code (47018NED) there, with
    its title on Colofon or Data en bronnen. Every one of them is named there."""
    documents = real["bronnen"].set_index("bron_id")["titel"]
    open_data = real["open_data_bronnen"].set_index("bron_id")
    catalogue = real["indicatoren"].set_index("indicator_id")
    used: dict[str, set[str]] = {}
    for name in ("waarden", "periodecijfers"):
        for indicator, bron in zip(real[name]["indicator_id"], real[name]["bron_id"]):
            used.setdefault(topic_page(catalogue.loc[indicator, "onderwerp"]).file, set()).add(bron)
    # The woonoverlast and finance pages show one year at a time: their sources are checked per year below.
    for name, page in (("camera_locaties", "cameratoezicht"), ("gemeente_misdrijven", "criminaliteit"), ("gemeente_inwoners", "criminaliteit"),
                       ("wijk_inwoners", "wijkprofiel")):
        used.setdefault(f"pages/{page}.py", set()).update(real[name]["bron_id"])
    colofon = page_text(open_app("pages/colofon.py")) + page_text(open_folded(open_app("pages/data_bronnen.py")))
    for page, sources in used.items():
        text = page_text(open_folded(open_app(page, **({"wijk": "Meerzicht"} if "wijkprofiel" in page else {}))))
        unnamed = [documents[b] for b in sources if b in documents and documents[b] not in text]
        unnamed += [open_data.loc[b, "titel"] for b in sources if b in open_data.index
                    and open_data.loc[b, "titel"] not in text and open_data.loc[b, "tabel"] not in text]
        assert unnamed == [], page
    every = set().union(*used.values())
    titles = [documents[b] for b in every if b in documents] + [open_data.loc[b, "titel"] for b in every if b in open_data.index]
    assert len(titles) == len(every) and [t for t in titles if t not in colofon] == []


def test_the_data_page_offers_every_table_that_has_rows_and_says_which_are_empty(real):
    from ivb.sources.schema import PUBLISHED

    at = open_app("pages/data_bronnen.py")
    labels = [d.proto.label for d in open_folded(at).get("download_button")]
    empty = [name for name in PUBLISHED if real[name].empty]
    assert labels.count("Parquet") == labels.count("CSV") == len(PUBLISHED) - len(empty)
    assert sum("(nog leeg)" in e.proto.label for e in at.expander) == len(empty)


def test_the_camera_map_shows_every_location_and_those_of_a_chosen_wijk(real):
    import json

    cameras = real["camera_locaties"]
    deck = json.loads(open_app("pages/cameratoezicht.py").get("deck_gl_json_chart")[0].proto.json)
    assert sorted(d["naam"] for d in deck["layers"][0]["data"]) == sorted(cameras["naam"])
    for wijk, rows in cameras[cameras["wijk"] != ""].groupby("wijk"):
        chosen = json.loads(open_app("pages/cameratoezicht.py", wijk=wijk).get("deck_gl_json_chart")[0].proto.json)
        assert sorted(d["naam"] for d in chosen["layers"][0]["data"]) == sorted(rows["naam"]), wijk


def wijk_figures(real, year: str) -> dict[str, tuple[int | None, int, bool]]:
    """Per dashboard wijk: (all crimes in ``year``, buurten summed (0: a wijk row), part secret), computed here from
    the sources by the rule of the README: in the newest indeling of that year, a CBS wijk is its own row, else the
    sum of its buurten that wijkcodes knows; a dashboard wijk is the sum of its CBS wijken."""
    police = real["politie_misdrijven"]
    rows = police[(police["misdrijf_code"] == "0.0.0") & (police["maand"] == "0") & (police["jaar"] == year)
                  & (police["soort_regio"] != "gemeente")]
    if rows.empty:
        return {}
    indeling = max(rows["indeling"])  # the newest (ivb.wijken)
    rows = rows[rows["indeling"] == indeling]
    codes = real["wijkcodes"][real["wijkcodes"]["indeling"] == indeling].set_index("code")
    per_cbs: dict[str, list] = {}
    for r in rows.itertuples():
        if r.regio_code not in codes.index:
            continue  # a code no indeling knows counts for no wijk
        cbs = r.regio_code if r.soort_regio == "wijk" else "WK" + r.regio_code[2:8]
        per_cbs.setdefault(cbs, []).append(r)
    result: dict[str, list] = {}
    for cbs, found in per_cbs.items():
        own = [r for r in found if r.soort_regio == "wijk"]
        used = own or found
        count = sum(int(r.aantal) for r in used if r.aantal != "")
        secret = any(r.aantal == "" for r in used)
        total = result.setdefault(codes.at[cbs, "wijk"], [0, 0, False])
        total[0] += count
        total[1] += 0 if own else len(found)
        total[2] = total[2] or secret
    return {wijk: tuple(v) for wijk, v in result.items()}


def test_the_police_figures_of_the_city_and_the_wijken_are_on_the_crime_page(real):
    police = real["politie_misdrijven"].query("misdrijf_code == '0.0.0' and maand == '0' and aantal != ''")
    if police.empty:
        assert "nog geen politiecijfers per wijk ingelezen" in page_text(open_app("pages/criminaliteit.py"))
        return
    tables = shown_tables(open_folded(open_app("pages/criminaliteit.py")))
    for r in police[police["soort_regio"] == "gemeente"].itertuples():
        assert any(row[r.jaar] == shown(int(r.aantal)) for row in matching_rows(tables, ALL_CRIME.label, "realisatie", r.jaar))
    latest = str(max(int(j) for j in police["jaar"]))
    ranked = next(t for t in tables if "Per 1.000 inwoners" in t.columns and "Misdrijven" in t.columns)
    for wijk, (count, _buurten, _secret) in wijk_figures(real, latest).items():
        counts = ranked.loc[ranked["Wijk"] == wijk, "Misdrijven"].tolist()
        assert counts == [shown(count) if count >= 10 else "minder dan 10"], (wijk, counts)


def test_a_wijk_made_from_its_buurten_says_so_with_its_buurten_below(real):
    # Every year with buurt rows: each wijk whose figure is a sum of its buurten says the sum and how many, in words.
    police = real["politie_misdrijven"]
    years = sorted({j for j, k in zip(police["jaar"], police["soort_regio"]) if k == "buurt"})
    if not years:
        return
    figures = wijk_figures(real, years[-1])
    derived = {w: v for w, v in figures.items() if v[1] and v[0] >= 10}
    for wijk, (count, buurten, secret) in list(derived.items())[:3]:  # three wijken: the rule, not every page
        text = page_text(open_app("pages/criminaliteit.py", wijk=wijk, jaar=[years[-1], years[-1]]))
        said = f"In {years[-1]} registreerde de politie in {wijk} {'ca. ' if secret else ''}{shown(count)} misdrijven " \
               f"(som van {buurten} buurt{'en' if buurten != 1 else ''})"
        assert said in text, (wijk, said)
        assert f"in {buurten} buurt" in text
