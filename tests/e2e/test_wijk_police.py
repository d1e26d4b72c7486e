"""A reader chooses a wijk and reads its crime: the sum of its buurten as page text, its buurten in a table, and the
map coloured by crime per 1.000 on the boundaries of the figures' indeling. What is expected is computed from the
server's own sources (helpers.sources), never typed, so a steward's new police file keeps this green."""

from __future__ import annotations

from helpers import choose_wijk, open_page, problems, sources


def dutch(count) -> str:
    """A whole number as the page writes it: 1.641."""
    return f"{int(count):,}".replace(",", ".")


def buurt_sums(data: dict) -> tuple[str, dict[str, tuple[int, int, dict[str, str]]]]:
    """(year, {dashboard wijk: (sum of its buurten, how many, {buurt name: count})}) of the latest year whose figures
    of all crimes are buurt rows only, in the newest indeling of that year."""
    police, codes = data["politie_misdrijven"], data["wijkcodes"]
    rows = police[(police["misdrijf_code"] == "0.0.0") & (police["maand"] == "0") & (police["soort_regio"] != "gemeente")]
    year = max(rows["jaar"])
    rows = rows[rows["jaar"] == year]
    indeling = max(rows["indeling"])  # the newest (ivb.wijken)
    rows = rows[rows["indeling"] == indeling]
    known = codes[codes["indeling"] == indeling].set_index("code")
    sums: dict[str, tuple[int, int, dict[str, str]]] = {}
    for r in rows[rows["soort_regio"] == "buurt"].itertuples():
        if r.regio_code not in known.index or r.aantal == "" or ("WK" + r.regio_code[2:8]) in set(rows["regio_code"]):
            continue
        wijk = known.at[r.regio_code, "wijk"]
        total, n, names = sums.get(wijk, (0, 0, {}))
        sums[wijk] = (total + int(r.aantal), n + 1, {**names, known.at[r.regio_code, "cbs_naam"]: r.aantal})
    return year, sums


def test_a_chosen_wijk_shows_the_sum_of_its_buurten_and_its_buurten(server, page):
    year, sums = buurt_sums(sources(server.data_dir))
    wijk, (total, count, names) = max(sums.items(), key=lambda item: item[1][0])  # the wijk with the most crime
    open_page(page, server.url, "criminaliteit")
    choose_wijk(page, wijk)
    body = page.inner_text('[data-testid="stMain"]')
    assert f"In {year} registreerde de politie in {wijk} {dutch(total)} misdrijven (som van {count} buurten)" \
        in body.replace("\n", " ")
    table = page.locator('[data-testid="stTable"]').filter(has_text="Per 1.000 inwoners").filter(has_text="Buurt").first
    text = table.inner_text()
    for name, figure in names.items():
        assert name in text and (dutch(figure) in text or int(figure) < 10), name
    assert problems(page) == []


def test_the_map_can_be_coloured_by_crime_per_1000_on_the_boundaries_of_its_indeling(server, page):
    year, _ = buurt_sums(sources(server.data_dir))
    option = f"Misdrijven per 1.000 inwoners ({year}, politie)"
    open_page(page, server.url, "wijkprofiel", f"kaartcijfer={option}")
    assert page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input[aria-label="Kleur de kaart naar"]') \
        .input_value() == option
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    indeling = max(sources(server.data_dir)["politie_misdrijven"].query("jaar == @year")["indeling"])
    assert any(f"CBS-wijkindeling {indeling}" in c for c in captions), captions
    page.locator('[data-testid="stVegaLiteChart"] path[aria-label*="Wijk:"]').first.wait_for()  # the map is drawn
    assert problems(page) == []
