"""The build's rules that tie the figures together: parts to their totals, notes to the figures they explain, and what a
steward's new year may not leave unexplained. Each is refused with a message that says what to add. Invented data."""

from __future__ import annotations

import pytest
from fixtures import INVENTED, source_path, write_invented
from test_build import failed_build, swapped


# Issue 25, section 4: the build ties parts to their totals and the notes to the figures they explain. Invented data.
def _without_note(name: str) -> str:
    """The invented kwaliteit.csv without the note ``name``."""
    return "".join(line for line in INVENTED["kwaliteit"].splitlines(keepends=True) if not line.startswith(f"{name},"))


def _refused(tmp_path, **replace: str) -> str:
    """The message of a build of the invented sources with ``replace`` swapped in, which must fail."""
    target = write_invented(tmp_path / "d")
    for name, text in replace.items():
        source_path(target / "bronnen", name).write_text(text, encoding="utf-8")
    return failed_build(target)


@pytest.mark.parametrize(("deel_van", "shown"), [("", "leeg"), ("misdrijven_totaal", "'misdrijven_totaal'")])
def test_a_high_impact_crime_that_is_not_deel_van_hic_totaal_is_refused(tmp_path, deel_van, shown):
    # Invented catalogue: Geweld, which the build adds up to the HIC total, is no part of it or a part of another whole;
    # a chart would then draw it as the equal of the total it is part of.
    catalogue = "".join(line.replace(",hic_totaal\n", f",{deel_van}\n") if line.startswith("hic_geweld,") else line
                        for line in INVENTED["indicatoren"].splitlines(keepends=True))
    message = _refused(tmp_path, indicatoren=catalogue)
    assert (f"indicatoren.csv, regel 4, kolom 'deel_van': hic_geweld telt op tot hic_totaal, maar deel_van is {shown}: "
            "vul hic_totaal in") in message
    assert "woninginbraken telt op" not in message  # the parts that say what they are part of pass


def test_a_jaarwisseling_figure_without_a_note_on_its_year_axis_is_refused(tmp_path):
    # Invented: the note that says which jaarwisseling the invented year 2020 means is taken out.
    message = _refused(tmp_path, kwaliteit=_without_note("verzonnen_jaarwisseling"))
    for indicator in ("jaarwisseling_schade", "jaarwisseling_schade_post"):  # the post only as a part of the damage
        assert f"kolom 'indicator_id': {indicator} gaat over de jaarwisseling" in message
        assert f"met {indicator} in de kolom indicator_id" in message


def test_a_note_on_the_jaarwisseling_must_name_the_two_years_and_every_figure_it_explains(tmp_path):
    # Invented: a note that names the jaarwisseling but not its two years explains no year axis.
    vague = INVENTED["kwaliteit"].replace("de jaarwisseling 2020-2021", "de jaarwisseling van 2020")
    assert "jaarwisseling_schade gaat over de jaarwisseling" in _refused(tmp_path / "a", kwaliteit=vague)
    # An invented figure whose definition (not its label) names the jaarwisseling needs the note too ...
    catalogue = INVENTED["indicatoren"] + ("vuurwerkklachten,Klachten over vuurwerk,aantal,geen,handhaving_jaarwisseling,"
                                           "jaarwisseling_publiek,,5.2,gemeente,Klachten rond de jaarwisseling.,doc_b,p. 9,\n")
    message = _refused(tmp_path / "b", indicatoren=catalogue)
    assert "vuurwerkklachten gaat over de jaarwisseling" in message and "jaarwisseling_schade gaat" not in message
    # ... and builds once the note names it in its list.
    listed = INVENTED["kwaliteit"].replace("jaarwisseling_schade_post,", "jaarwisseling_schade_post; vuurwerkklachten,")
    write_invented(tmp_path / "c", indicatoren=catalogue, kwaliteit=listed)


@pytest.mark.parametrize(("listed", "expected"), [
    ("jaarwisseling_schade;bestaat_niet", "'bestaat_niet' bestaat niet in indicatoren.csv"),
    ("jaarwisseling_schade;;jaarwisseling_schade_post", "'jaarwisseling_schade;;jaarwisseling_schade_post' heeft een lege naam"),
])
def test_each_indicator_a_note_lists_must_exist(tmp_path, listed, expected):
    # Invented: the note's list of indicators gets an unknown name or an empty one.
    notes = INVENTED["kwaliteit"].replace("jaarwisseling_schade;jaarwisseling_schade_post", listed)
    assert f"kwaliteit.csv, regel 3, kolom 'indicator_id': {expected}" in _refused(tmp_path, kwaliteit=notes)


