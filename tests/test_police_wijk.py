"""Crime per wijk and buurt: a wijk without a row of its own is the sum of its buurten, per 1.000 inwoners with the
count that fits the year, its buurten in a table, and the months against the same months a year earlier.

EVERY FIGURE HERE IS INVENTED (tests/fixtures.py and below): an invented Centrum of four invented buurten in the
2014-2024 indeling, on the real code formats; the real file's figures are checked in tests/test_real_data.py.
"""

from __future__ import annotations

import pytest
from fixtures import INVENTED, _boundary, open_app, open_folded, write_invented

from ivb.markup import unmark

BUURTEN = {"BU06370001": "Verzonnen Dorp", "BU06370002": "Verzonnen Hart", "BU06370003": "Verzonnen Plein",
           "BU06370004": "Verzonnen Polder"}
GEO = {
    "wijkcodes": INVENTED["wijkcodes"]
    + "2014-2024,WK063700,wijk,Verzonnen Centrum Oud,Centrum,Centrum,cbs_test,verzonnen\n"
    + "".join(f"2014-2024,{code},buurt,{name},Centrum,,cbs_test,verzonnen\n" for code, name in BUURTEN.items()),
    "wijkgrenzen": INVENTED["wijkgrenzen"] + _boundary("2014-2024", "WK063700", "Verzonnen Centrum Oud", 4.48, 52.03),
    "wijk_inwoners": INVENTED["wijk_inwoners"]
    + "2024,2014-2024,WK063700,Verzonnen Centrum Oud,Centrum,20000,9000,300,6667,nee,pop_test,verzonnen,\n"
    + "2024,2014-2024,WK063705,Verzonnen Rokkeveen,Rokkeveen,3000,1400,100,3000,nee,pop_test,verzonnen,\n"
    + "2024,,GM0637,Zoetermeer,Zoetermeer,100000,45000,3000,3333,nee,pop_test,verzonnen,\n",
    "buurt_inwoners": "jaar,indeling,code,cbs_naam,wijk,inwoners,afgeleid,bron_id,vindplaats,toelichting\n"
    + "".join(f"2024,2014-2024,{code},{name},Centrum,{people},nee,pop_test,verzonnen,\n"
              for (code, name), people in zip(BUURTEN.items(), (4000, 6000, 5000, 1000)))
    + "2024,2014-2024,BU06370500,Verzonnen buurt 2014,Rokkeveen,3000,nee,pop_test,verzonnen,\n",
}


def police(*rows: tuple[str, str, str, int | None]) -> str:
    """politie_misdrijven.csv of invented rows (code, indeling, perioden, count), all offences, in its own columns."""
    header = INVENTED["politie_misdrijven"].strip().split(",")
    lines = []
    for n, (code, indeling, period, count) in enumerate(rows, start=2):
        kind = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}[code[:2]]
        cells = {"regio_code": code, "soort_regio": kind, "indeling": indeling, "perioden": period, "jaar": period[:4],
                 "maand": str(int(period[-2:])) if "MM" in period else "0", "misdrijf_code": "0.0.0",
                 "aantal": "" if count is None else str(count), "bestand": "verzonnen.csv", "importdatum": "2026-01-01",
                 "regel": str(n), "bron_id": "cbs_test"}
        lines.append(",".join(cells[c] for c in header))
    return ",".join(header) + "\n" + "\n".join(lines) + "\n"


@pytest.fixture
def centrum(tmp_path, monkeypatch):
    """Invented: 2023 crime in the four buurten of Centrum (no wijk row), a Rokkeveen wijk row, and the city."""
    rows = police(("BU06370001", "2014-2024", "2023JJ00", 120), ("BU06370002", "2014-2024", "2023JJ00", 360),
                  ("BU06370003", "2014-2024", "2023JJ00", 7), ("BU06370004", "2014-2024", "2023JJ00", 113),
                  ("WK063705", "2014-2024", "2023JJ00", 90), ("BU06370500", "2014-2024", "2023JJ00", 84),
                  ("BU06379999", "2014-2024", "2023JJ00", 55),  # a buurt code no indeling knows: for no wijk
                  ("GM0637", "", "2023JJ00", 4000))
    target = write_invented(tmp_path / "d", politie_misdrijven=rows, **GEO)
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    return target


