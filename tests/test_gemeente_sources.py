"""The sources of more than one gemeente: ``update --gemeente``, ``import-politie --gemeente`` and ``nieuwe-gemeente``.

The data directory is the invented one of tests/fixtures.py: GM0637 with its invented documents and wijken, and
GM9001, "Gemeente Aa", an INVENTED gemeente with open data only. CBS and PDOK are the local stub of tests/cbs_stub.py
(127.0.0.1 only, a handful of requests), whose answers are invented too.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from cbs_stub import serving
from fixtures import open_app, parquet, snapshot, source_path, write_invented

from ivb import config
from ivb.__main__ import main
from ivb.gemeente import DOCUMENTS, WIJKEN, curated
from ivb.sources import cbs
from ivb.sources.schema import GROUPS, TABLES_BY_NAME

SECOND = "GM9001"  # invented: "Gemeente Aa" of tests/fixtures.py


@pytest.fixture
def stub(monkeypatch):
    with serving(monkeypatch) as running:
        yield running


@pytest.fixture
def data(tmp_path, monkeypatch):
    target = write_invented(tmp_path / "data")
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    return target


def files(directory):
    """The bytes of every file under ``directory`` by its relative path."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def rows(path, **where) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in where.items():
        frame = frame[frame[column] == value]
    return frame


def test_update_of_a_second_gemeente_writes_only_its_own_files_and_rows(stub, data, capsys):
    sources = data / "bronnen"
    first = files(sources / "GM0637")
    others = rows(sources / "gemeente_inwoners.csv").query("gemeentecode != @SECOND")
    listed = rows(sources / "open_data_bronnen.csv")
    assert main(["update", "--gemeente", SECOND]) == 0
    out, err = capsys.readouterr()
    assert "[###-] 4/4 PDOK, wijkgrenzen" in err and "Wijken van Gemeente Aa samengesteld" in out
    assert files(sources / "GM0637") == first  # the first gemeente's own files: untouched
    assert sorted(p.name for p in (sources / SECOND).iterdir()) == sorted(f"{n}.csv" for n in GROUPS[WIJKEN])
    people = rows(sources / "gemeente_inwoners.csv")
    assert people.query("gemeentecode != @SECOND").reset_index(drop=True).equals(others.reset_index(drop=True))
    assert people.query("gemeentecode == @SECOND and jaar == '2025'")["gemiddeld_aantal_inwoners"].tolist() == ["201000"]
    after = rows(sources / "open_data_bronnen.csv").set_index("bron_id")
    assert set(listed["bron_id"]) <= set(after.index)  # no source of another gemeente dropped
    # Its wijken, curated from the invented 85984NED: each wijk its own, the one named as the gemeente told apart.
    codes = pd.read_parquet(parquet(data, "wijkcodes", SECOND)).set_index("code")
    assert codes.loc["WK900100", "wijk"] == "Aa-Centrum" and codes.loc["WK900101", "wijk"] == "Gemeente Aa (wijk 01)"
    assert codes.loc["BU90010101", ["soort", "wijk"]].tolist() == ["buurt", "Gemeente Aa (wijk 01)"]
    wijk = pd.read_parquet(parquet(data, "wijk_inwoners", SECOND)).set_index("code")
    assert wijk.loc["GM9001", ["wijk", "inwoners"]].tolist() == ["Gemeente Aa", 9000] and wijk.loc["WK900100", "inwoners"] == 6000
    buurt = pd.read_parquet(parquet(data, "buurt_inwoners", SECOND)).set_index("code")
    assert pd.isna(buurt.loc["BU90010101", "inwoners"]) and "geen inwonertal" in buurt.loc["BU90010101", "toelichting"]
    # Its boundaries from PDOK: the detailed invented circle simplified, the square kept as it was.
    borders = pd.read_parquet(parquet(data, "wijkgrenzen", SECOND)).set_index("code")
    circle = json.loads(borders.loc["WK900101", "geometrie"])["coordinates"][0]
    assert 8 <= len(circle) < 100 and all(5.13 < x < 5.17 and 52.09 < y < 52.13 for x, y in circle)
    assert json.loads(borders.loc["WK900100", "geometrie"])["coordinates"][0][0] == [5.1, 52.1]
    assert after.loc[borders["bron_id"].iloc[0], "tabel"] == "gebiedsindelingen"
    # Its police figures, only its own, named as fetched from CBS; the indeling is that of the curated codes.
    police = pd.read_parquet(parquet(data, "politie_misdrijven", SECOND))
    assert set(police["regio_code"]) == {"GM9001", "WK900100", "WK900101", "BU90010000", "BU90010101"}
    assert set(police.loc[police["soort_regio"] != "gemeente", "indeling"]) == {cbs.KWB_INDELING}
    assert "Gemeente Aa" in after.loc[police["bron_id"].iloc[0], "toelichting"]
    # Its wijk sources are its own rows (another gemeente's update never rewrites whose edit they are); 70072ned is shared.
    assert "Gemeente Aa" in after.loc[codes["bron_id"].iloc[0], "bronvermelding"] and SECOND.lower() in codes["bron_id"].iloc[0]
    assert "Gemeente Aa" not in after.loc[people.query("gemeentecode == @SECOND")["bron_id"].iloc[-1], "bronvermelding"]
    assert curated(config.tables_dir(data), SECOND)[WIJKEN] and not curated(config.tables_dir(data), SECOND)[DOCUMENTS]
    assert any("gemeentecode=GM9001" in path for path in stub.asked)
    # Asked again, CBS says the same: nothing changes, and the curated wijken are now refreshed, not made again.
    again = files(sources), snapshot(data)
    assert main(["update", "--gemeente", SECOND]) == 0
    assert "Niets veranderd" in capsys.readouterr().out and (files(sources), snapshot(data)) == again