# Issue 25, section 3: what a steward's new year can leave unexplained is refused by the build, which says what to add;
# no test over data/bronnen turns red instead. Invented data.
PCT = "pct_huisverbod_per_registratie"  # a percentage the build checks against two counts (ivb.sources.rules.PERCENT_RULES)
PCT_CATALOGUE = INVENTED["indicatoren"] + "".join(
    f"{indicator},Verzonnen {indicator},{eenheid},geen,zorg_jeugd,zorg_jeugd_kengetallen,,5.1,gemeente,Verzonnen.,doc_b,p. 15,\n"
    for indicator, eenheid in (("huisverboden", "aantal"), ("politieregistraties_huiselijk_geweld", "aantal"), (PCT, "procent")))


def _pct_rows(*rows: tuple[str, str, int]) -> str:
    return INVENTED["waarden"] + "".join(f"{i},2020,Zoetermeer,,{kind},{n},nee,nee,doc_b,p. 15,\n" for i, kind, n in rows)


def test_a_percentage_that_no_counts_confirm_needs_a_note_that_names_its_year(tmp_path):
    # Invented: a percentage of 2020 printed without its two counts, as a jaarverslag may give it.
    values = _pct_rows((PCT, "realisatie", 25))
    message = _refused(tmp_path / "a", indicatoren=PCT_CATALOGUE, waarden=values)
    assert (f"waarden.csv, regel {len(values.splitlines())}, kolom 'waarde': {PCT} 2020 is niet te controleren: huisverboden "
            "en politieregistraties_huiselijk_geweld ontbreken voor 2020 in waarden.csv. Voeg die aantallen toe") in message
    assert f"een kanttekening met {PCT} in de kolom indicator_id die het jaar 2020 noemt" in message
    one = _pct_rows((PCT, "realisatie", 25), ("huisverboden", "realisatie", 10))
    assert "politieregistraties_huiselijk_geweld ontbreekt voor 2020" in _refused(tmp_path / "b", indicatoren=PCT_CATALOGUE, waarden=one)
    # A note on the percentage that names another year does not explain 2020 ...
    note = f"verzonnen_pct,zorg_jeugd,waarden,{PCT},Verzonnen: de bron geeft voor {{}} geen aantallen.,,,Verzonnen keuze.,doc_b,p. 15\n"
    other_year = INVENTED["kwaliteit"] + note.format(2019)
    assert f"{PCT} 2020 is niet te controleren" in _refused(tmp_path / "c", indicatoren=PCT_CATALOGUE, waarden=values,
                                                               kwaliteit=other_year)
    # ... a note on 2020 does; so do the two counts (the build then checks the percentage against them); and a begroting,
    # a target, needs neither.
    write_invented(tmp_path / "d", indicatoren=PCT_CATALOGUE, waarden=values, kwaliteit=INVENTED["kwaliteit"] + note.format(2020))
    counted = _pct_rows((PCT, "realisatie", 25), ("huisverboden", "realisatie", 10),
                        ("politieregistraties_huiselijk_geweld", "realisatie", 40))
    write_invented(tmp_path / "e", indicatoren=PCT_CATALOGUE, waarden=counted)
    write_invented(tmp_path / "f", indicatoren=PCT_CATALOGUE, waarden=_pct_rows((PCT, "begroting", 20)))


