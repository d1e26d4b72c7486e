"""Doel gehaald, in both directions, and the verdicts of the annual report."""

import pytest

from ivb import indicators
from ivb.queries import documents


@pytest.mark.parametrize(
    ("realisatie", "begroting", "richting", "expected"),
    [
        (89, 180, "lager_is_beter", True),
        (181, 180, "lager_is_beter", False),
        (180, 180, "lager_is_beter", True),
        (8.0, 7.5, "hoger_is_beter", True),
        (7.3, 7.4, "hoger_is_beter", False),
        (7.4, 7.4, "hoger_is_beter", True),
        (10, 5, "geen", None),
        (None, 5, "hoger_is_beter", None),
        (5, float("nan"), "lager_is_beter", None),
    ],
)
def test_goal_met_reads_the_direction(realisatie, begroting, richting, expected):
    assert indicators.goal_met(realisatie, begroting, richting) is expected


def test_verdicts_agree_with_the_annual_report_2024():
    # Jaarverslag 2024: "Doel gehaald: Ja." for all three effect indicators.
    verdicts = indicators.latest_verdicts(documents.effect_indicators()).set_index("indicator_id")
    assert verdicts.loc[["woninginbraken", "rapportcijfer_buurt", "rapportcijfer_stad"], "jaar"].tolist() == [2024] * 3
    assert verdicts["doel_gehaald"].tolist() == [True, True, True]
    assert verdicts.loc["woninginbraken", "verschil"] == -91