@pytest.mark.parametrize(("fail", "message"), [
    ("pdok", "PDOK antwoordde voor de wijkgrenzen met HTTP 500"),
    ("opendata", "CBS antwoordde voor tabel 70072ned met HTTP 500"),
])
def test_a_failing_step_for_the_second_gemeente_changes_nothing(stub, data, capsys, fail, message):
    stub.fail = fail
    before = files(data)
    assert main(["update", "--gemeente", SECOND]) == 1
    err = capsys.readouterr().err
    assert message in err and "Er is niets veranderd" in err and "Traceback" not in err
    assert files(data) == before and not (data / "bronnen" / SECOND).exists()


def test_a_boundary_of_an_unknown_wijk_stops_the_update(stub, data, capsys, monkeypatch):
    from cbs_stub import INVENTED_CBS

    stray = {"type": "Feature", "properties": {"wijkcode": "WK900199", "gemeentecode": SECOND},
             "geometry": INVENTED_CBS["wijken/items"][0]["geometry"]}
    monkeypatch.setitem(INVENTED_CBS, "wijken/items", [*INVENTED_CBS["wijken/items"], stray])
    before = files(data)
    assert main(["update", "--gemeente", SECOND]) == 1
    assert "'WK900199', geen wijk van 85984NED" in capsys.readouterr().err and files(data) == before


def police_file(path, rows):
    path.write_text("ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n"
                    + "".join(f"{i},0.0.0,{region},2024JJ00,{count}\n" for i, (region, count) in enumerate(rows)), encoding="utf-8")
    return path


def test_two_gemeenten_import_police_files_of_the_same_name_and_keep_both_sources(data, tmp_path, capsys):
    # Invented counts; the same file name a steward of each gemeente downloads.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert main(["import-politie", str(police_file(tmp_path / "a/47018NED.csv", [("GM0637", 50), ("GM9001", 70)]))]) == 0
    assert "van Zoetermeer: 1 " in capsys.readouterr().out
    assert main(["import-politie", "--gemeente", SECOND, str(police_file(tmp_path / "b/47018NED.csv", [("GM9001", 70)]))]) == 0
    out = capsys.readouterr().out
    assert "van Gemeente Aa: 1 " in out and "politie_47018ned_2" in out
    first = pd.read_parquet(parquet(data, "politie_misdrijven"))
    second = pd.read_parquet(parquet(data, "politie_misdrijven", SECOND))
    assert first[["regio_code", "aantal", "bron_id"]].values.tolist() == [["GM0637", 50, "politie_47018ned"]]
    assert second[["regio_code", "aantal", "bron_id"]].values.tolist() == [["GM9001", 70, "politie_47018ned_2"]]
    listed = pd.read_parquet(parquet(data, "open_data_bronnen")).set_index("bron_id")
    assert "Zoetermeer" in listed.loc["politie_47018ned", "toelichting"] and "Gemeente Aa" in listed.loc["politie_47018ned_2", "toelichting"]
    # Its wijk files are laid out header-only beside the police figures: not curated, and the build reads them.
    assert source_path(data / "bronnen", "wijkcodes", SECOND).read_text(encoding="utf-8").count("\n") == 1


