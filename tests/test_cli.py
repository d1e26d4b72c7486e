"""The command line as a data steward meets it: a path that cannot be read, a file that is no CSV, a file without
rows and a file with very many problems each give a short Dutch message naming the file, a non-zero exit code,
and nothing written.

Every file here is invented in tmp_path; the data directory is the invented build of tests/fixtures.py.
"""

from __future__ import annotations

import pytest
from fixtures import INVENTED, snapshot, source_bytes, source_path, write_invented

from ivb.__main__ import main
from ivb.formatting import number
from ivb.sources import opendata, problems
from ivb.sources.police_import import ImportError_, import_files

CBS_HEADER = '"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1";"Gemeentenaam_2"\n'


def state(data):
    """Everything a command could write: the sources and the published builds."""
    return snapshot(data), source_bytes(data)


def refused(argv, data, capsys) -> str:
    """Run ``argv``; assert it failed, wrote nothing and printed no traceback; return what it said on stderr."""
    before = state(data)
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert state(data) == before, "a refused command changed the sources or the build"
    assert "Traceback" not in out + err and "Niets veranderd" not in out
    return err


@pytest.mark.parametrize("kind", ["map", "ontbreekt"])
def test_import_politie_names_a_path_it_cannot_read(invented, tmp_path, capsys, kind):
    path = tmp_path / "downloads"
    if kind == "map":
        path.mkdir()
    err = refused(["import-politie", str(path)], invented, capsys)
    expected = "is een map, geen bestand" if kind == "map" else "bestand bestaat niet"
    assert f"{path}: {expected}" in err and "Er is niets geschreven." in err


def test_import_politie_of_a_file_with_only_the_cbs_header_says_it_holds_no_rows(invented, tmp_path, capsys):
    empty = tmp_path / "47018NED_leeg.csv"
    empty.write_text(CBS_HEADER + "\n", encoding="utf-8")
    err = refused(["import-politie", str(empty)], invented, capsys)
    assert "47018NED_leeg.csv: bestand bevat geen gegevensregels, alleen een kopregel" in err


def test_import_politie_names_the_line_a_row_starts_on(invented, tmp_path, capsys):
    # An invented file: the row of line 2 has its name quoted over two lines (and U+2028 in it); the next is line 4.
    bad = tmp_path / "kapot.csv"
    bad.write_text(CBS_HEADER + '0;"0.0.0";"GM0637";"2024JJ00";veel;"Zoeter\u2028\nmeer"\n'
                   '1;"1.1.1";"GM0637";"2024XX00";10;"Zoetermeer"\n', encoding="utf-8")
    err = refused(["import-politie", str(bad)], invented, capsys)
    assert "kapot.csv, regel 2, kolom 'GeregistreerdeMisdrijven_1': 'veel' is geen aantal" in err
    assert "kapot.csv, regel 4, kolom 'Perioden': '2024XX00' is geen jaar" in err


def _opendata(directory):
    """Invented files in the layout of the recovered CBS copies (as tests/test_public.py writes them)."""
    directory.mkdir()
    (directory / opendata.CRIME_FILE).write_text(
        "gemeentecode,gemeente,jaar,soortmisdrijf_code,soortmisdrijf,geregistreerde_misdrijven,gem_inwoners_70072ned,"
        "per_1000_inwoners,voorlopig\nGM0637,Zoetermeer,2012,1.1.1,Diefstal/inbraak woning,200,100000,2.0,nee\n",
        encoding="utf-8")
    (directory / opendata.POPULATION_FILE).write_text(
        "gemeentecode,gemeente,jaar,gemiddeld_aantal_inwoners_70072ned\nGM0637,Zoetermeer,2012,100000\n", encoding="utf-8")
    (directory / opendata.CODES_FILE).write_text("code,title\n1.1.1,Diefstal/inbraak woning\n", encoding="utf-8")
    return directory


