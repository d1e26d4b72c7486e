"""The wijk geography: point in polygon, the small-number guard, rates only with a population, the wijk list,
the map's classes, the Wijkprofiel page and the links with a wijk the dashboard has no figures for.

The geography and figures of the ``invented`` fixture (tests/fixtures.py) are made up: squares as wijken,
Centrum with 10 woonoverlast cases on 5.000 inwoners, Meerzicht with 9 on 4.000.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from fixtures import INVENTED, open_app, write_invented
from streamlit.testing.v1 import AppTest

from ivb.__main__ import main
from ivb.content import wijk
from ivb.queries import geo
from ivb.sources import geometry
from ivb.views import wijk_map, wijk_tables

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]]}


def app(**params) -> AppTest:
    return open_app("pages/wijkprofiel.py", **params)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_point_in_polygon_respects_the_hole_and_the_edge_of_the_square():
    assert geometry.contains(SQUARE, 3, 3)
    assert not geometry.contains(SQUARE, 1.5, 1.5)  # in the hole
    assert not geometry.contains(SQUARE, 5, 1)


def test_rings_are_rewound_clockwise_for_d3_with_holes_the_other_way():
    rewound = geometry.rewind_for_d3(SQUARE)
    outer, hole = rewound["coordinates"]
    assert geometry.signed_area(outer) < 0 < geometry.signed_area(hole)
    assert geometry.rewind_for_d3(rewound) == rewound


def test_a_camera_lies_in_the_wijk_whose_boundary_holds_its_point(invented):
    # Invented point 52.06, 4.49 in the invented Centrum square, outside the Meerzicht square.
    assert bool(geo.cameras_in("Centrum").set_index("locatie_id").loc["plein", "kaartwijk"])
    assert not bool(geo.cameras_in("Meerzicht").set_index("locatie_id").loc["plein", "kaartwijk"])
    shown = wijk_tables.cameras_table(geo.cameras_in("Meerzicht").assign(kaartwijk=True), "Meerzicht", ["Meerzicht"])
    assert shown["Waarom in deze wijk"].tolist() == ["alleen het geschatte punt valt in deze wijk; de bron noemt Centrum"]


def test_a_count_under_ten_gets_no_rate_and_reads_minder_dan_10(invented):
    rates = geo.woonoverlast_rates(2020).set_index("wijk")
    assert rates.loc["Centrum", "per_1000"] == pytest.approx(2.0)  # 10 cases on 5.000 inwoners
    assert bool(rates.loc["Meerzicht", "klein"]) and pd.isna(rates.loc["Meerzicht", "per_1000"])  # 9 cases
    assert rates.loc["Zoetermeer", "per_1000"] == pytest.approx(19 / 100)
    shown = wijk_tables.rates_table(rates.reset_index(), "Zoetermeer", "Casussen").set_index("Wijk")
    assert shown.loc["Meerzicht", "Casussen"] == "minder dan 10"
    assert shown.loc["Meerzicht", "Per 1.000 inwoners"] == "minder dan 10 gevallen"
    assert shown.loc["Centrum", "Per 1.000 inwoners"] == "2,0"
    handed_out = wijk_tables.guarded(rates.reset_index()).set_index("wijk")  # the download keeps the guard too
    assert handed_out.loc["Meerzicht", "aantal"] == "minder dan 10" and handed_out.loc["Centrum", "aantal"] == 10


def test_no_rate_for_a_year_without_a_population(invented, tmp_path):
    # Invented police file on the 2025 indeling (BU06370501 exists only there): Meerzicht 2020 and 2021;
    # the invented inhabitants exist for 1 January 2020 only.
    path = tmp_path / "politie.csv"
    path.write_text("ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n"
                    "0,0.0.0,WK063705,2020JJ00,80\n1,0.0.0,WK063705,2021JJ00,90\n2,0.0.0,BU06370501,2021JJ00,40\n",
                    encoding="utf-8")
    assert main(["import-politie", str(path)]) == 0
    assert geo.police_rates(2020).set_index("wijk").loc["Meerzicht", "per_1000"] == pytest.approx(20.0)
    later = geo.police_rates(2021).set_index("wijk").loc["Meerzicht"]
    assert later["aantal"] == 90 and pd.isna(later["per_1000"]) and wijk_tables.rate_text(later) == "geen inwonertal"


def test_the_wijk_list_offers_only_wijken_with_figures_tabel_5_1_first(invented):
    # Centrum and Meerzicht have woonoverlast, Rokkeveen (2014-2024) has inhabitants; "Lege Wijk" has nothing.
    assert geo.wijk_choices()["wijk"].tolist() == ["Centrum", "Meerzicht", "Rokkeveen"]


def test_the_wijk_filter_explains_its_order_from_the_gemeentes_own_indelingen(invented):
    said = wijk.filter_help()
    assert said.startswith("Eerst de twee wijken van het jaarverslag (wijkindeling 2025)")
    assert "alleen in de indeling 2014-2024 bestaan, zoals Rokkeveen" in said
    assert "Lege Wijk" not in said  # not in the list: no figures


def test_a_wijk_the_steward_names_in_the_newest_indeling_is_one_documents_may_name_and_comes_first(tmp_path, monkeypatch):
    # Invented: a third wijk of the jaarverslag, spelt "Nieuw-Oost" in its table, in the newest indeling.
    codes = INVENTED["wijkcodes"] + "2025,WK063716,wijk,Verzonnen Oost,Nieuw Oost,Nieuw-Oost,cbs_test,verzonnen\n"
    cases = INVENTED["woonoverlast"] + "2020,nieuw-oost,koop,lopend,3,doc_b,tabel 3,\n"  # as the table spells it
    totals = (INVENTED["woonoverlast_totalen"].replace("2020,,koop,lopend,11,", "2020,,koop,lopend,14,")
              .replace("2020,,,,19,", "2020,,,,22,") + "2020,Nieuw Oost,,,3,doc_b,tabel 3\n")
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", wijkcodes=codes, woonoverlast=cases,
                                                          woonoverlast_totalen=totals)))
    assert geo.wijk_choices()["wijk"].tolist() == ["Centrum", "Meerzicht", "Nieuw Oost", "Rokkeveen"]
    assert geo.woonoverlast_rates(2020).set_index("wijk").loc["Nieuw Oost", "aantal"] == 3
    assert wijk.filter_help().startswith("Eerst de drie wijken van het jaarverslag (wijkindeling 2025)")


def test_an_indeling_with_a_name_that_is_no_year_stops_the_build_at_its_line(invented, capsys):
    path = invented / "bronnen" / "GM0637" / "wijkcodes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2025", "2025-nieuw", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "bronnen/GM0637/wijkcodes.csv" in err and "regel 2" in err
    assert "'2025-nieuw' is geen wijkindeling" in err and "zoals 2025 of 2014-2024" in err


def test_map_legend_and_table_give_every_wijk_the_same_class(invented):
    rates = geo.woonoverlast_rates(2020)
    areas = wijk_tables.map_areas(geo.boundaries("2025"), rates[rates["wijk"] != "Zoetermeer"], "per_1000",
                                  wijk_tables.rate_text)
    spec = wijk_map.wijk_map(areas, "Per 1.000 inwoners", decimals=1, chosen="Centrum")
    shapes = {f["wijk"]: f for f in spec["datasets"]["rows"]}  # a filled template: the wijken are its named rows
    assert shapes["Centrum"]["gekozen"] and shapes["Centrum"]["tekst"] == "2,0"
    assert shapes["Meerzicht"]["klasse"] == shapes["Lege Wijk"]["klasse"] == "geen cijfer"  # guard: no rate, no colour
    table = wijk_tables.rates_table(rates, "Zoetermeer", "Aantal", classes=True).set_index("Wijk")
    assert table.loc["Centrum", "Klasse op de kaart"] == shapes["Centrum"]["klasse"]
    assert [p["name"] for p in spec["params"] if "select" in p] == [wijk_map.SELECTION]  # the click that chooses a wijk


def test_wijkprofiel_shows_the_wijk_beside_the_city_with_the_guard(invented):
    at = app(wijk="Meerzicht")
    assert not at.exception and not at.error
    assert "Wijkprofiel Meerzicht" in texts(at.header)
    body = " ".join(texts(at.markdown))
    assert "Het profiel van Meerzicht staat onder de kaart" in body and "Kies een wijk" not in body
    assert "In 2020 had Meerzicht minder dan 10 concrete casussen woonoverlast" in body
    assert "geen cijfer per 1.000 inwoners" in body
    at = app(wijk="Centrum")
    body = " ".join(texts(at.markdown))
    assert "2,0 per 1.000 inwoners, tegen 0,2 in heel Zoetermeer" in body
    assert at.table[-1].value.shape[0] >= 1  # the cameras in Centrum
    assert at.get("vega_lite_chart"), "the map is missing"


def test_wijkprofiel_without_a_wijk_asks_the_reader_to_choose_one(invented):
    at = app()
    assert not at.exception and "Kies een wijk op de kaart of in het filter 'Wijk'." in texts(at.markdown)


def test_a_link_with_a_wijk_without_figures_opens_with_a_note_not_an_error(invented):
    at = open_app(None, wijk="Lege Wijk")
    assert not at.exception and not at.error
    assert any("Voor de wijk 'Lege Wijk' (wijkindeling 2025) heeft het dashboard geen cijfers" in t for t in texts(at.info))
    at = open_app(None, wijk="Nergenshuizen")
    assert any("De link vraagt om de wijk 'Nergenshuizen', maar die kent het dashboard niet. U ziet nu heel Zoetermeer."
               in t for t in texts(at.warning))


def _geo_files(directory: Path) -> Path:
    """Invented files in the layout of the recovered CBS geography (two indelingen, one wijk each)."""
    directory.mkdir(exist_ok=True)
    (directory / "zoetermeer_wijken_codes_names.csv").write_text(
        "indeling_jaar,wijkcode,cbs_wijknaam,naam_in_jaarstukken_tabel_5_1,bron\n"
        + "".join(f"{y},WK063705,Wijk 05 Rokkeveen,Rokkeveen,{'verzonnen' if y == '2014' else 'idem'}\n" for y in ("2014", "2023", "2024"))
        + "2025,WK063705,Meerzicht,Meerzicht,verzonnen\n2025,WK063715,A12-ZONE,(niet in tabel 5.1),idem\n", encoding="utf-8")
    (directory / "zoetermeer_buurten_2014_2024.csv").write_text(
        "buurtcode,wijkcode_2014_2024,naam_2014,naam_2017_83765NED,naam_2024_85984NED,inwoners_2017_83765NED,inwoners_2024_85984NED\n"
        "BU06370500,WK063705,Verzonnen,Verzonnen,Meerzicht,100,110\n", encoding="utf-8")
    (directory / "zoetermeer_buurten_2025.csv").write_text(
        "buurtcode,buurtnaam_2025,wijkcode_2025,wijknaam_2025\nBU06370501,Verzonnen,WK063705,Meerzicht\n", encoding="utf-8")
    (directory / "zoetermeer_wijk_inwoners.csv").write_text(
        "jaar_peildatum_1jan,regiocode,naam,AantalInwoners,Mannen,Vrouwen,Woningvoorraad,OppervlakteLand_ha,Bevolkingsdichtheid,bron,type\n"
        "2024,GM0637,Zoetermeer,1000,,,400,30,3333,verzonnen,officieel\n2024,WK063705,Rokkeveen,500,,,200,10,5000,verzonnen,officieel\n",
        encoding="utf-8")
    square = [[4.45, 52.05], [4.47, 52.05], [4.47, 52.07], [4.45, 52.07], [4.45, 52.05]]
    for name, code in (("zoetermeer_wijken_2023.geojson", "WK063705"), ("zoetermeer_wijken_2025.geojson", "WK063705")):
        feature = {"type": "Feature", "properties": {"statcode": code, "statnaam": "x"},
                   "geometry": {"type": "Polygon", "coordinates": [square]}}
        (directory / name).write_text(json.dumps({"type": "FeatureCollection", "source": "verzonnen", "features": [feature]}),
                                      encoding="utf-8")
    return directory


def test_curation_names_each_code_per_indeling_and_takes_a_buurt_for_a_wijk_split_off(tmp_path):
    from ivb.sources import wijkdata

    curated = wijkdata.curate(_geo_files(tmp_path / "geo"))
    codes = curated["wijkcodes"].set_index(["indeling", "code"])["wijk"]
    assert codes[("2014-2024", "WK063705")] == "Rokkeveen" and codes[("2025", "WK063705")] == "Meerzicht"
    assert codes[("2025", "WK063715")] == "A12-zone"
    people = curated["wijk_inwoners"].set_index(["jaar", "wijk"])
    # Meerzicht of 2025 has no wijk of its own before; the 2014-2024 buurt with its name gives its inhabitants.
    assert people.loc[("2024", "Meerzicht"), "inwoners"] == "110" and people.loc[("2024", "Meerzicht"), "code"] == "BU06370500"
    assert len(curated["wijkgrenzen"]) == 2


def test_curation_with_part_of_the_geography_names_what_is_missing(tmp_path):
    from ivb.sources import wijkdata

    files = _geo_files(tmp_path / "geo")
    (files / "zoetermeer_wijken_2025.geojson").unlink()
    with pytest.raises(wijkdata.CurationError, match="zoetermeer_wijken_2025.geojson: bestand ontbreekt"):
        wijkdata.curate(files)


def test_once_police_figures_are_imported_the_map_can_show_them_per_1000(invented, tmp_path):
    # Invented police file on the 2025 indeling: Meerzicht 2020 (the year the invented inhabitants have).
    path = tmp_path / "politie.csv"
    path.write_text("ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n"
                    "0,0.0.0,WK063705,2020JJ00,80\n1,0.0.0,BU06370501,2020JJ00,40\n", encoding="utf-8")
    assert main(["import-politie", str(path)]) == 0
    title = "Misdrijven per 1.000 inwoners (2020, politie)"
    assert geo.map_indicators()[title] == ("politie", 2020)
    at = app(wijk="Meerzicht", kaartcijfer=title)
    assert not at.exception and not at.error
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    shapes = {f["wijk"]: f for f in spec["datasets"]["rows"]}  # GeoJSON rows stay in the spec Streamlit sends
    assert shapes["Meerzicht"]["tekst"] == "20,0" and shapes["Centrum"]["klasse"] == "geen cijfer"
    profile = next(t.value for t in at.table if "Alle misdrijven" in t.value.columns)  # the wijk's police figures
    assert profile.iloc[0]["Per 1.000 inwoners"] == "20,0" and profile.iloc[0]["Alle misdrijven"] == "80"
    assert profile.iloc[0]["Inwoners op"] == "1 januari 2020"  # the count it used: of the year, none of the year after


def test_a_wijk_of_one_indeling_says_so_under_the_filter_and_a_stale_map_choice_is_named(invented):
    at = open_app(None, wijk="Rokkeveen")  # the invented Rokkeveen exists only in the 2014-2024 indeling
    assert "Rokkeveen is een wijk van de wijkindeling 2014-2024." in texts(at.sidebar.caption)
    at = app(kaartcijfer="Woonoverlast per 1.000 inwoners (1999)")
    assert not at.exception
    assert any("De link vraagt om de kaartkeuze 'Woonoverlast per 1.000 inwoners (1999)', maar die kent het dashboard niet"
               in t for t in texts(at.warning))


def test_curation_gives_each_buurt_its_inhabitants_of_2017_and_2024_in_its_wijk(tmp_path):
    from ivb.sources import wijkdata

    files = _geo_files(tmp_path / "geo")
    # A second invented buurt of the same wijk, for which the source gives no count in 2017.
    with (files / "zoetermeer_buurten_2014_2024.csv").open("a", encoding="utf-8") as out:
        out.write("BU06370501,WK063705,Verzonnen Twee,Verzonnen Twee,Verzonnen Twee,,35\n")
    people = wijkdata.curate(files)["buurt_inwoners"].set_index(["jaar", "code"])
    assert people.loc[("2017", "BU06370500"), ["inwoners", "wijk", "indeling", "bron_id"]].tolist() == [
        "100", "Rokkeveen", "2014-2024", "cbs_83765ned"]
    assert people.loc[("2024", "BU06370500"), ["inwoners", "cbs_naam", "bron_id"]].tolist() == ["110", "Meerzicht", "cbs_85984ned"]
    assert people.loc[("2017", "BU06370501"), "inwoners"] == "" and "geen inwonertal" in people.loc[("2017", "BU06370501"), "toelichting"]
    assert people.loc[("2024", "BU06370501"), "inwoners"] == "35" and (people["afgeleid"] == "nee").all()
