"""The build: every bad source gives a message naming file, line, column and problem,
exits non-zero, and leaves the previous Parquet untouched."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from fixtures import INVENTED, REPO_SOURCES, snapshot, write_invented

from ivb import config
from ivb.__main__ import main
from ivb.build import BuildError, build
from ivb.schema import PUBLISHED


def rewrite(path: Path, edit) -> None:
    """Apply ``edit`` to the rows (header first) of a CSV source and write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(rows, match: dict, column: str, value: str):
    header = rows[0]
    hits = [r for r in rows[1:] if all(r[header.index(k)] == v for k, v in match.items())]
    assert len(hits) == 1, f"fixture row {match} not unique"
    hits[0][header.index(column)] = value
    return rows


def failed_build(data_dir: Path) -> str:
    before = snapshot(data_dir)
    with pytest.raises(BuildError) as caught:
        build(data_dir / "bronnen", data_dir)
    assert snapshot(data_dir) == before, "a failed build changed the previous Parquet"
    return str(caught.value)


def test_committed_parquet_matches_the_sources(tmp_path):
    build(REPO_SOURCES, tmp_path)
    for table in PUBLISHED:
        committed = pd.read_parquet(config.tables_dir(config.DEFAULT_DATA_DIR) / f"{table}.parquet")
        fresh = pd.read_parquet(config.tables_dir(tmp_path) / f"{table}.parquet")
        pd.testing.assert_frame_equal(committed, fresh, obj=f"{table}.parquet")


