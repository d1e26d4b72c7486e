"""Charts: begroting dashed and labelled, Dutch locale in the spec, gaps where years are missing."""

import json

from ivb import charts, db


def spec(chart) -> dict:
    return json.loads(chart.to_json())


def test_trend_draws_begroting_dashed_and_realisatie_solid():
    chart = spec(charts.trend(db.woninginbraken_trend(2014, 2024)))
    line = chart["layer"][0]
    dash = line["encoding"]["strokeDash"]
    assert dash["field"] == "soort"
    assert dict(zip(dash["scale"]["domain"], map(tuple, dash["scale"]["range"]))) == {"Realisatie": (1, 0), "Begroting": (6, 4)}
    label = chart["layer"][2]
    assert label["mark"]["type"] == "text" and label["encoding"]["text"] == {"value": "begroting"}


def test_trend_without_begroting_has_no_begroting_legend_or_label():
    chart = spec(charts.trend(db.crime_trend(2014, 2024)))
    assert chart["layer"][0]["encoding"]["strokeDash"].get("legend", "absent") is None
    assert len(chart["layer"]) == 2


def test_dutch_number_locale_is_in_the_spec():
    chart = spec(charts.trend(db.crime_trend(2014, 2024)))
    assert chart["config"]["locale"]["number"] == {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
    assert chart["layer"][0]["encoding"]["y"]["axis"]["format"] == ",d"


def test_missing_years_split_the_line_into_segments():
    data = charts.trend_data(db.woninginbraken_trend(2014, 2024))
    realisatie = data[data["type"] == "realisatie"]
    segments = realisatie.groupby("segment")["jaar"].agg(list).tolist()
    assert segments == [[2014, 2015, 2016, 2017], [2023, 2024]]
    line = spec(charts.trend(db.woninginbraken_trend(2014, 2024)))["layer"][0]
    assert line["encoding"]["detail"]["field"] == "segment"


def test_tooltips_show_values_as_a_dutch_reader_writes_them():
    data = charts.trend_data(db.safety_scores(2023, 2024))
    assert set(data["waarde_nl"]) == {"7,4", "7,5", "7,6", "8,0"}


def test_bars_name_the_indicator_when_categories_of_several_are_mixed():
    chart = spec(charts.bars(db.ondermijning_casussen(2024, 2024), by="categorie"))
    names = next(iter(chart["datasets"].values()))
    assert any(row["naam"] == "Afgeronde casussen naar uitkomst: signaal ontkracht" for row in names)


def test_empty_data_draws_no_chart():
    empty = db.woninginbraken_trend(2019, 2021)
    assert empty.empty and charts.trend(empty) is None and charts.bars(empty) is None