def test_nieuwe_gemeente_lays_out_header_only_documents_that_build(data, capsys):
    sources = data / "bronnen"
    assert main(["nieuwe-gemeente", "gm9002", "--sources", str(sources)]) == 0
    out = capsys.readouterr().out
    assert "Aangelegd voor Gemeente Bee (GM9002)" in out and "indicatoren.csv" in out and "README.md" in out
    for name in GROUPS[DOCUMENTS]:
        lines = (sources / "GM9002" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert lines == [",".join(TABLES_BY_NAME[name].column_names)]
    assert main(["build"]) == 0
    assert not any(curated(config.tables_dir(data), "GM9002").values())  # counts as "no documents" until filled
    laid_out = files(sources)
    assert main(["nieuwe-gemeente", "GM9002"]) == 1  # never over a steward's files
    assert "er is niets overschreven" in capsys.readouterr().err and files(sources) == laid_out


def test_a_second_gemeente_with_wijken_from_cbs_gets_its_wijk_filter_map_and_profile(stub, data, monkeypatch, capsys):
    assert main(["update", "--gemeente", SECOND]) == 0
    monkeypatch.setenv("IVB_GEMEENTE", SECOND)
    at = open_app(wijk="Aa-Centrum")  # the link of a wijk, opened on the start page
    wijk = next(s for s in at.sidebar.selectbox if s.label == "Wijk")
    assert wijk.value == "Aa-Centrum" and set(wijk.options) == {"Heel Gemeente Aa", "Aa-Centrum", "Gemeente Aa (wijk 01)"}
    assert f"wijkindeling {cbs.KWB_INDELING}" in wijk.help and "tabel 5.1" not in wijk.help
    at.switch_page("pages/wijkprofiel.py")
    at.run()
    assert not at.exception and not at.error
    captions = " ".join(c.value for c in at.caption)
    assert f"CBS-wijkindeling {cbs.KWB_INDELING}" in captions  # its own indeling, named by the year of its map
    headings = [h.value for h in at.subheader] + [h.value for h in at.header] + [m.value for m in at.markdown]
    shown = " ".join(headings)
    assert "Wijkprofiel Aa-Centrum" in shown and "Kerncijfers" in shown and "Misdrijven (politie)" in shown
    # No documents: no woonoverlast and no cameras to show, so no section that says so for each wijk.
    assert "Woonoverlast per 1.000 inwoners" not in shown and "Cameratoezicht in de wijk" not in shown
    assert "Zoetermeer" not in shown


def test_an_indeling_the_gemeente_does_not_have_is_refused_with_those_it_has(data, tmp_path, capsys):
    police = tmp_path / "47018NED.csv"
    police.write_text("SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven\n"
                      "0.0.0 ,WK063700  ,2023JJ00,10\n", encoding="utf-8")  # invented
    before = files(data)
    assert main(["import-politie", "--indeling", "2031", str(police)]) == 1
    err = capsys.readouterr().err
    assert "'2031' is geen wijkindeling van Zoetermeer" in err and "2014-2024 en 2025" in err
    assert files(data) == before


@pytest.mark.parametrize("argv", [
    ["nieuwe-gemeente", "{code}"], ["update", "--gemeente", "{code}"], ["import-politie", "--gemeente", "{code}", "x.csv"],
    ["import-opendata", "--gemeente", "{code}", "map"],
])
@pytest.mark.parametrize(("code", "message"), [
    ("GM9999", "Gemeente GM9999 staat niet in de open data (gemeenten.csv). Bekende gemeenten: GM0637 (Zoetermeer), "
               "GM9001 (Gemeente Aa), GM9002 (Gemeente Bee)"),
    ("9001", "'9001' is geen gemeentecode: een code is GM met vier cijfers"),
])
def test_an_unknown_gemeente_is_named_in_dutch_with_the_known_codes(data, capsys, argv, code, message):
    before = files(data)
    assert main([a.format(code=code) for a in argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and files(data) == before
