"""Named queries on the invented data of tests/fixtures.py: bound parameters, the locked-down connection,
the version-keyed cache, and errors that say what they are."""

from __future__ import annotations

import duckdb
import pytest
from fixtures import INVENTED, parquet, source_path, write_invented

from ivb.queries import core, documents
from ivb.queries import police_counts as police
from ivb.sources.build import build


def value(frame, indicator_id, jaar, type_="realisatie"):
    row = frame[(frame["indicator_id"] == indicator_id) & (frame["jaar"] == jaar) & (frame["type"] == type_)]
    assert len(row) == 1
    return row["waarde"].iloc[0]


def test_a_visual_holds_the_indicators_the_catalogue_puts_in_it(invented):
    parts = documents.visual_values("hic_soorten", 2014, 2024, realisatie_only=True)
    assert parts["indicator_id"].drop_duplicates().tolist() == ["hic_geweld", "woninginbraken", "hic_straatroof", "hic_overvallen"]
    assert set(parts["type"]) == {"realisatie"}
    assert value(parts, "woninginbraken", 2015) == 28


def test_a_new_indicator_lands_in_the_visual_its_catalogue_row_names(tmp_path, monkeypatch):
    catalogue = INVENTED["indicatoren"] + "fietsendiefstal,Fietsendiefstal,aantal,lager_is_beter,criminaliteit,misdrijven,,,gemeente,Verzonnen.,doc_a,p. 1,\n"
    values = INVENTED["waarden"] + "fietsendiefstal,2015,Zoetermeer,,realisatie,300,nee,nee,doc_a,tabel 1,\n"
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", indicatoren=catalogue, waarden=values)))
    assert "fietsendiefstal" in set(documents.visual_values("misdrijven", 2014, 2024)["indicator_id"])
    assert documents.visual_values("digitale_criminaliteit", 2014, 2024).empty


def test_year_filter_limits_the_rows(invented):
    trend = documents.indicator_values("woninginbraken", 2015, 2020)
    assert sorted(trend["jaar"].unique()) == [2015, 2020]
    assert value(trend, "woninginbraken", 2020, "begroting") == 30


def test_available_years_cover_every_table_with_years_and_keep_the_gap(invented):
    assert documents.available_years() == [2012, 2014, 2015, 2020, 2024]


def test_effect_indicator_keeps_a_year_whose_realisatie_and_begroting_come_from_two_documents(invented):
    # Invented: woninginbraken 2020 realisatie from doc_b, begroting from doc_a.
    effect = documents.effect_indicators().set_index(["indicator_id", "jaar"])
    row = effect.loc[("woninginbraken", 2020)]
    assert (row["realisatie"], row["begroting"]) == (25, 30)
    assert row["bron_realisatie"] == "Verzonnen verslag B, p. 5" and row["bron_begroting"] == "Verzonnen nota A, p. 6"


def test_woonoverlast_per_wijk_and_the_wijk_with_most_open_cases(invented):
    assert documents.woonoverlast_per_wijk(2020, None)["aantal"].sum() == 19
    assert documents.woonoverlast_per_wijk(2020, "Meerzicht")["aantal"].sum() == 9
    assert documents.woonoverlast_most_open(2020).to_dict("records") == [{"wijk": "Centrum", "lopend": 10}]


@pytest.mark.parametrize("hostile", ["' OR 1=1 --", "Centrum'; DROP TABLE woonoverlast; --", "<script>alert(1)</script>"])
def test_hostile_wijk_is_a_value_not_sql(invented, hostile):
    assert documents.woonoverlast_per_wijk(2020, hostile).empty
    assert documents.camera_locations(hostile).empty
    assert documents.woonoverlast_per_wijk(2020, None)["aantal"].sum() == 19


def test_connection_refuses_files_outside_the_data_directory(invented):
    con = core.database().con.cursor()
    with pytest.raises(duckdb.Error, match="disabled by configuration|Permission"):
        con.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()
    with pytest.raises(duckdb.Error, match="locked"):
        con.execute("SET enable_external_access = true")


def test_whole_table_only_takes_published_tables(invented):
    with pytest.raises(ValueError):
        documents.whole_table("woonoverlast; DROP TABLE waarden")
    assert len(documents.whole_table("waarden")) == INVENTED["waarden"].count("\n") - 1


