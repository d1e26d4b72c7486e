"""The build: every bad source gives a message naming file, line, column and problem,
exits non-zero, and leaves the previous Parquet untouched.

The rules are broken on the invented sources of tests/fixtures.py (every figure made up); the tests on a copy of the
real sources (``data_dir``) read every figure and line they expect from the copy itself, so a steward's yearly update
leaves them green."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from fixtures import INVENTED, REPO_SOURCES, invented_table, parquet, snapshot, source_path, write_invented

from ivb import config
from ivb.__main__ import main
from ivb.sources.build import BuildError, build
from ivb.sources.schema import PUBLISHED


def rewrite(path: Path, edit) -> None:
    """Apply ``edit`` to the rows (header first) of a CSV source and write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def failed_build(data_dir: Path) -> str:
    before = snapshot(data_dir)
    with pytest.raises(BuildError) as caught:
        build(data_dir / "bronnen", data_dir)
    assert snapshot(data_dir) == before, "a failed build changed the previous Parquet"
    return str(caught.value)


def swapped(table: str, row: str, new: str) -> tuple[str, int]:
    """The invented ``table`` with its row ``row`` (there once) swapped for ``new``, and the line that row is on."""
    lines = INVENTED[table].splitlines()
    assert lines.count(row) == 1, f"invented row {row!r} not once in {table}"
    line = lines.index(row) + 1
    lines[line - 1] = new
    return "\n".join(lines) + "\n", line


def damaged(tmp_path: Path, **replace: str) -> Path:
    """The invented sources built, then ``replace`` (whole files by table name) written over them, not yet built."""
    target = write_invented(tmp_path / "d")
    for name, text in replace.items():
        source_path(target / "bronnen", name).write_text(text, encoding="utf-8")
    return target


def refused(tmp_path: Path, table: str, row: str, new: str) -> tuple[str, int]:
    """The message of the failed build of the invented sources with ``row`` of ``table`` swapped for ``new``, and its line."""
    text, line = swapped(table, row, new)
    return failed_build(damaged(tmp_path, **{table: text})), line


