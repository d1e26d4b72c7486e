"""Every page through Streamlit's AppTest, on the invented data of tests/fixtures.py (every figure there is made up):
the shared filters, bad links and missing data, tiles and verdicts, charts with alt text and downloads, the woonoverlast
and camera pages, the data page. The rules the real figures must keep are in tests/test_real_data.py.

AppTest drops the sidebar of file-based pages from its element tree after a widget-triggered
rerun, so filters are set the way a shared link sets them: through the URL before the run.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest
from fixtures import INVENTED, invented_label, invented_table, invented_years, open_app, open_folded, parquet, shown_tables, write_invented

from ivb.markup import unmark
from ivb.site import PAGES as SITE_PAGES
from ivb.sources.schema import PUBLISHED
from ivb.ui.draw import GENERIC_ERROR

PAGES = [p.file for p in SITE_PAGES]
DATA_PAGES = {p.file for p in SITE_PAGES if p.report}  # the pages of figures; the others are text (colofon, ...)
CITY_ONLY = [p for p in DATA_PAGES if p not in ("pages/woonoverlast.py", "pages/cameratoezicht.py", "pages/data_bronnen.py",
                                                 "pages/wijkprofiel.py", "pages/gegevensstatus.py")]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_a_wijk_chosen(invented, page):
    at = open_app(page, wijk="Meerzicht", jaar=["2014", "2020"])  # an invented wijk with figures, in the invented years
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)
    assert at.session_state["wijk"] == "Meerzicht" and at.session_state["jaar"] == (2014, 2020)
    notice = any("alleen voor heel Zoetermeer" in t for t in texts(at.info))
    assert notice == (page in CITY_ONLY), f"{page}: city-only notice {'missing' if not notice else 'wrong'}"


def test_year_filter_from_the_link_narrows_the_crime_table(invented):
    at = open_folded(open_app("pages/criminaliteit.py", jaar=["2015", "2020"]))
    hic = invented_label("hic_totaal")
    first = next(t for t in shown_tables(at) if hic in set(t.get("Indicator", [])))
    assert [c for c in first.columns if c.isdigit()] == ["2015"]  # invented: the crime totals have 2014 and 2015 only
    assert first.set_index("Indicator").loc[hic, "2015"] == "90"  # invented: High Impact Crimes 2015


@pytest.mark.parametrize(
    ("params", "what"),
    [
        ({"wijk": "<script>alert(1)</script>"}, "wijk"),
        ({"wijk": "' OR 1=1 --"}, "wijk"),
        ({"jaar": "abc"}, "jaren"),
        ({"jaar": ["1800", "2017"]}, "jaren"),
        ({"jaar": "' OR 1=1"}, "jaren"),
    ],
)
def test_hostile_or_invalid_link_values_are_ignored_with_a_notice(invented, params, what):
    at = open_app(**params)  # the link opens the app; the notice shows on that first run
    assert not at.exception, at.exception
    notice = next(w for w in texts(at.warning) if w.startswith(f"De link vraagt om de {what} "))
    assert "maar die kent het dashboard niet. U ziet nu" in notice and ("heel Zoetermeer" in notice or "alle jaren" in notice)
    at.switch_page("pages/criminaliteit.py")
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["wijk"] == "Heel Zoetermeer"
    assert at.session_state["jaar"] == invented_years()  # every year a source has


def test_missing_data_file_gives_a_message_on_its_page_and_other_pages_work(invented):
    (parquet(invented, "woonoverlast")).unlink()
    at = open_app()  # the first run includes the sidebar, whose year filter must not depend on that file
    assert not at.exception and not at.error, texts(at.error)
    assert at.slider and at.slider[0].value == invented_years()
    at.switch_page("pages/woonoverlast.py")
    at.run()
    assert not at.exception
    assert any("woonoverlast.parquet" in e and "ontbreekt" in e for e in texts(at.error))


def test_the_woninginbraken_tile_names_the_latest_police_year_with_rate_and_rank(invented):
    # Invented open data of 2024 (voorlopig): Zoetermeer 90 woninginbraken on 100.000 inhabitants (0,900 per 1.000);
    # the three invented municipalities 0,5, 0,7 and 1,2: Zoetermeer is the third lowest of four.
    at = open_app("pages/overzicht.py")
    assert ("Politie 2024 (voorlopig): 90 woninginbraken, 0,900 per 1.000 inwoners; de 3e laagste van 5 in de "
            "vergelijkingsgroep (zie Criminaliteit).") in [unmark(c.value) for c in at.caption]  # as the reader sees it


def test_overview_tiles_give_the_verdict_and_its_reason_in_both_directions(invented, tmp_path, monkeypatch):
    # Invented 2020: woninginbraken 25 against a begroting of 30 (lager is beter), rapportcijfer 7,1 against 7,0.
    at = open_app("pages/overzicht.py")
    tiles = {m.label: (m.value, m.delta) for m in at.metric}
    burglary, rating = invented_label("woninginbraken"), invented_label("rapportcijfer_stad")
    assert tiles == {burglary: ("25", "-5 t.o.v. begroting 30"), rating: ("7,1", "+0,1 t.o.v. begroting 7,0")}
    verdicts = [t for t in texts(at.markdown) if "Doel gehaald" in t]
    assert len(verdicts) == 2 and all(t.endswith("Doel gehaald in 2020: ja**") for t in verdicts)
    assert {"25 ligt onder de begroting van 30 (lager is beter).",
            "7,1 ligt boven de begroting van 7,0 (hoger is beter)."} <= {unmark(c.value) for c in at.caption}
    # The same rapportcijfer invented below its begroting: "nee", with the reason.
    worse = INVENTED["waarden"].replace("rapportcijfer_stad,2020,Zoetermeer,,realisatie,7.1", "rapportcijfer_stad,2020,Zoetermeer,,realisatie,6.8")
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "worse", waarden=worse)))
    at = open_app("pages/overzicht.py")
    assert {m.label: (m.value, m.delta) for m in at.metric}[rating] == ("6,8", "-0,2 t.o.v. begroting 7,0")
    assert sorted(t.split("Doel gehaald in ")[1] for t in texts(at.markdown) if "Doel gehaald" in t) == ["2020: ja**", "2020: nee**"]
    assert "6,8 ligt onder de begroting van 7,0 (hoger is beter)." in {unmark(c.value) for c in at.caption}


# (charts, CSV downloads) on the invented data: every chart has its two downloads, and so has every table of single
# figures. Pages whose visuals have no invented figures (zorg en jeugd, ondermijning) show no chart; on the real data,
# tests/test_real_data.py checks every page.
CHARTS_PER_PAGE = {
    "pages/overzicht.py": (2, 2),
    "pages/criminaliteit.py": (7, 8),  # open data: counts, rates, comparison, median trend; documents: three
    "pages/veiligheidsbeleving.py": (1, 1),
    "pages/woonoverlast.py": (1, 1),
    "pages/handhaving_jaarwisseling.py": (2, 2),
    "pages/beleid_financien.py": (1, 2),  # + speerpunten
}


def chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def chart_rows(chart) -> pd.DataFrame:
    """The rows of a chart's main dataset, as Streamlit sends them to the browser."""
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    return max(frames, key=len)


