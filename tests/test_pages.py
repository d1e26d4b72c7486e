"""Every page through Streamlit's AppTest: runs clean, reads the shared filters, survives bad links
and missing data.

AppTest drops the sidebar of file-based pages from its element tree after a widget-triggered
rerun, so filters are set the way a shared link sets them: through the URL before the run.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest
from fixtures import open_app, open_folded

from ivb import config
from ivb.markup import unmark
from ivb.queries import documents
from ivb.schema import PUBLISHED
from ivb.site import PAGES as SITE_PAGES
from ivb.ui.blocks import GENERIC_ERROR

PAGES = [p.file for p in SITE_PAGES]
DATA_PAGES = {p.file for p in SITE_PAGES if p.report}  # the pages of figures; the others are text (colofon, ...)
CITY_ONLY = [p for p in DATA_PAGES if p not in ("pages/woonoverlast.py", "pages/cameratoezicht.py", "pages/data_bronnen.py",
                                                 "pages/wijkprofiel.py", "pages/gegevensstatus.py")]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_default_filters(page):
    at = open_app(page)
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)
    assert at.title, f"{page} shows no title"
    if page in DATA_PAGES:  # the tables under the charts are drawn once their fold is opened
        opened = open_folded(at)
        assert opened.table or opened.dataframe, f"{page} shows no table"
    else:
        assert len(at.header) >= 2, f"{page} shows fewer than two sections"


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_a_wijk_chosen(page):
    at = open_app(page, wijk="Seghwaert", jaar=["2016", "2024"])
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)
    assert at.session_state["wijk"] == "Seghwaert" and at.session_state["jaar"] == (2016, 2024)
    notice = any("alleen voor heel Zoetermeer" in t for t in texts(at.info))
    assert notice == (page in CITY_ONLY), f"{page}: city-only notice {'missing' if not notice else 'wrong'}"


def test_year_filter_from_the_link_narrows_the_crime_table():
    at = open_folded(open_app("pages/criminaliteit.py", jaar=["2015", "2016"]))
    first = next(t.value for t in at.table if "High Impact Crimes" in set(t.value.get("Indicator", [])))
    assert [c for c in first.columns if c.isdigit()] == ["2015", "2016"]
    assert first.set_index("Indicator").loc["High Impact Crimes", "2016"] == 1015  # kadernota, tabel 2.1


def test_woonoverlast_names_the_wijk_with_most_open_cases_and_narrows_to_the_wijk():
    at = open_app("pages/woonoverlast.py", wijk="Rokkeveen")
    assert any("**Meerzicht** de meeste lopende casussen: 31" in t for t in texts(at.markdown))
    matrix = next(t.value for t in open_folded(at).table if "Totaal" in t.value.columns)
    assert matrix["Wijk"].tolist() == ["Rokkeveen"] and matrix["Totaal"].tolist() == [23]  # tabel 5.1


def test_woonoverlast_outside_its_years_says_so():
    at = open_app("pages/woonoverlast.py", jaar=["2014", "2017"])
    assert any("geen cijfers in de gekozen jaren 2014-2017" in t and "2024" in t for t in texts(at.info))


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
def test_hostile_or_invalid_link_values_are_ignored_with_a_notice(params, what):
    at = open_app(**params)  # the link opens the app; the notice shows on that first run
    assert not at.exception, at.exception
    notice = next(w for w in texts(at.warning) if w.startswith(f"De link vraagt om de {what} "))
    assert "maar die kent het dashboard niet. U ziet nu" in notice and ("heel Zoetermeer" in notice or "alle jaren" in notice)
    at.switch_page("pages/criminaliteit.py")
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["wijk"] == "Heel Zoetermeer"
    assert at.session_state["jaar"] == (2012, 2025)  # every year a source has: the open data run 2012-2025


def test_missing_data_file_gives_a_message_on_its_page_and_other_pages_work(use_data_dir):
    (config.tables_dir(use_data_dir) / "woonoverlast.parquet").unlink()
    at = open_app()  # the first run includes the sidebar, whose year filter must not depend on that file
    assert not at.exception and not at.error, texts(at.error)
    assert at.slider and at.slider[0].value == (2012, 2025)
    at.switch_page("pages/woonoverlast.py")
    at.run()
    assert not at.exception
    assert any("woonoverlast.parquet" in e and "ontbreekt" in e for e in texts(at.error))


def test_the_woninginbraken_tile_names_the_latest_police_year_with_rate_and_rank():
    # 47018NED: 141 woninginbraken in 2025 (voorlopig), 1,086 per 1.000; 8th lowest of the 17 municipalities in the file.
    at = open_app("pages/overzicht.py")
    assert "Politie 2025 (voorlopig): 141 woninginbraken, 1,086 per 1.000 inwoners; de 8e laagste van 17 in de vergelijkingsgroep (zie Criminaliteit)." in [
        unmark(c.value) for c in at.caption]  # as the reader sees it: the Markdown escapes taken out


def test_overview_tiles_agree_with_the_verdicts_of_the_report():
    # Jaarverslag 2024 says "Doel gehaald: Ja." for woninginbraken and both rapportcijfers.
    at = open_app("pages/overzicht.py")
    tiles = {m.label: (m.value, m.delta) for m in at.metric}
    assert tiles == {
        "Woninginbraken": ("89", "-91 t.o.v. begroting 180"),
        "Rapportcijfer veiligheid in de buurt": ("8,0", "+0,5 t.o.v. begroting 7,5"),
        "Rapportcijfer veiligheid in Zoetermeer": ("7,6", "+0,2 t.o.v. begroting 7,4"),
    }
    verdicts = [t for t in texts(at.markdown) if "Doel gehaald" in t]
    assert len(verdicts) == 3 and all(t.endswith("Doel gehaald in 2024: ja**") for t in verdicts)
    reasons = [unmark(c.value) for c in at.caption]
    assert {"89 ligt onder de begroting van 180 (lager is beter).", "8,0 ligt boven de begroting van 7,5 (hoger is beter).",
            "7,6 ligt boven de begroting van 7,4 (hoger is beter)."} <= set(reasons)


# (charts, CSV downloads): every chart has its two downloads, and so has every table of single figures.
CHARTS_PER_PAGE = {
    "pages/overzicht.py": (2, 2),
    "pages/criminaliteit.py": (7, 9),  # open data: counts, rates, comparison, median trend (+ documents beside police); documents: three; digitale criminaliteit
    "pages/veiligheidsbeleving.py": (2, 2),
    "pages/woonoverlast.py": (1, 1),
    "pages/zorg_jeugd.py": (3, 5),  # + overige kengetallen, gemiddelden
    "pages/ondermijning.py": (3, 4),
    "pages/handhaving_jaarwisseling.py": (3, 4),
    "pages/beleid_financien.py": (1, 2),  # + speerpunten
}


def chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def chart_rows(chart) -> pd.DataFrame:
    """The rows of a chart's main dataset, as Streamlit sends them to the browser."""
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    return max(frames, key=len)