def page_text(at) -> str:
    return " ".join(unmark(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning])


def test_a_wijk_without_a_row_of_its_own_is_the_sum_of_its_buurten(centrum):
    at = open_app("pages/criminaliteit.py", wijk="Centrum")
    assert not at.exception and not at.error
    text = page_text(at)
    # 120 + 360 + 7 + 113 = 600, per 1.000 of 20.000 inwoners on 1 January 2024 = 30,0; the city 4.000 on 100.000.
    assert "In 2023 registreerde de politie in Centrum 600 misdrijven (som van 4 buurten): 30,0 per 1.000 inwoners " \
           "(inwoners op 1 januari 2024), tegen 40,0 in heel Zoetermeer." in text
    assert "Geen cijfers voor deze selectie" not in text and "geen wijk Centrum" not in text


def test_the_buurten_of_a_wijk_with_count_inhabitants_and_rate_and_the_guard(centrum):
    at = open_folded(open_app("pages/criminaliteit.py", wijk="Centrum"))
    table = next(t.value for t in at.table if "Buurt" in t.value.columns)
    rows = {r["Buurt"]: (r["Misdrijven"], r["Per 1.000 inwoners"]) for r in table.to_dict("records")}
    assert rows == {"Verzonnen Dorp": ("120", "30,0"), "Verzonnen Hart": ("360", "60,0"),
                    "Verzonnen Plein": ("minder dan 10", "minder dan 10 gevallen"),
                    "Verzonnen Polder": ("113", "minder dan 2.500 inwoners")}  # too few residents for a rate
    assert "Samen 600 misdrijven in 4 buurten." in page_text(at)


def test_a_wijk_row_wins_over_its_buurten_and_the_difference_is_said(centrum):
    at = open_app("pages/criminaliteit.py", wijk="Rokkeveen")
    text = page_text(at)
    assert "In 2023 registreerde de politie in Rokkeveen 90 misdrijven (de buurten tellen op tot 84: 6 misdrijven niet " \
           "in een buurt geplaatst): 30,0 per 1.000 inwoners" in text


def test_a_secret_buurt_makes_the_wijk_figure_approximate(tmp_path, monkeypatch):
    rows = police(("BU06370001", "2014-2024", "2023JJ00", 120), ("BU06370002", "2014-2024", "2023JJ00", None),
                  ("GM0637", "", "2023JJ00", 4000))
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", politie_misdrijven=rows, **GEO)))
    at = open_app("pages/wijkprofiel.py", wijk="Centrum")
    assert not at.exception and not at.error
    assert "In 2023 registreerde de politie in Centrum ca. 120 misdrijven (som van 2 buurten)" in page_text(at)


def test_the_wijkprofiel_says_which_years_and_indeling_and_maps_crime_on_those_boundaries(centrum):
    at = open_app("pages/wijkprofiel.py", wijk="Centrum")
    text = page_text(at)
    assert "Politiecijfers voor Centrum: 2023 in de wijkindeling 2014-2024 (daar de CBS-wijk Verzonnen Centrum Oud; " \
           "2023 als som van de buurten)." in text
    choice = next(s for s in at.selectbox if s.label == "Kleur de kaart naar")
    assert "Misdrijven per 1.000 inwoners (2023, politie)" in choice.options
    at = open_app("pages/wijkprofiel.py", wijk="Centrum", kaartcijfer="Misdrijven per 1.000 inwoners (2023, politie)")
    assert any("wijkindeling 2014-2024" in c.value for c in at.caption)


def test_a_buurt_code_no_indeling_knows_counts_for_no_wijk(centrum):
    from ivb.queries import police_counts as police

    compared = police.police_wijken_compared(2023).set_index("indicator_id")["waarde"].to_dict()
    assert compared == {"Centrum": 600, "Rokkeveen": 90}
    assert "BU06379999" in set(police.police_unmapped()["regio_code"])


def months(values: dict[str, int | None], code: str = "GM0637", indeling: str = "") -> list[tuple]:
    return [(code, indeling, period, count) for period, count in values.items()]