def data_rows(path: Path) -> list[dict[str, str]]:
    """The records of a CSV source, each with its column names."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def tabel_5_1_wijken(codes: pd.DataFrame) -> list[str]:
    """The wijken a gemeente's documents may name, in its order: those of the newest indeling of its wijkcodes that
    carry a name of tabel 5.1."""
    newest = codes[(codes["indeling"] == max(codes["indeling"])) & (codes["soort"] == "wijk") & (codes["naam_tabel_5_1"] != "")]
    return list(dict.fromkeys(newest["wijk"]))


# Invented rows of tests/fixtures.py that the tests below break.
FIRST = "misdrijven_totaal,2014,Zoetermeer,,realisatie,1000,nee,nee,doc_a,tabel 1,"
CENTRUM = "2020,Centrum,koop,lopend,4,doc_b,tabel 3,"
MEERZICHT = "2020,Meerzicht,koop,lopend,7,doc_b,tabel 3,"
STAD = "rapportcijfer_stad,2020,Zoetermeer,,realisatie,7.1,nee,nee,doc_b,p. 7,"


def test_committed_parquet_matches_the_sources(tmp_path):
    build(REPO_SOURCES, tmp_path)
    for table in PUBLISHED:
        committed = pd.read_parquet(parquet(config.DEFAULT_DATA_DIR, table))
        fresh = pd.read_parquet(parquet(tmp_path, table))
        pd.testing.assert_frame_equal(committed, fresh, obj=f"{table}.parquet")


def test_the_repository_holds_one_build_at_most():
    # A steward's update makes a new build that git does not track until it is committed, so the tracked build may be
    # another than the one CURRENT names; what must not happen is that old builds pile up in the repository.
    import subprocess

    root = config.PROJECT_ROOT
    if not (root / ".git").exists():
        pytest.skip("geen git-kopie")
    tracked = subprocess.run(["git", "ls-files", "data/builds"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    builds = {Path(p).parts[2] for p in tracked}
    assert len(builds) <= 1, f"old builds are committed: {sorted(builds)}; commit only the build that data/CURRENT names"


def test_build_writes_every_published_table_and_leaves_no_temp_files(data_dir):
    assert sorted(p.stem for p in config.tables_dir(data_dir).rglob("*.parquet")) == sorted(PUBLISHED)
    assert not [p for p in data_dir.rglob(".*") if p.name != ".lock"], "a staging directory or temporary file was left"


def test_a_build_publishes_a_whole_new_set_and_keeps_the_one_before(tmp_path):
    target = write_invented(tmp_path / "data")
    first = config.tables_dir(target)
    published = []
    for extra in (1, 2):
        cells = INVENTED["woonoverlast"].replace("Centrum,koop,lopend,4", f"Centrum,koop,lopend,{4 + extra}")
        totals = (INVENTED["woonoverlast_totalen"].replace("Centrum,,,10", f"Centrum,,,{10 + extra}")
                  .replace("koop,lopend,11", f"koop,lopend,{11 + extra}").replace("2020,,,,19", f"2020,,,,{19 + extra}"))
        write_invented(target, woonoverlast=cells, woonoverlast_totalen=totals)
        published.append(config.tables_dir(target))
        assert published[-1] != first
    assert published[0] != published[1]
    assert sorted(p.name for p in (target / config.BUILDS_DIR).iterdir() if not p.name.startswith(".")) == sorted(p.name for p in published), \
        "the build before the current one is kept for busy readers, older ones go"
    assert config.tables_dir(target) == published[1]
    centrum = pd.read_parquet(parquet(target, "woonoverlast")).query("wijk == 'Centrum' and eigendom == 'koop'")
    assert centrum["aantal"].tolist() == [6]


def test_the_same_sources_build_the_same_set(tmp_path):
    target = write_invented(tmp_path / "data")
    before = config.tables_dir(target)
    write_invented(target)
    assert config.tables_dir(target) == before


def test_missing_column_is_named(data_dir):
    rewrite(data_dir / "bronnen/GM0637/waarden.csv", lambda rows: [r[:5] + r[6:] for r in rows])
    message = failed_build(data_dir)
    assert "bronnen/GM0637/waarden.csv, regel 1, kolom 'waarde': kolom ontbreekt" in message


@pytest.mark.parametrize(("table", "row", "old", "new", "said"), [
    ("woonoverlast", "MEERZICHT", ",7,", ",vier,", "kolom 'aantal': 'vier' is geen geheel getal"),
    ("waarden", "STAD", ",7.1,", ',"7,2",', "kolom 'waarde': '7,2' is geen getal (gebruik een punt als decimaalteken)"),
    ("woonoverlast", "CENTRUM", ",4,", ",-6,", "kolom 'aantal': -6 is negatief"),
    ("waarden", "FIRST", ",1000,", ",-54,", "kolom 'waarde': -54 is negatief; een aantal is minstens 0"),
    ("waarden", "STAD", ",7.1,", ",80,", "kolom 'waarde': 80 is groter dan 10, het maximum voor een rapportcijfer"),
], ids=["geen-getal", "decimale-komma", "negatief-aantal", "negatief-naar-eenheid", "rapportcijfer-boven-tien"])
def test_a_bad_value_is_named_with_its_file_line_and_column(tmp_path, table, row, old, new, said):
    original = globals()[row]  # an invented row of tests/fixtures.py
    message, line = refused(tmp_path, table, original, original.replace(old, new))
    assert f"{source_path(Path('bronnen'), table).as_posix()}, regel {line}, {said}" in message


def test_unknown_wijk_is_named_with_the_allowed_ones(tmp_path):
    message, line = refused(tmp_path, "woonoverlast", MEERZICHT, MEERZICHT.replace("Meerzicht", "Atlantis"))
    allowed = ", ".join(tabel_5_1_wijken(invented_table("wijkcodes")))  # the invented wijken of tabel 5.1, in order
    assert f"bronnen/GM0637/woonoverlast.csv, regel {line}, kolom 'wijk': onbekende wijk 'Atlantis'; toegestaan: {allowed}" in message


def test_known_misspelling_of_a_wijk_is_normalised(data_dir):
    # The real sources as shipped, every Buytenwegh of tabel 5.1 misspelt as a document may spell it; the cases
    # expected are those of the copy itself.
    path = data_dir / "bronnen/GM0637/woonoverlast.csv"
    cases = sum(int(row["aantal"] or 0) for row in data_rows(path) if row["wijk"] == "Buytenwegh")
    assert cases, "the copy has no Buytenwegh to misspell"
    rewrite(path, lambda rows: [[("Buytenweg" if c == "Buytenwegh" else c) for c in r] for r in rows])
    build(data_dir / "bronnen", data_dir)
    built = pd.read_parquet(parquet(data_dir, "woonoverlast"))
    assert "Buytenweg" not in set(built["wijk"])
    assert built.loc[built["wijk"] == "Buytenwegh", "aantal"].sum() == cases


def test_duplicate_key_names_both_lines(tmp_path):
    waarden = INVENTED["waarden"] + FIRST + "\n"  # the invented first row once more, at the end
    message = failed_build(damaged(tmp_path, waarden=waarden))
    first, again = waarden.splitlines().index(FIRST) + 1, len(waarden.splitlines())
    assert (f"bronnen/GM0637/waarden.csv, regel {again}: dubbele sleutel (indicator_id=misdrijven_totaal, jaar=2014, "
            f"gebied=Zoetermeer, categorie=, type=realisatie); eerder op regel {first}") in message.splitlines()


def test_reference_to_an_unknown_indicator(tmp_path):
    row = "handhaving_meldingen,2020,Zoetermeer,,realisatie,10400,nee,nee,doc_b,p. 8,"
    message, line = refused(tmp_path, "waarden", row, row.replace("handhaving_meldingen", "handhaving_meldingne"))
    assert f"bronnen/GM0637/waarden.csv, regel {line}, kolom 'indicator_id': 'handhaving_meldingne' bestaat niet in indicatoren.csv" in message


@pytest.mark.parametrize("content", ["", "\n\n"])
def test_empty_file(data_dir, content):
    (data_dir / "bronnen/GM0637/camera_locaties.csv").write_text(content, encoding="utf-8")
    assert "bronnen/GM0637/camera_locaties.csv: bestand is leeg" in failed_build(data_dir)


def test_header_without_rows(data_dir):
    path = data_dir / "bronnen/GM0637/speerpunten.csv"
    rewrite(path, lambda rows: rows[:1])
    assert "bronnen/GM0637/speerpunten.csv: bestand bevat geen gegevensregels" in failed_build(data_dir)


def test_row_with_a_stray_comma(tmp_path):
    row = "doc_b,Verzonnen verslag B,Testgemeente,2020,Verzonnen document voor de tests.,,2021-03-01"
    message, line = refused(tmp_path, "bronnen", row, row + ",extra")
    columns = len(INVENTED["bronnen"].splitlines()[0].split(","))
    assert f"bronnen/GM0637/bronnen.csv, regel {line}: {columns + 1} velden, verwacht {columns}" in message


def test_missing_source_file(data_dir):
    (data_dir / "bronnen/GM0637/kwaliteit.csv").unlink()
    assert "bronnen/GM0637/kwaliteit.csv: bestand ontbreekt" in failed_build(data_dir)


def test_cli_reports_problems_and_exits_non_zero(tmp_path, capsys):
    text, line = swapped("woonoverlast", CENTRUM, CENTRUM.replace(",4,", ",-6,"))
    target = damaged(tmp_path, woonoverlast=text)
    before = snapshot(target)
    code = main(["build", "--sources", str(target / "bronnen"), "--out", str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Bouwen mislukt" in err and f"bronnen/GM0637/woonoverlast.csv, regel {line}, kolom 'aantal': -6 is negatief" in err
    assert "de vorige Parquet-bestanden zijn ongewijzigd" in err
    assert snapshot(target) == before


def test_cli_builds_and_reports_row_counts(data_dir, capsys):
    # The real sources as shipped: each table is reported with the number of rows of its copied source.
    assert main(["build", "--sources", str(data_dir / "bronnen"), "--out", str(data_dir)]) == 0
    out = capsys.readouterr().out
    for name in PUBLISHED:
        assert f"{name} ({len(data_rows(source_path(data_dir / 'bronnen', name)))})" in out, name


def test_a_boundary_outside_nederland_and_an_unknown_woonoverlast_wijk_are_named(data_dir):
    # Invented damage to the real sources: the first boundary gets lon and lat swapped.
    borders = source_path(data_dir / "bronnen", "wijkgrenzen")
    lines = borders.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("[4.", "[XX.").replace(",52.", ",4.").replace("[XX.", "[52.")
    borders.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "bronnen/GM0637/wijkgrenzen.csv, regel 2, kolom 'geometrie': ligt (deels) buiten Nederland" in failed_build(data_dir)
    # Then the wijk of the newest row of tabel 5.1 loses its rows of the 2025 indeling in wijkcodes.csv: the
    # woonoverlast may name only the wijken that wijkcodes still gives, so each row of that wijk is refused.
    woonoverlast = source_path(data_dir / "bronnen", "woonoverlast")
    rows = data_rows(woonoverlast)
    wijk = rows[-1]["wijk"]
    codes = source_path(data_dir / "bronnen", "wijkcodes")
    kept = [line for line in codes.read_text(encoding="utf-8").splitlines()
            if not (line.startswith("2025,") and f",{wijk}," in line)]
    codes.write_text("\n".join(kept) + "\n", encoding="utf-8")
    allowed = ", ".join(tabel_5_1_wijken(pd.read_csv(codes, dtype=str, keep_default_na=False)))
    assert wijk not in allowed.split(", ")
    problems = failed_build(data_dir)
    line = len(rows) + 1  # the header, then the rows: the newest is the last
    assert (f"bronnen/GM0637/woonoverlast.csv, regel {line}, kolom 'wijk': onbekende wijk '{wijk}'; "
            f"toegestaan: {allowed}") in problems


def test_laatst_bijgewerkt_is_when_the_tables_were_first_published_and_a_rebuild_keeps_it(tmp_path, monkeypatch):
    import json

    from ivb.views.cite import updated

    data = write_invented(tmp_path / "d")
    first = config.tables_dir(data) / config.MANIFEST_FILE
    manifest = json.loads(first.read_text())
    assert manifest["versie"] == first.parent.name and manifest["gebouwd"]
    first.write_text(json.dumps({**manifest, "gebouwd": "2025-03-04T10:00:00+00:00"}))  # as if built long ago
    build(data / "bronnen", data)  # the same sources again: same directory, same date
    assert json.loads((config.tables_dir(data) / config.MANIFEST_FILE).read_text())["gebouwd"].startswith("2025-03-04")
    monkeypatch.setenv("IVB_DATA_DIR", str(data))
    assert updated() == "4 maart 2025"  # what the footer, the Colofon and the report say


# Text pasted from a PDF holds line separators that are not newlines: U+2028, U+2029, NEL, a form feed, a vertical tab.
PASTED = {"U+2028": "\u2028", "U+2029": "\u2029", "NEL": "\u0085", "FF": "\x0c", "VT": "\x0b"}


@pytest.mark.parametrize("quote", ['"', ""], ids=["quoted", "unquoted"])
@pytest.mark.parametrize("separator", PASTED.values(), ids=PASTED.keys())
def test_a_line_separator_pasted_into_a_toelichting_is_text(tmp_path, separator, quote):
    # Invented data: one invented toelichting gets the separator in the middle.
    note = f"eerste zin{separator}tweede zin"
    target = write_invented(tmp_path / "d", waarden=INVENTED["waarden"].replace(FIRST, f"{FIRST}{quote}{note}{quote}"))
    values = pd.read_parquet(parquet(target, "waarden"))
    assert note in values["toelichting"].tolist()


def test_a_bad_value_is_named_on_the_line_its_row_starts_on(tmp_path):
    # Invented data: a toelichting over two lines and one with U+2028 before two bad values, each in a row of its own.
    spans = FIRST.replace("1000", "veel") + '"over\ntwee regels"'
    pasted = "misdrijven_totaal,2015,Zoetermeer,,realisatie,900,nee,nee,doc_a,tabel 1,\"een\u2028plak\""
    later = "hic_totaal,2014,Zoetermeer,,realisatie,100,nee,nee,doc_a,tabel 1,"
    waarden = (INVENTED["waarden"].replace(FIRST, spans).replace("misdrijven_totaal,2015,Zoetermeer,,realisatie,900,nee,nee,doc_a,tabel 1,", pasted)
               .replace(later, later.replace(",100,", ",honderd,")))
    target = write_invented(tmp_path / "d")
    (target / "bronnen/GM0637/waarden.csv").write_text(waarden, encoding="utf-8")
    message = failed_build(target)
    assert "waarden.csv, regel 2, kolom 'waarde': 'veel' is geen getal" in message  # the row starts on line 2, ends on 3
    # The header, the row over lines 2-3 and the pasted row (line 4) come before: hic_totaal 2014 is line 5.
    assert waarden.split("\n").index(later.replace(",100,", ",honderd,")) + 1 == 5
    assert "waarden.csv, regel 5, kolom 'waarde': 'honderd' is geen getal" in message