@pytest.mark.parametrize(("page", "counts"), CHARTS_PER_PAGE.items())
def test_every_chart_and_table_of_figures_has_alt_text_and_two_downloads(page, counts):
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
def test_begroting_layer_is_dashed_wherever_a_target_exists(page):
    specs = [s for s in chart_specs(open_app(page)) if "layer" in s]
    with_target = [s for s in specs if any(layer.get("encoding", {}).get("text") == {"value": "begroting"} for layer in s["layer"])]
    assert with_target, f"{page} shows no chart with a begroting"
    for spec in with_target:
        lines = next(layer for layer in spec["layer"] if "strokeDash" in layer.get("encoding", {}))
        scale = lines["encoding"]["strokeDash"]["scale"]
        assert dict(zip(scale["domain"], map(tuple, scale["range"])))["Begroting"] == (6, 4)


def test_woninginbraken_chart_holds_the_figures_of_the_documents_for_the_chosen_years():
    at = open_app("pages/criminaliteit.py", jaar=["2016", "2024"])
    shown = chart_rows(next(c for c in at.get("vega_lite_chart") if c.proto.alt.startswith("Woninginbraken tegen de begroting")))
    # Kadernota tabel 2.1 (2016-2017) and jaarverslag 2024, doelstelling 5.1 (2023-2024, begroting 180).
    expected = {(2016, "realisatie", 302), (2017, "realisatie", 247), (2023, "realisatie", 97), (2024, "realisatie", 89),
                (2023, "begroting", 180), (2024, "begroting", 180)}
    assert set(zip(shown["jaar"], shown["type"], shown["waarde"])) == expected


def test_wijk_filter_narrows_the_woonoverlast_chart():
    at = open_app("pages/woonoverlast.py", wijk="Oosterheem")
    shown = chart_rows(at.get("vega_lite_chart")[0])
    assert set(shown["wijk"]) == {"Oosterheem"} and shown["aantal"].sum() == 17


def test_camera_page_shows_the_map_and_every_location():
    at = open_app("pages/cameratoezicht.py")
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert len(deck["layers"][0]["data"]) == 4
    assert any("benaderd" in w for w in texts(at.warning))
    buytenwegh = json.loads(open_app("pages/cameratoezicht.py", wijk="Buytenwegh").get("deck_gl_json_chart")[0].proto.json)
    assert [d["naam"] for d in buytenwegh["layers"][0]["data"]] == ["Klein gebied in Buytenwegh"]


def test_data_page_offers_every_table_with_rows_in_three_formats_and_says_which_are_empty():
    at = open_app("pages/data_bronnen.py")
    assert not [d for d in at.get("download_button") if d.proto.label == "Parquet"], "rows drawn while folded"
    labels = [d.proto.label for d in open_folded(at).get("download_button")]
    empty = [name for name in PUBLISHED if documents.whole_table(name).empty]
    assert empty == ["politie_misdrijven"]  # until the steward imports police figures per wijk
    assert labels.count("Parquet") == labels.count("CSV") == len(PUBLISHED) - len(empty)
    assert any("Politiecijfers per wijk en buurt (nog leeg)" in e.proto.label for e in at.expander)
    assert not any("(0 rijen)" in e.proto.label for e in at.expander)