def test_the_last_twelve_months_against_the_twelve_before_and_the_line_a_year_earlier(tmp_path, monkeypatch):
    # Invented: 24 months of the city, 2023MM08 to 2025MM07, 100 a month then 90 a month; March 2025 secret.
    counts = {f"{2023 + (7 + i) // 12}MM{(7 + i) % 12 + 1:02d}": (100 if i < 12 else 90) for i in range(24)}
    counts["2025MM03"] = None
    rows = police(*months(counts))
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", politie_misdrijven=rows, **GEO)))
    at = open_app("pages/criminaliteit.py")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "De laatste twaalf maanden (augustus 2024 tot en met juli 2025): ca. 990 misdrijven (ca.: in maart 2025 is een deel geheimgehouden)" in text
    assert "de twaalf maanden daarvoor (augustus 2023 tot en met juli 2024): 1.200 misdrijven. Verschil: ca. -17,5%." in text
    chart = next(c for c in at.get("vega_lite_chart") if c.proto.alt.startswith("Misdrijven per maand in heel"))
    assert chart is not None


def test_a_missing_month_leaves_the_twelve_month_total_out_and_says_so(tmp_path, monkeypatch):
    counts = {f"{2024 + (i // 12)}MM{i % 12 + 1:02d}": 50 for i in range(24) if i != 20}  # September 2025 missing
    rows = police(*months(counts))
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", politie_misdrijven=rows, **GEO)))
    text = page_text(open_app("pages/criminaliteit.py"))
    assert "De laatste twaalf maanden (januari 2025 tot en met december 2025): geen totaal, want september 2025 ontbreekt" in text
    assert "de twaalf maanden daarvoor (januari 2024 tot en met december 2024): 600 misdrijven." in text
    assert "Verschil" not in text


def test_months_and_years_are_never_added(tmp_path, monkeypatch):
    # Invented: a year row of 2024 and twelve month rows of 2024 in other files; the year figure is the year row.
    counts = {f"2024MM{m:02d}": 10 for m in range(1, 13)}
    rows = police(("GM0637", "", "2024JJ00", 500), *months(counts))
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", politie_misdrijven=rows, **GEO)))
    from ivb.queries import police_counts as queries

    city = queries.police_city_trend(2024, 2024)
    assert city.loc[city["indicator_id"] == "totaal", "waarde"].tolist() == [500]



def test_a_figure_made_from_buurten_says_so_in_the_table_and_the_download(centrum):
    from ivb.blocks import Download
    from ivb.queries import geo
    from ivb.views import export
    from ivb.views.wijk_tables import guarded

    at = open_folded(open_app("pages/criminaliteit.py"))
    ranked = next(t.value for t in at.table if "Hoe geteld" in t.value.columns)
    how = dict(zip(ranked["Wijk"], ranked["Hoe geteld"]))
    assert how["Centrum"] == "som van 4 buurten" and how["Rokkeveen"] == ""  # Rokkeveen has a wijk row of its own
    rows = export.frame_of(Download("politie-wijken", guarded(geo.police_rates(2023))))
    assert rows.loc[rows["Wijk"] == "Centrum", "Toelichting"].tolist() == ["som van 4 buurten"]


def test_a_monthly_file_imported_as_a_steward_would_shows_its_last_twelve_months(invented, tmp_path):
    from ivb.__main__ import main

    # Invented 47022NED download (CBS layout: ';', quoted, padded codes): the city, 24 months, 40 a month then 45.
    lines = ['"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1"']
    for i in range(24):
        period = f"{2024 + i // 12}MM{i % 12 + 1:02d}"
        lines.append(f'{i};"0.0.0 ";"GM0637    ";"{period}";{40 if i < 12 else 45}')
    path = tmp_path / "47022NED_maanden.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import-politie", str(path)]) == 0
    text = page_text(open_app("pages/criminaliteit.py"))
    assert "(januari 2025 tot en met december 2025): 540 misdrijven" in text
    assert "(januari 2024 tot en met december 2024): 480 misdrijven. Verschil: +12,5%." in text
