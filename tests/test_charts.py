"""Charts on the invented data: begroting dashed and labelled, Dutch locale in the spec, gaps where years are missing."""

import json

import pandas as pd

from ivb.queries import documents
from ivb.views import charts, rowcharts
from ivb.wording import NO_FIGURES


def spec(chart) -> dict:
    """The spec as the browser gets it: a filled template (a dict) or, for a chart still built with Altair, its JSON."""
    return json.loads(json.dumps(chart)) if isinstance(chart, dict) else json.loads(chart.to_json())


def test_trend_draws_begroting_dashed_and_realisatie_solid(invented):
    chart = spec(charts.trend(documents.indicator_values("woninginbraken", 2014, 2024)))
    dash = chart["layer"][0]["encoding"]["strokeDash"]
    assert dash["field"] == "soort"
    assert dict(zip(dash["scale"]["domain"], map(tuple, dash["scale"]["range"]))) == {"Realisatie": (1, 0), "Begroting": (6, 4)}
    label = chart["layer"][2]
    assert label["mark"]["type"] == "text" and label["encoding"]["text"] == {"value": "begroting"}


def test_trend_without_begroting_has_no_begroting_legend_or_label(invented):
    chart = spec(charts.trend(documents.visual_values("misdrijven", 2014, 2024)))
    assert chart["layer"][0]["encoding"]["strokeDash"].get("legend", "absent") is None
    assert len(chart["layer"]) == 2