def test_a_fault_in_a_section_gets_a_generic_message_and_a_logged_traceback(monkeypatch, caplog):
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


def test_a_missing_file_message_names_the_file_but_no_path_or_command(use_data_dir):
    (config.tables_dir(use_data_dir) / "financien.parquet").unlink()
    at = open_app("pages/beleid_financien.py")
    message = next(e for e in texts(at.error) if "financien.parquet" in e)
    assert "ontbreekt" in message and str(use_data_dir) not in message and "make" not in message and "python" not in message


def test_a_tile_names_both_sources_when_realisatie_and_begroting_come_from_two_documents(invented):
    # Invented: woninginbraken 2020 realisatie from "Verzonnen verslag B", begroting from "Verzonnen nota A".
    at = open_app("pages/overzicht.py")
    tile = next(m for m in at.metric if m.label == "Woninginbraken")
    assert tile.value == "25" and "2020" in " ".join(texts(at.markdown))
    shown = unmark(tile.proto.help)  # as the reader sees the help text
    assert "Realisatie: Verzonnen verslag B, p. 5" in shown and "Begroting: Verzonnen nota A, p. 6" in shown


def test_a_year_without_lopende_cases_says_so_instead_of_failing(tmp_path, monkeypatch):
    from fixtures import write_invented

    # Invented: every case of 2020 afgerond.
    cells = "jaar,wijk,eigendom,status,aantal,bron_id,vindplaats,toelichting\n2020,Centrum,koop,afgerond,3,doc_b,tabel 3,\n"
    totals = ("jaar,wijk,eigendom,status,aantal,bron_id,vindplaats\n2020,Centrum,,,3,doc_b,t\n2020,,koop,afgerond,3,doc_b,t\n"
              "2020,,,,3,doc_b,t\n")
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", woonoverlast=cells, woonoverlast_totalen=totals)))
    at = open_app("pages/woonoverlast.py")
    assert not at.exception and not at.error
    assert any("geen lopende casussen" in t for t in texts(at.markdown))


def test_the_finance_caption_names_every_derived_amount():
    # Jaarverslag 2024: the 5.1 lasten and baten and the 5.2 baten are lost in extraction and derived (kwaliteit.csv).
    at = open_app("pages/beleid_financien.py")
    assert any("5.1 lasten, 5.1 baten en 5.2 baten" in c.value for c in at.caption)


def test_the_kadernota_gebiedsverboden_are_measures_not_persons():
    at = open_app("pages/zorg_jeugd.py")
    periods = next(t.value for t in at.table if "Statistiek" in t.value.columns)
    assert set(periods.loc[periods["Waarde"].isin([6, 25]), "Indicator"]) == {"Opgelegde gebiedsverboden (maatregelen, kadernota)"}
    bars = next(c for c in at.get("vega_lite_chart") if c.proto.alt.startswith("Gebiedsverboden"))
    assert set(chart_rows(bars)["jaar"]) == {2024}  # the 41 persons of 2024 stand alone in their chart


def test_woonoverlast_states_the_total_of_tabel_5_1_in_the_page_text():
    # Jaarverslag 2024, tabel 5.1: 210 casussen, 142 lopend en 68 afgerond.
    at = open_app("pages/woonoverlast.py")
    assert any("**210** concrete casussen woonoverlast: 142 lopend en 68 afgerond" in t for t in texts(at.markdown))


def test_with_a_wijk_chosen_a_city_figure_is_labelled_heel_zoetermeer():
    at = open_app("pages/veiligheidsbeleving.py", wijk="Rokkeveen")
    headers = texts(at.header)
    assert headers and all(h.endswith("(heel Zoetermeer)") for h in headers), headers
    at = open_app("pages/veiligheidsbeleving.py")
    assert not any("(heel Zoetermeer)" in h for h in texts(at.header))


def test_a_wijk_that_tabel_5_1_does_not_have_shows_the_city_with_a_note():
    at = open_app("pages/woonoverlast.py", wijk="Buytenwegh-De Leyens")
    assert not at.exception and not at.error
    assert any("staat er niet in (Buytenwegh en De Leyens staan er apart)" in t for t in texts(at.info))
    assert any("in heel Zoetermeer **210**" in t for t in texts(at.markdown))  # tabel 5.1: 210 cases in 2024


def test_every_term_the_pages_link_to_is_explained_on_the_begrippenlijst():
    import re

    linked = set()
    for page in DATA_PAGES:
        at = open_app(page)
        linked |= {m for c in at.caption for m in re.findall(r"\(begrippenlijst#([a-z0-9-]+)\)", c.value)}
    assert {"hic", "woonoverlast", "rapportcijfer", "begroting", "voorlopig", "per-1000"} <= linked
    glossary = open_app("pages/begrippenlijst.py")
    anchors = {h.proto.anchor for h in glossary.header}
    assert linked <= anchors