def test_missing_parquet_gives_a_clear_error_naming_the_file_and_no_path(invented):
    (parquet(invented, "woonoverlast")).unlink()
    with pytest.raises(core.DataUnavailableError, match=r"'woonoverlast.parquet' \(tabel woonoverlast\) ontbreekt") as caught:
        documents.woonoverlast_per_wijk(2020, None)
    assert str(invented) not in str(caught.value) and "make" not in str(caught.value)
    assert value(documents.visual_values("hic_soorten", 2014, 2024), "woninginbraken", 2014) == 30  # other tables still answer


def test_corrupt_parquet_gives_a_clear_error(invented):
    (parquet(invented, "camera_locaties")).write_bytes(b"not a parquet file")
    with pytest.raises(core.DataUnavailableError, match="camera_locaties.parquet.*onleesbaar"):
        documents.camera_locations(None)


def test_a_fault_in_a_query_is_not_reported_as_a_broken_file(invented):
    @core.query("waarden")
    def missing_parameter():
        return core.run("SELECT * FROM waarden WHERE jaar = ?")

    with pytest.raises(core.QueryError):
        missing_parameter()


def test_year_filter_survives_one_missing_table(invented):
    (parquet(invented, "woonoverlast")).unlink()
    assert documents.available_years() == [2012, 2014, 2015, 2020, 2024]
    for table in set(documents.YEAR_TABLES) - {"woonoverlast"}:
        (parquet(invented, table)).unlink()
    with pytest.raises(core.DataUnavailableError):
        documents.available_years()


def test_a_rebuild_is_never_answered_from_the_cache(invented):
    assert documents.woonoverlast_per_wijk(2020, "Centrum")["aantal"].sum() == 10
    sources = invented / "bronnen"
    cells = source_path(sources, "woonoverlast").read_text().replace("2020,Centrum,koop,lopend,4", "2020,Centrum,koop,lopend,5")
    source_path(sources, "woonoverlast").write_text(cells)
    totals = source_path(sources, "woonoverlast_totalen").read_text()
    source_path(sources, "woonoverlast_totalen").write_text(totals.replace("Centrum,,,10", "Centrum,,,11").replace("koop,lopend,11", "koop,lopend,12")
                                                            .replace(",,,19", ",,,20"))
    build(sources, invented)
    assert documents.woonoverlast_per_wijk(2020, "Centrum")["aantal"].sum() == 11


def test_queries_made_by_one_factory_never_share_an_answer(invented):
    # The year filter asks every table for its years first; the data page then asks for whole tables.
    assert documents.available_years() == [2012, 2014, 2015, 2020, 2024]
    waarden = documents.whole_table("waarden")
    assert len(waarden) == INVENTED["waarden"].count("\n") - 1 and "indicator_id" in waarden.columns


def test_the_same_question_is_answered_from_the_cache_with_a_frame_of_its_own(invented, monkeypatch):
    first = documents.visual_values("misdrijven", 2014, 2015)
    monkeypatch.setattr(documents, "run", lambda *a: pytest.fail("asked the database again"))
    again = documents.visual_values("misdrijven", 2014, 2015)
    assert again is not first and again.equals(first) and list(again.dtypes) == list(first.dtypes)
    first.loc[first.index[0], "waarde"] = -1.0  # a caller that changes its frame changes nobody else's
    assert documents.visual_values("misdrijven", 2014, 2015).equals(again)


def test_city_totals_compared_uses_the_crime_page_definition_of_a_police_year(invented, tmp_path, monkeypatch):
    # Invented month-only rows for GM0637 in 2015 (no year row): the crime page sums them, and so must the comparison.
    rows = INVENTED["politie_misdrijven"] + "".join(
        f"GM0637,gemeente,,2015MM{m:02d},2015,{m},0.0.0,{70 + m},test.csv,2026-01-01,{m + 1},cbs_test\n" for m in range(1, 13))
    target = write_invented(tmp_path / "maanden", politie_misdrijven=rows)
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    city = police.police_city_trend(2014, 2024).set_index(["indicator_id", "jaar"])
    expected = sum(70 + m for m in range(1, 13))
    assert city.loc[("totaal", 2015), "waarde"] == expected
    compared = police.city_totals_compared().set_index(["jaar", "categorie"])
    assert compared.loc[(2015, "totaal"), ["documenten", "politie", "verschil"]].tolist() == [900, expected, expected - 900]
