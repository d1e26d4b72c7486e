"""Charts on the invented data: begroting dashed and labelled, Dutch locale in the spec, gaps where years are missing."""

import json

from ivb import charts
from ivb.queries import documents


def spec(chart) -> dict:
    return json.loads(chart.to_json())


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


def test_bars_name_the_indicator_when_categories_of_several_are_mixed(invented):
    chart = spec(charts.bars(documents.visual_values("jaarwisseling_schade", 2020, 2020), by="categorie"))
    names = {row["naam"] for row in next(iter(chart["datasets"].values()))}
    assert {"Schade per post: straatmeubilair", "Schade jaarwisseling"} <= names


def test_empty_data_draws_no_chart(invented):
    empty = documents.indicator_values("woninginbraken", 2016, 2019)
    assert empty.empty and charts.trend(empty) is None and charts.bars(empty) is None