@pytest.mark.parametrize(("page", "counts"), CHARTS_PER_PAGE.items())
def test_every_chart_and_table_of_figures_has_alt_text_and_two_downloads(invented, page, counts):
    charts_count, downloads_count = counts
    at = open_app(page)
    charts = at.get("vega_lite_chart")
    assert len(charts) == charts_count
    assert all(c.proto.alt for c in charts), "a chart without alt text"
    closed = [d.proto.label for d in at.get("download_button")]
    assert closed.count("Grafiek als PNG") == 0, "a chart menu's buttons are made while it is closed"
    closed_tables = len(at.table)
    labels = [d.proto.label for d in open_folded(at).get("download_button")]
    assert len(at.table) >= closed_tables + charts_count, "a chart's table is made while its fold is closed, or not at all"
    assert labels.count("Grafiek als PNG") == labels.count("Grafiek als SVG") == charts_count
    assert labels.count("CSV downloaden") == downloads_count and labels.count("CSV voor Excel (NL)") == downloads_count


@pytest.mark.parametrize("page", ["pages/overzicht.py", "pages/criminaliteit.py", "pages/veiligheidsbeleving.py"])
def test_begroting_layer_is_dashed_wherever_a_target_exists(invented, page):
    specs = [s for s in chart_specs(open_app(page)) if "layer" in s]
    with_target = [s for s in specs if any(layer.get("encoding", {}).get("text") == {"value": "begroting"} for layer in s["layer"])]
    assert with_target, f"{page} shows no chart with a begroting"
    for spec in with_target:
        lines = next(layer for layer in spec["layer"] if "strokeDash" in layer.get("encoding", {}))
        scale = lines["encoding"]["strokeDash"]["scale"]
        assert dict(zip(scale["domain"], map(tuple, scale["range"])))["Begroting"] == (6, 4)


