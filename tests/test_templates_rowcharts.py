"""The row charts (ivb.views.rowcharts) as filled templates, on invented rows written here (every figure is made up):
the rows stand in the given order and the chart is as tall as they need, the ends of the woonoverlast bars say their
status and count, lasten run left of zero with a minus, and every template a row chart makes is valid Vega-Lite."""

from __future__ import annotations

import json

import pandas as pd

from ivb.views import rowcharts, template


def invented_values(rows: list[tuple[str, int, float]], unit: str = "aantal", deel_van: dict | None = None) -> pd.DataFrame:
    """Invented figures in the shape of documents.visual_values: (label, jaar, waarde) per row."""
    deel_van = deel_van or {}
    return pd.DataFrame({
        "indicator_id": [label.lower() for label, _, _ in rows], "label": [label for label, _, _ in rows],
        "categorie": "", "jaar": [jaar for _, jaar, _ in rows], "waarde": [waarde for _, _, waarde in rows],
        "eenheid": unit, "benaderd": False, "bron": "Verzonnen bron", "vindplaats": "p. 1",
        "deel_van": [deel_van.get(label.lower()) for label, _, _ in rows],
    })


INVENTED_CASES = pd.DataFrame({  # invented woonoverlast: Centrum 1.200 lopend (koop and corporatie), 3 afgerond
    "wijk": ["Centrum", "Centrum", "Centrum", "Meerzicht"], "eigendom": ["koop", "corporatie", "koop", "particulier"],
    "status": ["lopend", "lopend", "afgerond", "lopend"], "aantal": [200, 1000, 3, 5],
})

INVENTED_MONEY = pd.DataFrame({  # invented jaarrekening (x € 1.000): lasten negative, as the jaarrekening signs them
    "regel": ["5.1", "5.1", "5.2", "5.2", "totaal"], "omschrijving": ["Veiligheid", "Veiligheid", "Zorg", "Zorg", "Totaal"],
    "post": ["lasten", "baten", "lasten", "baten", "lasten"], "bedrag": [-1234, 56, -78, 0, -1312],
    "afgeleid": [False, True, False, False, False],
})


def plain(spec: dict) -> dict:
    """The spec as the browser gets it (JSON)."""
    return json.loads(json.dumps(spec))


def param(spec: dict, name: str):
    return next(p["value"] for p in spec["params"] if p["name"] == name)


def test_bars_keep_the_given_order_top_to_bottom_and_the_chart_grows_with_its_rows():
    few = plain(rowcharts.bars(invented_values([("Zwaar", 2024, 1234), ("Aap", 2024, 5)])))
    rows = few["datasets"][template.ROWS]
    assert [r["naam"] for r in sorted(rows, key=lambda r: r["y0"])] == ["Zwaar", "Aap"]  # as given, not alphabetical
    assert [r["waarde_nl"] for r in rows] == ["1.234", "5"]  # the values as a Dutch reader writes them
    assert few["height"] == param(few, "rows_height") >= max(r["y1"] for r in rows)
    many = plain(rowcharts.bars(invented_values([(f"Rij {i}", 2024, i) for i in range(8)])))
    assert many["height"] > few["height"] and param(many, "rows_height") == many["height"]


def test_bars_colour_the_years_in_order_and_draw_a_part_lighter_under_a_normal_name():
    values = invented_values([("Schade", 2023, 10), ("Schade", 2024, 12), ("Glas", 2024, 4)], unit="euro",
                             deel_van={"glas": "schade"})
    chart = plain(rowcharts.bars(values))
    assert param(chart, "colour_domain") == ["2023", "2024"]
    assert [r["tekst"] for r in chart["datasets"][rowcharts.NAMES["normal"]]] == ["waarvan glas"]
    assert [r["tekst"] for r in chart["datasets"][rowcharts.NAMES["bold"]]] == ["Schade"]
    assert {r["naam"]: r["deel"] for r in chart["datasets"][template.ROWS]} == {"Schade": False, "waarvan glas": True}


def test_woonoverlast_ends_say_status_and_count_and_segments_stack():
    chart = plain(rowcharts.woonoverlast(INVENTED_CASES))
    ends = {r["waarde_nl"] for r in chart["datasets"]["totalen"]}
    assert ends == {"lopend 1.200", "afgerond 3", "lopend 5"}
    koop, corporatie = [r for r in chart["datasets"][template.ROWS] if r["wijk"] == "Centrum" and r["status_nl"] == "lopend"]
    assert (koop["eigendom_nl"], koop["x0"], koop["x1"]) == ("Koop", 0, 200)
    assert (corporatie["eigendom_nl"], corporatie["x0"], corporatie["x1"]) == ("Corporatie", 200, 1200)
    assert param(chart, "x_domain")[1] > 1200  # room for the label after the longest bar


def test_finances_run_lasten_left_of_zero_with_a_minus():
    chart = plain(rowcharts.finances(INVENTED_MONEY))
    rows = chart["datasets"][template.ROWS]
    assert "Totaal" not in {r["doelstelling"] for r in rows}  # the total is no bar of its own
    lasten = next(r for r in rows if r["doelstelling"] == "5.1 Veiligheid" and r["post_nl"] == "Lasten")
    assert lasten["waarde"] == -1234 and lasten["waarde_nl"] == "-1.234"
    assert param(chart, "x_domain")[0] < -1234  # the scale reaches left of the largest lasten
    assert {r["afgeleid_nl"] for r in rows if r["post_nl"] == "Baten" and r["doelstelling"] == "5.1 Veiligheid"} == {
        "ja (niet leesbaar in de bron)"}


def test_empty_data_draws_no_row_chart():
    assert rowcharts.bars(invented_values([]).iloc[0:0]) is None
    assert rowcharts.woonoverlast(INVENTED_CASES.iloc[0:0]) is None
    assert rowcharts.finances(INVENTED_MONEY[INVENTED_MONEY["regel"] == "totaal"]) is None


def test_every_row_chart_template_is_valid_vega_lite_and_shared_between_runs():
    rowcharts.bars(invented_values([("Een", 2024, 1)]))
    rowcharts.bars(invented_values([("Een", 2023, 1), ("Een", 2024, 2)], unit="procent"))
    rowcharts.bars(invented_values([("Schade", 2024, 10), ("Glas", 2024, 4)], unit="onbekend", deel_van={"glas": "schade"}))
    rowcharts.woonoverlast(INVENTED_CASES)
    rowcharts.finances(INVENTED_MONEY)
    ours = [key for key in template._templates if key[0].__module__ == rowcharts.__name__]
    assert {kind.__name__ for kind, _ in ours} == {"_bars_kind", "_woonoverlast_kind", "_finances_kind"}
    for kind, variant in ours:
        kind(*variant).to_dict(validate=True)
    # more rows make a taller chart, not a new template
    rowcharts.bars(invented_values([(f"Rij {i}", 2024, i) for i in range(12)]))
    assert len([key for key in template._templates if key[0].__module__ == rowcharts.__name__]) == len(ours)
