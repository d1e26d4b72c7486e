"""Doel gehaald, in both directions, and the verdict of each effect indicator (on invented figures)."""

import pandas as pd
import pytest
from fixtures import INVENTED, write_invented

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


def test_each_verdict_is_of_the_latest_year_with_both_realisatie_and_begroting(tmp_path, monkeypatch):
    # Invented: woninginbraken 25 against 30 and rapportcijfer 7,1 against 7,0 in 2020, and a begroting of 2021 whose
    # realisatie is not in yet: the verdict stays with 2020.
    values = INVENTED["waarden"] + "woninginbraken,2021,Zoetermeer,,begroting,28,nee,nee,doc_b,p. 6,\n"
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", waarden=values)))
    verdicts = indicators.latest_verdicts(documents.effect_indicators()).set_index("indicator_id")
    assert verdicts.loc[["woninginbraken", "rapportcijfer_stad"], "jaar"].tolist() == [2020, 2020]
    assert verdicts["doel_gehaald"].tolist() == [True, True]
    assert verdicts.loc["woninginbraken", "verschil"] == -5


@pytest.mark.parametrize(
    ("args", "met", "reason"),
    [
        ((89, 180, "lager_is_beter", "aantal"), True, "89 ligt onder de begroting van 180 (lager is beter)."),
        ((181, 180, "lager_is_beter", "aantal"), False, "181 ligt boven de begroting van 180 (lager is beter)."),
        ((180, 180, "lager_is_beter", "aantal"), True, "180 is gelijk aan de begroting (lager is beter)."),  # counts are exact
        ((7.3, 7.4, "hoger_is_beter", "rapportcijfer"), False, "7,3 ligt onder de begroting van 7,4 (hoger is beter)."),
        ((7.4, 7.4, "hoger_is_beter", "rapportcijfer"), None,
         "7,4 is gelijk aan de begroting 7,4, maar de bron rondt af op 0,1: het werkelijke cijfer kan er net onder of net "
         "boven liggen."),
        ((None, 7.5, "hoger_is_beter", "rapportcijfer"), None, "Er is geen realisatie voor dit jaar."),
        ((8.0, float("nan"), "hoger_is_beter", "rapportcijfer"), None, "Er is geen begroting voor dit jaar."),
        ((10, 5, "geen", "aantal"), None, "Bij deze indicator is niet vastgelegd of hoger of lager beter is."),
    ],
)
def test_the_verdict_is_ja_nee_or_niet_vast_te_stellen_with_its_reason(args, met, reason):
    verdict = indicators.verdict(*args)
    assert verdict.met is met and verdict.reason == reason
    assert verdict.label == {True: "Ja", False: "Nee", None: "Niet vast te stellen"}[met]


def test_a_provisional_realisatie_gives_no_verdict_even_when_it_is_far_from_the_begroting():
    verdict = indicators.verdict(50, 180, "lager_is_beter", "aantal", voorlopig=True)
    assert verdict.met is None and verdict.reason == "De realisatie is voorlopig: de bron kan haar nog herzien."


def test_an_indicator_without_any_realisatie_keeps_its_tile_with_the_reason():
    # Invented rows: a begroting for 2025 and no realisatie at all.
    effect = pd.DataFrame({
        "indicator_id": ["verzonnen"], "label": ["Verzonnen"], "eenheid": ["aantal"], "richting": ["lager_is_beter"],
        "doelstelling": ["5.9"], "jaar": [2025], "realisatie": [float("nan")], "begroting": [10.0],
        "bron_realisatie": [None], "bron_begroting": ["Verzonnen bron"],
    })
    latest = indicators.latest_verdicts(effect)
    assert latest["doel_gehaald"].tolist() == [None] and latest["reden"].tolist() == ["Er is geen realisatie voor dit jaar."]