def test_woninginbraken_chart_holds_the_figures_of_the_documents_for_the_chosen_years(invented):
    at = open_app("pages/criminaliteit.py", jaar=["2015", "2020"])
    shown = chart_rows(next(c for c in at.get("vega_lite_chart") if c.proto.alt.startswith("Woninginbraken tegen de begroting")))
    values = invented_table("waarden").query("indicator_id == 'woninginbraken'")
    expected = {(int(j), t, float(w)) for j, t, w in zip(values["jaar"], values["type"], values["waarde"]) if 2015 <= int(j) <= 2020}
    assert set(zip(shown["jaar"], shown["soort"].str.lower(), shown["waarde"].astype(float))) == expected
    assert expected and 2014 not in {j for j, _, _ in expected} | set(shown["jaar"])  # the invented 2014 is filtered out


def test_camera_page_shows_the_map_and_every_location_of_the_chosen_wijk(invented):
    at = open_app("pages/cameratoezicht.py")
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert [d["naam"] for d in deck["layers"][0]["data"]] == ["Verzonnen plein"]  # the one invented location, in Centrum
    assert any("benaderd" in w for w in texts(at.warning))
    centrum = json.loads(open_app("pages/cameratoezicht.py", wijk="Centrum").get("deck_gl_json_chart")[0].proto.json)
    assert [d["naam"] for d in centrum["layers"][0]["data"]] == ["Verzonnen plein"]
    elsewhere = open_app("pages/cameratoezicht.py", wijk="Meerzicht")
    assert not elsewhere.get("deck_gl_json_chart") and "Geen locaties van vast cameratoezicht bekend in de wijk Meerzicht." in texts(
        elsewhere.info)


def test_data_page_offers_every_table_with_rows_in_three_formats_and_says_which_are_empty(invented):
    at = open_app("pages/data_bronnen.py")
    assert not [d for d in at.get("download_button") if d.proto.label == "Parquet"], "rows drawn while folded"
    labels = [d.proto.label for d in open_folded(at).get("download_button")]
    # The tables the invented sources curate (a table of a group they leave out, such as a comparison group of the
    # steward's own, is not the gemeente's and not listed); of those, the ones without rows.
    listed = [name for name in PUBLISHED if name in INVENTED]
    empty = [name for name in listed if invented_table(name).empty]
    assert "politie_misdrijven" in empty  # invented: no police figures per wijk imported
    assert labels.count("Parquet") == labels.count("CSV") == len(listed) - len(empty)
    assert any("Politiecijfers per wijk en buurt (nog leeg)" in e.proto.label for e in at.expander)
    assert sum("(nog leeg)" in e.proto.label for e in at.expander) == len(empty)
    assert not any("(0 rijen)" in e.proto.label for e in at.expander)


def test_a_fault_in_a_section_gets_a_generic_message_and_a_logged_traceback(invented, monkeypatch, caplog):
    def broken(*args):
        raise KeyError("verzonnen programmeerfout")

    monkeypatch.setattr("ivb.queries.documents.woonoverlast_years", broken)
    with caplog.at_level("ERROR", logger="ivb"):
        at = open_app("pages/woonoverlast.py")
    assert not at.exception
    errors = texts(at.error)
    assert errors == [GENERIC_ERROR]
    assert "fout in het dashboard" in errors[0] and "onleesbaar" not in errors[0] and "/" not in errors[0]
    logged = [r for r in caplog.records if r.name.startswith("ivb") and r.exc_info]
    assert logged and "verzonnen programmeerfout" in str(logged[0].exc_info[1])


def test_a_missing_file_message_names_the_file_but_no_path_or_command(invented):
    (parquet(invented, "financien")).unlink()
    at = open_app("pages/beleid_financien.py")
    message = next(e for e in texts(at.error) if "financien.parquet" in e)
    assert "ontbreekt" in message and str(invented) not in message and "make" not in message and "python" not in message


def test_a_tile_names_both_sources_when_realisatie_and_begroting_come_from_two_documents(invented):
    # Invented: woninginbraken 2020 realisatie from "Verzonnen verslag B", begroting from "Verzonnen nota A".
    at = open_app("pages/overzicht.py")
    tile = next(m for m in at.metric if m.label == invented_label("woninginbraken"))
    assert tile.value == "25" and "2020" in " ".join(texts(at.markdown))
    shown = unmark(tile.proto.help)  # as the reader sees the help text
    assert "Realisatie: Verzonnen verslag B, p. 5" in shown and "Begroting: Verzonnen nota A, p. 6" in shown