def test_the_repository_holds_the_current_build_only():
    import subprocess

    root = config.PROJECT_ROOT
    if not (root / ".git").exists():
        pytest.skip("geen git-kopie")
    tracked = subprocess.run(["git", "ls-files", "data/builds"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    assert {Path(p).parts[2] for p in tracked} == {config.tables_dir(config.DEFAULT_DATA_DIR).name}, "an old build is committed"


def test_build_writes_every_published_table_and_leaves_no_temp_files(data_dir):
    assert sorted(p.stem for p in config.tables_dir(data_dir).glob("*.parquet")) == sorted(PUBLISHED)
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
    centrum = pd.read_parquet(published[1] / "woonoverlast.parquet").query("wijk == 'Centrum' and eigendom == 'koop'")
    assert centrum["aantal"].tolist() == [6]


def test_the_same_sources_build_the_same_set(tmp_path):
    target = write_invented(tmp_path / "data")
    before = config.tables_dir(target)
    write_invented(target)
    assert config.tables_dir(target) == before


def test_missing_column_is_named(data_dir):
    rewrite(data_dir / "bronnen/waarden.csv", lambda rows: [r[:5] + r[6:] for r in rows])
    message = failed_build(data_dir)
    assert "bronnen/waarden.csv, regel 1, kolom 'waarde': kolom ontbreekt" in message


def test_non_numeric_count_is_named_with_line(data_dir):
    path = data_dir / "bronnen/woonoverlast.csv"
    rewrite(path, lambda rows: set_cell(rows, {"wijk": "Meerzicht", "eigendom": "koop", "status": "lopend"}, "aantal", "vier"))
    message = failed_build(data_dir)
    assert "bronnen/woonoverlast.csv, regel 8, kolom 'aantal': 'vier' is geen geheel getal" in message


def test_decimal_comma_gets_a_hint(data_dir):
    path = data_dir / "bronnen/waarden.csv"
    rewrite(path, lambda rows: set_cell(rows, {"indicator_id": "rapportcijfer_stad", "jaar": "2014"}, "waarde", "7,2"))
    assert "'7,2' is geen getal (gebruik een punt als decimaalteken)" in failed_build(data_dir)


def test_negative_count_is_refused(data_dir):
    path = data_dir / "bronnen/woonoverlast.csv"
    rewrite(path, lambda rows: set_cell(rows, {"wijk": "Centrum", "eigendom": "koop", "status": "lopend"}, "aantal", "-6"))
    assert "bronnen/woonoverlast.csv, regel 2, kolom 'aantal': -6 is negatief" in failed_build(data_dir)


def test_negative_indicator_count_is_refused_by_its_unit(data_dir):
    path = data_dir / "bronnen/waarden.csv"
    rewrite(path, lambda rows: set_cell(rows, {"indicator_id": "ipta_begeleid"}, "waarde", "-54"))
    assert "kolom 'waarde': -54 is negatief; een aantal is minstens 0" in failed_build(data_dir)


def test_rapportcijfer_above_ten_is_refused(data_dir):
    path = data_dir / "bronnen/waarden.csv"
    rewrite(path, lambda rows: set_cell(rows, {"indicator_id": "rapportcijfer_buurt", "jaar": "2024", "type": "realisatie"}, "waarde", "80"))
    assert "80 is groter dan 10, het maximum voor een rapportcijfer" in failed_build(data_dir)


def test_unknown_wijk_is_named_with_the_allowed_ones(data_dir):
    path = data_dir / "bronnen/woonoverlast.csv"
    rewrite(path, lambda rows: [[("Atlantis" if c == "Noordhove" else c) for c in r] for r in rows])
    message = failed_build(data_dir)
    assert "kolom 'wijk': onbekende wijk 'Atlantis'; toegestaan: Centrum, Meerzicht" in message


def test_known_misspelling_of_a_wijk_is_normalised(data_dir):
    path = data_dir / "bronnen/woonoverlast.csv"
    rewrite(path, lambda rows: [[("Buytenweg" if c == "Buytenwegh" else c) for c in r] for r in rows])
    build(data_dir / "bronnen", data_dir)
    built = pd.read_parquet(config.tables_dir(data_dir) / "woonoverlast.parquet")
    assert "Buytenweg" not in set(built["wijk"])
    assert built.loc[built["wijk"] == "Buytenwegh", "aantal"].sum() == 36


def test_duplicate_key_names_both_lines(data_dir):
    rewrite(data_dir / "bronnen/waarden.csv", lambda rows: rows + [rows[1]])
    message = failed_build(data_dir)
    assert "dubbele sleutel (indicator_id=misdrijven_totaal, jaar=2014, gebied=Zoetermeer, categorie=, type=realisatie); eerder op regel 2" in message


def test_hic_total_that_does_not_add_up(data_dir):
    path = data_dir / "bronnen/waarden.csv"
    rewrite(path, lambda rows: set_cell(rows, {"indicator_id": "hic_geweld", "jaar": "2016"}, "waarde", "660"))
    message = failed_build(data_dir)
    assert "bronnen/waarden.csv, regel 8, kolom 'waarde': hic_totaal 2016 is 1015, maar de delen" in message
    assert "tellen op tot 1016" in message


def test_woonoverlast_wijk_total_that_does_not_add_up(data_dir):
    path = data_dir / "bronnen/woonoverlast.csv"
    rewrite(path, lambda rows: set_cell(rows, {"wijk": "Seghwaert", "eigendom": "corporatie", "status": "lopend"}, "aantal", "15"))
    message = failed_build(data_dir)
    assert "2024: totaal voor wijk Seghwaert is 35, maar de cellen in woonoverlast.csv tellen op tot 36" in message
    assert "totaal voor corporatie lopend is 99" in message
    assert "totaal voor het totaal is 210" in message


def test_percentage_that_does_not_follow_from_its_counts(data_dir):
    path = data_dir / "bronnen/waarden.csv"
    rewrite(path, lambda rows: set_cell(rows, {"indicator_id": "pct_huisverbod_per_registratie", "jaar": "2024"}, "waarde", "30"))
    assert "pct_huisverbod_per_registratie 2024 is 30%, maar huisverboden / politieregistraties_huiselijk_geweld" in failed_build(data_dir)


def test_shares_that_do_not_make_a_hundred_percent(data_dir):
    path = data_dir / "bronnen/waarden.csv"
    rewrite(path, lambda rows: set_cell(rows, {"indicator_id": "ondermijning_signalen_herkomst", "categorie": "partners"}, "waarde", "19"))
    assert "ondermijning_signalen_herkomst 2024: de aandelen tellen op tot 101%" in failed_build(data_dir)


def test_finance_total_outside_the_rounding_margin(data_dir):
    path = data_dir / "bronnen/financien.csv"
    rewrite(path, lambda rows: set_cell(rows, {"regel": "5.3", "post": "lasten"}, "bedrag", "-17412"))
    message = failed_build(data_dir)
    assert "regel 5.3: saldo -16672 wijkt af van de som van de posten" in message
    assert "lasten: totaal -21342 wijkt af van de som van de doelstellingen (-20842)" in message


def test_reference_to_an_unknown_indicator(data_dir):
    path = data_dir / "bronnen/waarden.csv"
    rewrite(path, lambda rows: set_cell(rows, {"indicator_id": "rio_gestart"}, "indicator_id", "rio_gestrat"))
    assert "kolom 'indicator_id': 'rio_gestrat' bestaat niet in indicatoren.csv" in failed_build(data_dir)


@pytest.mark.parametrize("content", ["", "\n\n"])
def test_empty_file(data_dir, content):
    (data_dir / "bronnen/camera_locaties.csv").write_text(content, encoding="utf-8")
    assert "bronnen/camera_locaties.csv: bestand is leeg" in failed_build(data_dir)


def test_header_without_rows(data_dir):
    path = data_dir / "bronnen/speerpunten.csv"
    rewrite(path, lambda rows: rows[:1])
    assert "bronnen/speerpunten.csv: bestand bevat geen gegevensregels" in failed_build(data_dir)


def test_row_with_a_stray_comma(data_dir):
    path = data_dir / "bronnen/bronnen.csv"
    rewrite(path, lambda rows: rows[:2] + [rows[2] + ["extra"]])
    assert "bronnen/bronnen.csv, regel 3: 8 velden, verwacht 7" in failed_build(data_dir)


def test_missing_source_file(data_dir):
    (data_dir / "bronnen/kwaliteit.csv").unlink()
    assert "bronnen/kwaliteit.csv: bestand ontbreekt" in failed_build(data_dir)


def test_cli_reports_problems_and_exits_non_zero(data_dir, capsys):
    path = data_dir / "bronnen/woonoverlast.csv"
    rewrite(path, lambda rows: set_cell(rows, {"wijk": "Centrum", "eigendom": "koop", "status": "lopend"}, "aantal", "-6"))
    before = snapshot(data_dir)
    code = main(["build", "--sources", str(data_dir / "bronnen"), "--out", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Bouwen mislukt" in err and "regel 2, kolom 'aantal': -6 is negatief" in err
    assert "de vorige Parquet-bestanden zijn ongewijzigd" in err
    assert snapshot(data_dir) == before


def test_cli_builds_and_reports_row_counts(data_dir, capsys):
    assert main(["build", "--sources", str(data_dir / "bronnen"), "--out", str(data_dir)]) == 0
    assert "woonoverlast (48)" in capsys.readouterr().out


def test_a_boundary_outside_zoetermeer_and_an_unknown_woonoverlast_wijk_are_named(data_dir):
    # Invented damage to the real sources: the first boundary gets lon and lat swapped, a woonoverlast row a wijk
    # that no indeling has.
    borders = data_dir / "bronnen/wijkgrenzen.csv"
    lines = borders.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("[4.", "[XX.").replace(",52.", ",4.").replace("[XX.", "[52.")
    borders.write_text("\n".join(lines) + "\n", encoding="utf-8")
    codes = data_dir / "bronnen/wijkcodes.csv"
    kept = [line for line in codes.read_text(encoding="utf-8").splitlines()
            if not (line.startswith("2025,") and ",Noordhove," in line)]
    codes.write_text("\n".join(kept) + "\n", encoding="utf-8")
    problems = failed_build(data_dir)
    assert "wijkgrenzen.csv, regel 2, kolom 'geometrie': ligt (deels) buiten Zoetermeer" in problems
    assert "kolom 'wijk': wijk Noordhove staat niet in wijkcodes.csv (indeling 2025)" in problems


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
FIRST = "misdrijven_totaal,2014,Zoetermeer,,realisatie,1000,nee,nee,doc_a,tabel 1,"


@pytest.mark.parametrize("quote", ['"', ""], ids=["quoted", "unquoted"])
@pytest.mark.parametrize("separator", PASTED.values(), ids=PASTED.keys())
def test_a_line_separator_pasted_into_a_toelichting_is_text(tmp_path, separator, quote):
    # Invented data: one invented toelichting gets the separator in the middle.
    note = f"eerste zin{separator}tweede zin"
    target = write_invented(tmp_path / "d", waarden=INVENTED["waarden"].replace(FIRST, f"{FIRST}{quote}{note}{quote}"))
    values = pd.read_parquet(config.tables_dir(target) / "waarden.parquet")
    assert note in values["toelichting"].tolist()


def test_a_bad_value_is_named_on_the_line_its_row_starts_on(tmp_path):
    # Invented data: a toelichting over two lines and one with U+2028 before two bad values, each in a row of its own.
    spans = FIRST.replace("1000", "veel") + '"over\ntwee regels"'
    pasted = "misdrijven_totaal,2015,Zoetermeer,,realisatie,900,nee,nee,doc_a,tabel 1,\"een\u2028plak\""
    later = "hic_totaal,2014,Zoetermeer,,realisatie,100,nee,nee,doc_a,tabel 1,"
    waarden = (INVENTED["waarden"].replace(FIRST, spans).replace("misdrijven_totaal,2015,Zoetermeer,,realisatie,900,nee,nee,doc_a,tabel 1,", pasted)
               .replace(later, later.replace(",100,", ",honderd,")))
    target = write_invented(tmp_path / "d")
    (target / "bronnen/waarden.csv").write_text(waarden, encoding="utf-8")
    message = failed_build(target)
    assert "waarden.csv, regel 2, kolom 'waarde': 'veel' is geen getal" in message  # the row starts on line 2, ends on 3
    # The header, the row over lines 2-3 and the pasted row (line 4) come before: hic_totaal 2014 is line 5.
    assert waarden.split("\n").index(later.replace(",100,", ",honderd,")) + 1 == 5
    assert "waarden.csv, regel 5, kolom 'waarde': 'honderd' is geen getal" in message