def test_a_note_under_the_onderwerp_of_another_page_than_its_figure_is_refused(tmp_path):
    # Invented: the note on woninginbraken (criminaliteit) is put under veiligheidsbeleving; a note is shown only on the
    # page of its onderwerp, so a reader of the figure would never see it.
    moved = INVENTED["kwaliteit"].replace("verzonnen,criminaliteit,", "verzonnen,veiligheidsbeleving,")
    message = _refused(tmp_path / "a", kwaliteit=moved)
    assert ("kwaliteit.csv, regel 2, kolom 'onderwerp': verzonnen staat onder onderwerp 'veiligheidsbeleving', maar "
            "woninginbraken staat op de pagina van 'criminaliteit'") in message
    assert "Zet het onderwerp op 'criminaliteit', of maak voor woninginbraken een eigen kanttekening" in message
    # A note on the jaarwisseling that also lists woninginbraken: only the figure of the other page is named.
    listed = INVENTED["kwaliteit"].replace("jaarwisseling_schade_post,", "jaarwisseling_schade_post;woninginbraken,")
    message = _refused(tmp_path / "b", kwaliteit=listed)
    assert "regel 3, kolom 'onderwerp': verzonnen_jaarwisseling staat onder onderwerp 'handhaving_jaarwisseling', maar woninginbraken" in message
    assert "jaarwisseling_schade staat op de pagina" not in message


# The rules that tie figures to totals, each broken on the invented sources (moved here from tests/test_build.py, where
# they broke the real sources and typed their figures). Every figure below is invented.
def test_hic_total_that_does_not_add_up(tmp_path):
    # Invented 2015: hic_totaal 90 = geweld 35 + woninginbraken 28 + straatroof 17 + overvallen 10; geweld becomes 36.
    total = "hic_totaal,2015,Zoetermeer,,realisatie,90,nee,nee,doc_a,tabel 1,"
    part = "hic_geweld,2015,Zoetermeer,,realisatie,35,nee,nee,doc_a,tabel 1,"
    waarden, _ = swapped("waarden", part, part.replace(",35,", ",36,"))
    message = _refused(tmp_path, waarden=waarden)
    line = waarden.splitlines().index(total) + 1
    assert f"bronnen/GM0637/waarden.csv, regel {line}, kolom 'waarde': hic_totaal 2015 is 90, maar de delen (" in message
    assert "tellen op tot 91" in message


def test_woonoverlast_wijk_total_that_does_not_add_up(tmp_path):
    # Invented 2020: Centrum corporatie lopend 6 becomes 7, so the wijk, its column and the whole add up to one more.
    cell = "2020,Centrum,corporatie,lopend,6,doc_b,tabel 3,"
    detail, _ = swapped("woonoverlast", cell, cell.replace(",6,", ",7,"))
    message = _refused(tmp_path, woonoverlast=detail)
    totals = INVENTED["woonoverlast_totalen"].splitlines()
    for row, name, stated in (("2020,Centrum,,,10,", "wijk Centrum", 10), ("2020,,corporatie,lopend,6,", "corporatie lopend", 6),
                              ("2020,,,,19,", "het totaal", 19)):
        line = next(i for i, text in enumerate(totals, 1) if text.startswith(row))
        assert (f"bronnen/GM0637/woonoverlast_totalen.csv, regel {line}, kolom 'aantal': 2020: totaal voor {name} is {stated}, "
                f"maar de cellen in woonoverlast.csv tellen op tot {stated + 1}") in message


def test_percentage_that_does_not_follow_from_its_counts(tmp_path):
    # Invented 2020: 10 huisverboden on 40 registraties is 25%, the percentage says 30.
    values = _pct_rows((PCT, "realisatie", 30), ("huisverboden", "realisatie", 10),
                       ("politieregistraties_huiselijk_geweld", "realisatie", 40))
    message = _refused(tmp_path, indicatoren=PCT_CATALOGUE, waarden=values)
    line = next(i for i, text in enumerate(values.splitlines(), 1) if text.startswith(f"{PCT},"))
    assert (f"bronnen/GM0637/waarden.csv, regel {line}, kolom 'waarde': {PCT} 2020 is 30%, maar huisverboden / "
            "politieregistraties_huiselijk_geweld = 10 / 40 = 25.0%") in message


def test_shares_that_do_not_make_a_hundred_percent(tmp_path):
    # Invented 2020 shares of the signals per herkomst: 61% + 40%.
    share = "ondermijning_signalen_herkomst"
    catalogue = INVENTED["indicatoren"] + (f"{share},Verzonnen signalen naar herkomst,procent,geen,ondermijning,"
                                           "signalen_herkomst,,5.3,gemeente,Verzonnen.,doc_b,p. 16,\n")
    values = INVENTED["waarden"] + "".join(f"{share},2020,Zoetermeer,{categorie},realisatie,{n},nee,nee,doc_b,p. 16,\n"
                                           for categorie, n in (("partners", 61), ("burgers", 40)))
    message = _refused(tmp_path, indicatoren=catalogue, waarden=values)
    line = next(i for i, text in enumerate(values.splitlines(), 1) if text.startswith(f"{share},"))
    assert f"bronnen/GM0637/waarden.csv, regel {line}, kolom 'waarde': {share} 2020: de aandelen tellen op tot 101%, niet 100%" in message