def test_the_finance_caption_names_every_derived_amount(invented):
    money = invented_table("financien")
    derived = [f"{r} {p}" for r, p, a in zip(money["regel"], money["post"], money["afgeleid"]) if a == "ja"]
    assert derived == ["5.1 baten"]  # invented: the baten of 5.1 derived
    at = open_app("pages/beleid_financien.py")
    assert any("Afgeleid uit de totalen, omdat ze in de bron niet leesbaar zijn: 5.1 baten." in c.value for c in at.caption)


def test_a_figure_over_a_period_stands_in_the_period_table_never_as_a_point_of_a_yearly_chart(tmp_path, monkeypatch):
    # Invented: huisverboden 30 in 2015 and 40 in 2020, and "gemiddelde per jaar 35" over 2014-2015.
    catalogue = INVENTED["indicatoren"] + ("huisverboden,Verzonnen huisverboden,aantal,geen,zorg_jeugd,huiselijk_geweld,,5.1,"
                                           "gemeente,Verzonnen.,doc_b,p. 15,\n")
    values = INVENTED["waarden"] + ("huisverboden,2015,Zoetermeer,,realisatie,30,nee,nee,doc_a,p. 15,\n"
                                    "huisverboden,2020,Zoetermeer,,realisatie,40,nee,nee,doc_b,p. 15,\n")
    periods = INVENTED["periodecijfers"] + "huisverboden,2014,2015,gemiddelde per jaar,35,nee,doc_a,p. 16,\n"
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", indicatoren=catalogue, waarden=values,
                                                          periodecijfers=periods)))
    at = open_folded(open_app("pages/zorg_jeugd.py"))
    table = next(t for t in shown_tables(at) if "Statistiek" in t.columns)
    assert table[["Indicator", "Periode", "Statistiek", "Waarde"]].values.tolist() == [
        ["Verzonnen huisverboden", "2014-2015", "gemiddelde per jaar", "35"]]
    yearly = chart_rows(next(c for c in at.get("vega_lite_chart") if c.proto.alt.startswith("Huiselijk geweld")))
    assert set(zip(yearly["jaar_tekst"].astype(int), yearly["waarde"])) == {(2015, 30), (2020, 40)}


def test_with_a_wijk_chosen_a_city_figure_is_labelled_heel_zoetermeer(invented):
    at = open_app("pages/veiligheidsbeleving.py", wijk="Meerzicht")
    headers = texts(at.header)
    assert headers and all(h.endswith("(heel Zoetermeer)") for h in headers), headers
    at = open_app("pages/veiligheidsbeleving.py")
    assert at.header and not any("(heel Zoetermeer)" in h for h in texts(at.header))


def test_every_term_the_pages_link_to_is_explained_on_the_begrippenlijst(invented):
    import re

    linked = set()
    for page in DATA_PAGES:
        at = open_app(page)
        linked |= {m for c in at.caption for m in re.findall(r"\(begrippenlijst#([a-z0-9-]+)\)", c.value)}
    assert {"hic", "woonoverlast", "rapportcijfer", "begroting", "voorlopig", "per-1000"} <= linked
    glossary = open_app("pages/begrippenlijst.py")
    anchors = {h.proto.anchor for h in glossary.header}
    assert linked <= anchors


def test_the_speerpunten_table_names_the_documents_of_its_rows(invented):
    # Invented speerpunten: one row, from "Verzonnen verslag B"; no other document may be named as its source.
    at = open_app("pages/beleid_financien.py")
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "Jaarverslag 2024" in c or "Kadernota" in c], "a document the data does not hold"
    assert any("Verzonnen verslag B" in c for c in captions)


def test_a_table_without_rows_says_so_and_offers_no_download(invented, monkeypatch):
    from ivb.queries import documents

    # The invented period figures hold none for this topic once the query gives no rows.
    real = documents.period_figures
    monkeypatch.setattr(documents, "period_figures", lambda topic: real(topic).iloc[0:0])
    from fixtures import _folded_keys

    at = open_app("pages/zorg_jeugd.py")
    assert "Gemiddelden uit de kadernota" in texts(at.header)
    assert "Geen cijfers voor deze selectie." in " ".join(texts(at.markdown) + texts(at.caption) + texts(at.info))
    assert not [key for key in _folded_keys(at.main) if "gemiddelden" in key], "a download menu for an empty table"