def test_dutch_number_locale_is_in_the_spec(invented):
    chart = spec(charts.trend(documents.visual_values("misdrijven", 2014, 2024)))
    assert chart["config"]["locale"]["number"] == {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
    assert chart["layer"][0]["encoding"]["y"]["axis"]["format"] == ",d"


def test_missing_years_split_the_line_into_segments(invented):
    values = documents.indicator_values("woninginbraken", 2014, 2024)
    data = charts.trend_data(values)
    segments = data[data["type"] == "realisatie"].groupby("segment")["jaar"].agg(list).tolist()
    assert segments == [[2014, 2015], [2020]]
    assert spec(charts.trend(values))["layer"][0]["encoding"]["detail"]["field"] == "segment"


def test_tooltips_show_values_as_a_dutch_reader_writes_them(invented):
    data = charts.trend_data(documents.visual_values("rapportcijfers", 2014, 2024))
    assert set(data["waarde_nl"]) == {"6,5", "7,1", "7,0"}


def rows_of(chart) -> list[dict]:
    return [row for rows in chart["datasets"].values() for row in rows]


def test_bars_name_the_indicator_and_say_waarvan_for_a_part_of_another_row(invented):
    chart = spec(rowcharts.bars(documents.visual_values("jaarwisseling_schade", 2020, 2020), by="categorie"))
    names = {row["naam"] for row in rows_of(chart) if "naam" in row}
    assert {"waarvan schade per post: straatmeubilair", "Schade jaarwisseling"} <= names
    # the part is drawn lighter than its whole, so it never reads as its equal
    assert any("datum.deel" in json.dumps(layer.get("encoding", {}).get("opacity", {})) for layer in chart["layer"])


def test_a_long_name_wraps_above_its_bars_and_never_overlaps_them():
    # Invented rows: one name far longer than a phone line.
    long = "Een heel lange omschrijving van een indicator die op een telefoon nooit op één regel past"
    data = pd.DataFrame({"naam": [long, long, "Kort"], "jaar": ["2023", "2024", "2024"], "waarde": [1, 2, 3]})
    placed, labels, height = rowcharts.layout(data, "naam", "jaar")
    first = labels.iloc[0]
    assert first["tekst"].count("\n") >= 1 and max(len(line) for line in first["tekst"].split("\n")) <= rowcharts.WRAP
    lines = first["tekst"].count("\n") + 1
    assert placed["y0"].iloc[0] >= first["y"] + lines * rowcharts.LINE  # the bars start below the name
    assert placed["y0"].iloc[1] >= placed["y1"].iloc[0]  # and below each other
    assert labels.iloc[1]["y"] >= placed["y1"].iloc[1] and height >= placed["y1"].max()


def test_bar_charts_fit_the_width_and_keep_their_height(invented):
    chart = spec(rowcharts.bars(documents.visual_values("jaarwisseling_schade", 2020, 2020), by="categorie"))
    assert chart["autosize"] == {"type": "fit-x", "contains": "padding"} and chart["width"] == "container"


def test_every_layer_has_a_dutch_tooltip_or_none(invented):
    """Streamlit's theme gives a mark without a tooltip one with its raw field names (such as 'post_nl')."""
    charts_ = [charts.trend(documents.indicator_values("woninginbraken", 2014, 2024)),
               rowcharts.bars(documents.visual_values("jaarwisseling_schade", 2020, 2020), by="categorie")]
    for chart in map(spec, charts_):
        for layer in chart["layer"]:
            mark = layer["mark"] if isinstance(layer["mark"], dict) else {}
            tooltip = layer.get("encoding", {}).get("tooltip")
            assert mark.get("tooltip") is False or (tooltip and all("title" in t for t in tooltip)), layer


def test_empty_data_draws_no_chart(invented):
    empty = documents.indicator_values("woninginbraken", 2016, 2019)
    assert empty.empty and charts.trend(empty) is None and rowcharts.bars(empty) is None


def test_a_chart_with_rows_but_nothing_to_draw_says_so_on_the_screen_without_an_error():
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd

        from ivb.blocks import Chart
        from ivb.filters import Filters
        from ivb.ui import draw
        from ivb.ui.screen import Screen

        # Invented: rows whose template draws nothing (as finances with only totals).
        rows = pd.DataFrame({"jaar": [2020], "waarde": [1.0], "bron": ["Verzonnen nota A"]})
        block = Chart("Verzonnen grafiek", rows, lambda data, **options: None, "Verzonnen toelichting.", "verzonnen")
        draw.chart(block, Screen(Filters(None, 2020, 2020), {}, draw.data_section))

    at = AppTest.from_function(page).run()
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [NO_FIGURES]
    assert not at.get("vega_lite_chart")


def test_finance_bars_and_labels_agree_in_sign(invented):
    money = documents.finances(2020)
    chart = spec(rowcharts.finances(money))
    bars = [row for row in rows_of(chart) if "post_nl" in row]
    assert bars, "no finance bars"
    for row in bars:  # a bar of lasten runs left of zero and its label says minus
        assert (row["waarde"] < 0) == row["waarde_nl"].startswith("-")
    # the bars draw the jaarrekening's amounts as signed there (the spec holds only the drawn fields, not 'bedrag')
    drawn = money[(money["regel"] != "totaal") & money["post"].isin(["lasten", "baten"])]
    assert sorted(row["waarde"] for row in bars) == sorted(drawn["bedrag"].astype(float))


def test_woonoverlast_is_one_chart_that_fits_a_phone(invented):
    chart = spec(rowcharts.woonoverlast(documents.woonoverlast_per_wijk(2020, None)))
    assert "facet" not in chart and chart["autosize"]["type"] == "fit-x"
    ends = {row["waarde_nl"] for row in rows_of(chart) if "waarde_nl" in row}
    assert any(t.startswith("lopend ") for t in ends) and any(t.startswith("afgerond ") for t in ends)


def test_the_legend_keeps_the_catalogue_order_so_colours_do_not_swap(invented):
    values = documents.visual_values("misdrijven", 2014, 2024)
    chart = spec(charts.trend(values))
    colour = next(layer["encoding"]["color"] for layer in chart["layer"] if "scale" in layer.get("encoding", {}).get("color", {}))
    domain = colour["scale"]["domain"]
    if isinstance(domain, dict):  # a template: the domain is a parameter, its value filled per run
        domain = next(p["value"] for p in chart["params"] if p["name"] == domain["expr"])
    assert domain[0] == values["label"].iloc[0]


def test_a_readers_run_builds_no_altair_chart_outside_a_template(invented, monkeypatch):
    # Building an Altair chart costs tens of milliseconds: a reader's run only fills templates (ivb.views.template),
    # which are made once per kind and variant. Every page, for the city and for a wijk, drawn directly (no tape).
    import inspect

    import altair as alt
    from fixtures import open_app

    from ivb.site import PAGES
    from ivb.ui import tape

    outside: list[str] = []
    made = alt.Chart.__init__

    def watched(self, *args, **kwargs):
        if not any(f.function == "template" and f.filename.endswith("template.py") for f in inspect.stack(0)):
            outside.append(next(f"{f.filename}:{f.lineno}" for f in inspect.stack(0)[1:] if "/ivb/" in f.filename))
        made(self, *args, **kwargs)

    monkeypatch.setattr(alt.Chart, "__init__", watched)
    for wijk in (None, "Centrum"):
        for page in PAGES:
            at = open_app(**({"wijk": wijk} if wijk else {}))
            at.switch_page(page.file)
            tape.clear()  # the page is recorded in this run, not drawn from an earlier one
            at.run()
            assert not at.exception
    assert outside == [], f"Altair charts built in a reader's run at {sorted(set(outside))}"