def test_finance_total_outside_the_rounding_margin(tmp_path):
    # Invented 2020 finances of two doelstellingen and their total, in the layout of the jaarverslag; then the lasten
    # of 5.1 become 10 more (beyond the margin of 2 for rounding to thousands).
    rows = {"5.1": (-100, 20, 0, 0, -80), "5.2": (-50, 0, 0, 10, -40), "totaal": (-150, 20, 0, 10, -120)}
    money = "jaar,regel,omschrijving,post,bedrag,afgeleid,bron_id,vindplaats,toelichting\n" + "".join(
        f"2020,{regel},Verzonnen {regel},{post},{amount},nee,doc_b,p. 13,\n" for regel, amounts in rows.items()
        for post, amount in zip(("lasten", "baten", "toevoegingen", "onttrekkingen", "saldo"), amounts))
    write_invented(tmp_path / "whole", financien=money)  # the invented finances add up
    lines = money.splitlines()
    lines[1] = lines[1].replace(",-100,", ",-110,")
    message = _refused(tmp_path / "broken", financien="\n".join(lines) + "\n")
    saldo = next(i for i, text in enumerate(lines, 1) if text.startswith("2020,5.1,Verzonnen 5.1,saldo,"))
    total = next(i for i, text in enumerate(lines, 1) if text.startswith("2020,totaal,Verzonnen totaal,lasten,"))
    assert f"bronnen/GM0637/financien.csv, regel {saldo}, kolom 'bedrag': 2020 regel 5.1: saldo -80 wijkt af van de som van de posten (-90)" in message
    assert f"bronnen/GM0637/financien.csv, regel {total}, kolom 'bedrag': 2020 lasten: totaal -150 wijkt af van de som van de doelstellingen (-160)" in message


# Issue 26: inhabitants per buurt fit wijkcodes, and every police row names a listed source. Invented data.
BUURT = "2017,2014-2024,BU06370500,Verzonnen buurt 2014,Rokkeveen,1500,nee,pop_test,verzonnen,"


@pytest.mark.parametrize(("new", "said"), [
    (BUURT.replace("BU06370500", "BU06370599"), "kolom 'code': BU06370599 is geen buurt van de indeling 2014-2024 in wijkcodes.csv"),
    (BUURT.replace("2014-2024,", "2025,"), "kolom 'code': BU06370500 is geen buurt van de indeling 2025 in wijkcodes.csv"),
    (BUURT.replace(",Rokkeveen,", ",Meerzicht,"), "kolom 'wijk': buurt BU06370500 ligt volgens wijkcodes.csv in Rokkeveen, "
                                                  "niet in Meerzicht"),
    (BUURT.replace(",1500,", ",-5,"), "kolom 'inwoners'"),
    (BUURT.replace(",pop_test,", ",bestaat_niet,"), "kolom 'bron_id': 'bestaat_niet' bestaat niet in open_data_bronnen.csv"),
])
def test_a_buurt_population_that_does_not_fit_wijkcodes_is_refused(tmp_path, new, said):
    people = INVENTED["buurt_inwoners"].replace(BUURT, new)
    assert f"buurt_inwoners.csv, regel 2, {said}" in _refused(tmp_path, buurt_inwoners=people)


def test_a_police_row_whose_source_is_not_listed_is_refused(tmp_path):
    rows = INVENTED["politie_misdrijven"] + "BU06370500,buurt,2014-2024,2024JJ00,2024,0,0.0.0,40,verzonnen.csv,2021-01-01,2,\n"
    assert "politie_misdrijven.csv, regel 2, kolom 'bron_id'" in _refused(tmp_path / "a", politie_misdrijven=rows)
    named = rows.replace(",2,\n", ",2,politie_verzonnen\n")
    assert "'politie_verzonnen' bestaat niet in open_data_bronnen.csv" in _refused(tmp_path / "b", politie_misdrijven=named)
