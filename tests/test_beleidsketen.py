"""The Beleidsketen reads from goal to money: every doelstelling with its aim, effect indicators (figure, begroting,
verdict and reason) and lasten and baten, all from data/; and it says where the chain is broken."""

from __future__ import annotations

from fixtures import open_app

from ivb import formatting, indicators
from ivb.markup import unmark
from ivb.queries import documents

PAGE = "pages/beleidsketen.py"


def _tables(at) -> list:
    return [t.value for t in at.table]


def test_every_doelstelling_has_its_aim_its_effect_indicators_and_its_money_from_data():
    at = open_app(PAGE)
    assert not at.exception and not at.error
    headers = [h.value for h in at.header]
    year = documents.finance_years()[-1]
    money = documents.finances(year)
    goals = documents.goal_indicators()
    aims = money[money["regel"] != "totaal"].drop_duplicates("regel")
    assert len(aims) == 3
    shown = [t.to_dict("records") for t in _tables(at)]
    for goal, aim in zip(aims["regel"], aims["omschrijving"]):
        assert f"Doelstelling {goal}: {aim}" in [unmark(h) for h in headers]
        mine = goals[goals["doelstelling"] == goal]
        effect = mine[mine["indicator_id"].isin(mine.loc[mine["begroting"].notna(), "indicator_id"])]
        for row in indicators.latest_verdicts(effect).itertuples():
            expected = {"Indicator": row.label, "Jaar": str(int(row.jaar)),
                        "Realisatie": formatting.value(row.realisatie, row.eenheid),
                        "Begroting": formatting.value(row.begroting, row.eenheid),
                        "Doel gehaald": indicators.goal_label(row.doel_gehaald), "Waarom": row.reden}
            assert any(all(r.get(k) == v for k, v in expected.items()) for rows in shown for r in rows), expected
        lasten = money[(money["regel"] == goal) & (money["post"] == "lasten")]["bedrag"].iloc[0]
        assert any(r.get("Post") == "Lasten" and r.get("Realisatie (x € 1.000)") == formatting.number(lasten)
                   for rows in shown for r in rows)
    # Every derived amount of the year says so (in the jaarverslag 2024: the lasten of 5.1), none typed over here.
    flat = [r for rows in shown for r in rows]
    for derived in money[money["afgeleid"] & (money["regel"] != "totaal")].itertuples():
        assert any(r.get("Post") == derived.post.capitalize() and r.get("Realisatie (x € 1.000)") == formatting.number(
            derived.bedrag) and r["Afgeleid"].startswith("ja") for r in flat), (derived.regel, derived.post)


def test_the_broken_chain_is_said_plainly():
    at = open_app(PAGE)
    warnings = [unmark(w.value) for w in at.warning]
    # No source links a speerpunt of 2019-2022 or 2023-2026 to an effect indicator (speerpunten.csv).
    assert sum("Voor 2019-2022 en 2023-2026 is geen speerpunt aan een effectindicator" in w for w in warnings) == 3
    infos = [unmark(i.value) for i in at.info]
    assert any("andere cijfers bij deze doelstelling hebben geen begroting" in i for i in infos)
    assert "Speerpunten zonder effectindicator" in [h.value for h in at.header]


def test_a_doelstelling_without_a_begroting_says_its_verdict_cannot_be_given(invented):
    # The invented sources give doelstelling 5.2 only 'Meldingen handhaving', without a begroting.
    at = open_app(PAGE)
    assert not at.exception
    warnings = [unmark(w.value) for w in at.warning]
    assert any("geen effectindicator met een begroting: of het doel gehaald is, is niet vast te stellen" in w
               for w in warnings)