@pytest.mark.parametrize(("damage", "said"), [
    (b"", f"{opendata.CRIME_FILE}: bestand is leeg"),
    (b"gemeentecode,gemeente\nGM0637,Zoetermeer\n\"GM9001\",Aa,extra\n",
     f"{opendata.CRIME_FILE}, regel 3: 3 velden, verwacht 2"),
    (b"gemeentecode,gemeente\nGM0637,Zoetermeer\nGM9001,Aa\xe0\n", f"{opendata.CRIME_FILE}, regel 3: bestand is geen UTF-8"),
], ids=["leeg", "velden", "codering"])
def test_import_opendata_names_the_file_and_line_it_cannot_read(invented, tmp_path, capsys, damage, said):
    files = _opendata(tmp_path / "cbs")
    (files / opendata.CRIME_FILE).write_bytes(damage)
    err = refused(["import-opendata", str(files)], invented, capsys)
    assert said in err
    assert not any(english in err for english in ("No columns", "Error tokenizing", "codec"))


def test_import_opendata_of_a_folder_that_does_not_exist_says_so(invented, tmp_path, capsys):
    err = refused(["import-opendata", str(tmp_path / "geen")], invented, capsys)
    assert f"{tmp_path / 'geen'}: map bestaat niet" in err


def _many_bad_rows(path, count: int):
    """An invented 47018NED file in which every row is wrong: alternately a count that is a word and a bad period."""
    rows = [f'{i};"1.1.1";"GM0637";"{2000 + i % 20}JJ00";veel;"Zoetermeer"' if i % 2 else
            f'{i};"1.1.1";"GM0637";"2024XX{i}";{i};"Zoetermeer"' for i in range(count)]
    path.write_text(CBS_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_flood_of_problems_prints_the_first_ones_and_a_count_per_kind(invented, tmp_path, capsys):
    bad = _many_bad_rows(tmp_path / "groot.csv", 2000)
    err = refused(["import-politie", str(bad)], invented, capsys)
    lines = err.splitlines()
    assert lines[0] == "Inlezen mislukt: 2.000 problemen."
    assert len(lines) < problems.KEEP + 10, "every problem was printed"
    shown = problems.KEEP // 2  # the first ones alternate between the two kinds
    assert f"  - en nog {number(2000 - problems.KEEP)} problemen, per soort:" in lines
    assert f"      {1000 - shown} × groot.csv, kolom 'GeregistreerdeMisdrijven_1': '…' is geen aantal (leeg betekent geheimgehouden)" in lines
    assert f"      {1000 - shown} × groot.csv, kolom 'Perioden': '…' is geen jaar (…) of maand (…)" in lines


def test_the_reading_keeps_only_the_first_problems_and_counts_the_rest(invented, tmp_path):
    with pytest.raises(ImportError_) as caught:
        import_files([_many_bad_rows(tmp_path / "groot.csv", 2000)], invented / "bronnen")
    assert caught.value.problems.count == 2000
    assert len(list(caught.value.problems)) == problems.KEEP


def test_a_build_with_very_many_problems_prints_a_count_per_kind(tmp_path, capsys, monkeypatch):
    # Invented data with 500 invented rows whose figure is a word.
    extra = "".join(f"misdrijven_totaal,2014,Zoetermeer,deel {i},realisatie,veel,nee,nee,doc_a,tabel 1,\n" for i in range(500))
    data = write_invented(tmp_path / "d")
    source_path(data / "bronnen", "waarden").write_text(INVENTED["waarden"] + extra, encoding="utf-8")
    monkeypatch.setenv("IVB_DATA_DIR", str(data))
    err = refused(["build"], data, capsys)
    assert err.splitlines()[0] == "Bouwen mislukt: 500 problemen."
    assert f"{500 - problems.KEEP} × bronnen/GM0637/waarden.csv, kolom 'waarde': '…' is geen getal" in err
    assert len(err.splitlines()) < problems.KEEP + 10


def test_the_counts_per_kind_add_up_to_what_was_left_out_also_past_the_last_kind_counted_apart():
    # Invented messages: more kinds than are counted apart, some of them among the problems printed whole, and a
    # second list merged in (as the build merges the problems of its files).
    found = problems.Problems(f"bestand {chr(97 + i % 26)}{chr(97 + i // 26)} is kapot" for i in range(problems.KINDS + 15))
    found.extend(problems.Problems(["bestand zz is leeg"] * 7))
    lines = found.lines()
    left_out = next(line for line in lines if line.startswith("en nog "))
    counted = sum(int(line.split("×")[0].replace(".", "")) for line in lines if "×" in line)
    assert left_out == f"en nog {number(found.count - problems.KEEP)} problemen, per soort:"
    assert counted == found.count - problems.KEEP
