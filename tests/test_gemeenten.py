"""Every gemeente: the dashboard of a gemeente chosen by ``IVB_GEMEENTE``, with or without its own documents and
wijken, its comparison group by a stated rule or a steward's file, and a start that refuses an unknown code.

Every gemeente and figure here is invented (tests/fixtures.py: 'Gemeente Aa' GM9001 and the others have open data
only; GM0637 has invented documents and wijken; the extra gemeenten below are invented too and say so).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fixtures import INVENTED, open_app, open_folded, shown_tables, write_invented

from ivb import config, gemeente, site
from ivb.queries import open_data as public
from ivb.queries import provenance

WITHOUT_DOCUMENTS = "GM9001"  # 'Gemeente Aa' of the invented set: open data, no documents, no wijken


def texts(node) -> list[str]:
    """Every text the reader sees in ``node`` (the app's main area or sidebar), depth first."""
    found = []
    for child in getattr(node, "children", {}).values():
        found += texts(child)
    for attribute in ("value", "label", "body"):
        try:
            value = getattr(node, attribute)
        except Exception:  # noqa: BLE001 - an element without that attribute
            continue
        if isinstance(value, str):
            found.append(value)
    return found


@pytest.fixture
def aa(invented, monkeypatch):
    """The invented data set served as 'Gemeente Aa', which has no documents and no wijken."""
    monkeypatch.setenv("IVB_GEMEENTE", WITHOUT_DOCUMENTS)
    return invented


def test_a_gemeente_without_documents_gets_the_open_data_pages_and_one_notice(aa):
    at = open_app()
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["Integraal Veiligheidsbeleid Gemeente Aa"]
    notices = [i.value for i in at.info if "nog geen beleidsdocumenten" in i.value]
    assert len(notices) == 1
    assert "python -m ivb nieuwe-gemeente GM9001" in notices[0] and "data/bronnen/GM9001/" in notices[0]
    shown = " ".join(texts(at.main))
    assert "Zoetermeer" not in shown  # the invented GM0637, which has documents, is in another size class
    assert "Doel gehaald" not in shown and "begroting" not in shown.casefold().replace("doelen, begroting", "")
    listed = [p.title for p in site.pages()]
    assert "Criminaliteit" in listed and "Data en bronnen" in listed
    for policy in ("Woonoverlast", "Beleidsketen", "Veiligheidsbeleving", "Beleid en financiën", "Wijkprofiel"):
        assert policy not in listed
    assert "Wijk" not in [s.label for s in at.sidebar.selectbox]  # no wijken curated: no wijk filter


def test_every_page_of_a_gemeente_without_documents_names_it_and_shows_no_error(aa):
    at = open_app()
    for page in site.pages():
        at.switch_page(page.file)
        at.run()
        assert not at.exception and not at.error, page.title
        assert "Zoetermeer" not in " ".join(texts(at.main)), page.title


def test_the_colofon_of_a_gemeente_without_documents_names_none_and_says_so(aa):
    at = open_app("pages/colofon.py")
    assert not at.exception and not at.error
    headings = [h.value for h in at.header]
    assert "Open data" in headings and "Brondocumenten" not in headings
    shown = " ".join(texts(at.main))
    assert "beleidsdocumenten van de gemeente zijn nog niet opgenomen" in shown and "de doelen, de begroting" not in shown


def test_its_own_crime_per_offence_is_on_the_crime_page(aa):
    at = open_app("pages/criminaliteit.py")
    counts = next(t for t in shown_tables(open_folded(at)) if "2012" in t.columns and "Politie (open data)" in set(t.iloc[:, 0]))
    first = invented_count(WITHOUT_DOCUMENTS, 2012)
    assert counts.loc[counts.iloc[:, 0] == "Politie (open data)", "2012"].iloc[0] == str(first)


def invented_count(code: str, year: int, offence: str = "1.1.1") -> int:
    for line in INVENTED["gemeente_misdrijven"].splitlines()[1:]:
        cells = line.split(",")
        if cells[0] == code and cells[1] == str(year) and cells[2] == offence:
            return int(cells[3])
    raise LookupError((code, year, offence))


def test_two_gemeenten_in_one_process_never_share_an_answer_or_a_page(invented, monkeypatch):
    zoetermeer = open_app()
    assert [t.value for t in zoetermeer.title] == ["Integraal Veiligheidsbeleid Zoetermeer"]
    own = public.city_offence("1.1.1", 2012, 2012)["aantal"].tolist()
    monkeypatch.setenv("IVB_GEMEENTE", WITHOUT_DOCUMENTS)
    aa = open_app()  # the kept page of the first gemeente must not be served
    assert [t.value for t in aa.title] == ["Integraal Veiligheidsbeleid Gemeente Aa"]
    assert public.city_offence("1.1.1", 2012, 2012)["aantal"].tolist() == [invented_count(WITHOUT_DOCUMENTS, 2012)] != own


@pytest.mark.parametrize(("code", "said"), [("GM9999", "Gemeente GM9999 staat niet in de open data"),
                                             ("Aa", "'AA' is geen gemeentecode")])
def test_an_unknown_or_malformed_code_stops_the_start_with_the_known_codes(invented, code, said):
    environment = {**os.environ, "IVB_DATA_DIR": str(invented), "IVB_GEMEENTE": code, "IVB_WARMUP": "0"}
    done = subprocess.run([sys.executable, "-m", "ivb.run", "--server.port", "1"], env=environment, capture_output=True,
                          text=True, timeout=60, cwd=config.PROJECT_ROOT)
    assert done.returncode == 2
    assert said in done.stderr and "GM9001 (Gemeente Aa)" in done.stderr and "GM0637 (Zoetermeer)" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_group_of_fewer_than_five_says_so_instead_of_ranking(aa):
    at = open_app("pages/criminaliteit.py")
    group = public.comparison_group()
    assert group.codes == (WITHOUT_DOCUMENTS,)  # 200.000 inwoners: no other invented gemeente in its size class
    assert any("te klein voor een rangorde" in c.value and "150.000 tot 250.000 inwoners" in c.value for c in at.caption)
    assert not any("laagste van" in m.value for m in at.markdown)
    assert not any("per 1.000 inwoners, 2024" in h.value for h in at.header)


# Invented: four more gemeenten of 100.000 to 150.000 inwoners beside 'Gemeente Aa' (made 120.000 here) and the
# invented GM0637 (100.000), so its size class holds six; their rates follow from count and population as the build requires.
SAME_CLASS = {"GM9011": ("Gemeente Ee", 110000, 220), "GM9012": ("Gemeente Ef", 130000, 390),
              "GM9013": ("Gemeente Eg", 140000, 140), "GM9014": ("Gemeente Eh", 100000, 500)}


def _same_class_sources() -> dict[str, str]:
    names = INVENTED["gemeenten"] + "".join(f"{c},{n},verzonnen\n" for c, (n, _, _) in SAME_CLASS.items())
    people = INVENTED["gemeente_inwoners"].replace("GM9001,2024,200000", "GM9001,2024,120000").replace(
        "GM9001,2012,200000", "GM9001,2012,120000")
    people += "".join(f"{c},2024,{p},pop_test\n" for c, (_, p, _) in SAME_CLASS.items())
    crimes = INVENTED["gemeente_misdrijven"].replace("GM9001,2012,1.1.1,600,3.0", "GM9001,2012,1.1.1,600,5.0").replace(
        "GM9001,2024,1.1.1,100,0.5", "GM9001,2024,1.1.1,300,2.5")
    crimes += "".join(f"{c},2024,1.1.1,{n},{n / p * 1000:.3f},ja,ja,cbs_test\n" for c, (_, p, n) in SAME_CLASS.items())
    return {"gemeenten": names, "gemeente_inwoners": people, "gemeente_misdrijven": crimes}


def test_the_default_group_is_the_size_class_of_cbs_and_the_rule_is_said(tmp_path, monkeypatch):
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", **_same_class_sources())))
    monkeypatch.setenv("IVB_GEMEENTE", WITHOUT_DOCUMENTS)
    at = open_app("pages/criminaliteit.py")
    assert not at.exception and not at.error
    rule = next(c.value for c in at.caption if "grootteklasse van het CBS" in c.value)
    assert "100.000 tot 150.000 inwoners" in rule
    assert all(name in rule for name, _, _ in SAME_CLASS.values())
    assert "Zoetermeer" in rule  # the invented GM0637 has 100.000 inwoners: one of the others, in the same class
    # 2024 per 1.000: Zoetermeer 0,900 - Eg 1,000 - Ee 2,000 - Aa 2,500 - Ef 3,000 - Eh 5,000
    assert any("Gemeente Aa is **de 4e laagste van 6**" in m.value for m in at.markdown)


def test_a_stewards_file_names_the_group_instead_of_the_rule(tmp_path, monkeypatch):
    chosen = "gemeentecode,toelichting\nGM9002,verzonnen buur\nGM9003,verzonnen buur\n"
    target = write_invented(tmp_path / "d")
    (target / "bronnen" / WITHOUT_DOCUMENTS).mkdir()
    (target / "bronnen" / WITHOUT_DOCUMENTS / "vergelijkingsgroep.csv").write_text(chosen, encoding="utf-8")
    from ivb.sources.build import build

    build(target / "bronnen", target)
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    monkeypatch.setenv("IVB_GEMEENTE", WITHOUT_DOCUMENTS)
    assert public.comparison_group().codes == (WITHOUT_DOCUMENTS, "GM9002", "GM9003")
    assert gemeente.current().documents is False  # a group file alone does not make documents
    at = open_app("pages/criminaliteit.py")
    assert any("gekozen door de gegevensbeheerder" in c.value and "Gemeente Bee en Gemeente Cee" in c.value
               and "verzonnen buur" in c.value for c in at.caption)


def test_a_group_that_names_a_gemeente_the_open_data_lost_stops_the_build_and_says_where(tmp_path):
    from ivb.sources.build import BuildError

    names = "".join(line + "\n" for line in INVENTED["gemeenten"].splitlines() if not line.startswith("GM9004"))
    people = "".join(line + "\n" for line in INVENTED["gemeente_inwoners"].splitlines() if not line.startswith("GM9004"))
    crimes = "".join(line + "\n" for line in INVENTED["gemeente_misdrijven"].splitlines() if not line.startswith("GM9004"))
    with pytest.raises(BuildError, match=r"bronnen/GM0637/vergelijkingsgroep.csv, regel 5, kolom 'gemeentecode': "
                                         r"'GM9004' bestaat niet in gemeenten.csv"):
        write_invented(tmp_path / "d", gemeenten=names, gemeente_inwoners=people, gemeente_misdrijven=crimes)


def test_the_sources_of_another_gemeentes_own_files_are_not_listed_as_this_ones(tmp_path, monkeypatch):
    # Invented: a later source that only the invented GM0637's wijk codes name.
    sources = INVENTED["open_data_bronnen"] + ("wijk_test,gebiedsindelingen,Verzonnen wijkindeling,Testuitgever,CC BY 4.0,"
                                              "Bron: verzonnen,nergens (testbestand),2021-09-01,\n")
    codes = INVENTED["wijkcodes"].replace(",cbs_test,", ",wijk_test,")
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", open_data_bronnen=sources, wijkcodes=codes)))
    from ivb.queries import status

    assert "Verzonnen wijkindeling" in set(status.source_status()["titel"]) and status.last_updated() == "2021-09-01"
    monkeypatch.setenv("IVB_GEMEENTE", WITHOUT_DOCUMENTS)
    assert "Verzonnen wijkindeling" not in set(status.source_status()["titel"])
    assert status.last_updated() == "2021-06-30"  # its own sources' day, not the other gemeente's
    # Nor on the data page, in the colofon's attributions or in the report's credits.
    at = open_app("pages/data_bronnen.py")
    at.session_state["whole-open_data_bronnen"] = True  # the reader opens the table of open-data sources
    at.run()
    assert not at.exception and not at.error
    listed = " ".join(frame.to_string() for frame in [*shown_tables(at), *(d.value for d in at.dataframe)])
    assert "Verzonnen misdrijven" in listed and "Verzonnen wijkindeling" not in listed
    assert "Verzonnen wijkindeling" not in set(provenance.open_data_sources()["titel"])
    monkeypatch.delenv("IVB_GEMEENTE")
    assert "Verzonnen wijkindeling" in set(provenance.open_data_sources()["titel"])  # the gemeente whose file it is
