"""A page's content is kept per filter, choice and data version (ivb.ui.tape) and drawn again for every reader:
what a reader sees from a kept page must be what a direct run shows, for their own choices and the current data.

Every test runs on the invented data of tests/fixtures.py (the ``invented`` fixture): its wijken, offences and years
are made up, so a new jaarverslag or police file in data/ changes nothing here."""

from __future__ import annotations

import json
import threading
import time

import pandas as pd
import pytest
from fixtures import open_app, source_path

from ivb import blocks as b
from ivb.ui import tape

CRIME = "pages/criminaliteit.py"


def seen(at) -> list:
    """What a reader sees, in order: headings, text, notices, tiles, tables and charts (with their data)."""
    shown = []
    for element in at.main:
        for node in _walk(element):
            kind = type(node).__name__
            if kind in ("Header", "Subheader", "Markdown", "Caption", "Info", "Warning", "Error", "Title"):
                shown.append((kind, node.value))
            elif kind == "Table":
                shown.append((kind, node.value.to_json()))
            elif kind == "Metric":
                shown.append((kind, node.label, node.value))
            elif node.type == "vega_lite_chart":
                shown.append(("chart", json.loads(node.proto.spec).get("datasets")))
    return shown


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def headers(at) -> list[str]:
    return [h.value for h in at.header]


def test_a_kept_page_shows_what_a_direct_run_shows(invented):
    kept_first = open_app(CRIME, wijk="Meerzicht")  # makes the tape
    kept = open_app(CRIME, wijk="Meerzicht")  # draws it
    tape.clear()
    direct = open_app(CRIME, wijk="Meerzicht")  # recorded and drawn in one run
    assert not kept.exception and not direct.exception
    assert seen(kept) == seen(direct) == seen(kept_first)
    assert any(kind == "chart" for kind, *_ in seen(kept)) and any(kind == "Table" for kind, *_ in seen(kept))


def test_readers_with_other_choices_each_see_their_own_offence(invented):
    # Invented offences and years (tests/fixtures.py): Mishandeling and Diefstal/inbraak woning, 2012, 2015 and 2024.
    first = open_app(CRIME, misdrijf="Mishandeling", vergelijkingsjaar="2024")
    other = open_app(CRIME, misdrijf="Diefstal/inbraak woning", vergelijkingsjaar="2024")
    again = open_app(CRIME, misdrijf="Mishandeling", vergelijkingsjaar="2024")
    assert "Mishandeling per 1.000 inwoners, 2024 (voorlopig)" in headers(first)
    assert "Diefstal/inbraak woning per 1.000 inwoners, 2024 (voorlopig)" in headers(other)
    assert headers(again) == headers(first) and seen(again) == seen(first)


def test_a_choice_that_differs_from_its_recording_draws_the_rest_of_the_page_with_the_widgets_value(invented, monkeypatch):
    # The first time the page asks, the session is made to report another offence than the widget will show (as when
    # a reader's choice was read before the widget changed it); the rest of the page shows the widget's offence.
    reader_choice, wrong = tape.reader_choice, []

    def mistaken(key):
        if key == "misdrijf" and not wrong:
            wrong.append(key)
            return "Diefstal/inbraak woning"
        return reader_choice(key)

    monkeypatch.setattr(tape, "reader_choice", mistaken)
    at = open_app(CRIME, misdrijf="Mishandeling", vergelijkingsjaar="2024")
    assert not at.exception and wrong
    assert "Mishandeling per 1.000 inwoners, 2024 (voorlopig)" in headers(at)
    assert "Diefstal/inbraak woning per 1.000 inwoners, 2024 (voorlopig)" not in headers(at)


def test_a_choice_that_keeps_differing_from_its_recording_still_ends_the_run_once(invented, monkeypatch):
    # Cannot happen with a real session (the widget's value is in it once drawn); if it did, the run must not loop.
    monkeypatch.setattr(tape, "reader_choice", lambda key: "Diefstal/inbraak woning" if key == "misdrijf" else None)
    at = open_app(CRIME, misdrijf="Mishandeling", vergelijkingsjaar="2024")
    assert not at.exception and headers(at).count("Politiecijfers per soort misdrijf (open data per gemeente)") == 1


def test_links_with_choices_that_do_not_exist_all_draw_the_one_default_page(invented, monkeypatch):
    # A bogus offence falls back to the default offence: it must draw the page kept for the default, not make and keep
    # another copy under its own value (crafted links would then fill the cache and push the prepared pages out).
    made = []
    record = tape.record

    def counted(content, *args):
        if content.__module__ == "ivb.content.criminaliteit":
            made.append(1)
        return record(content, *args)

    monkeypatch.setattr(tape, "record", counted)
    default = open_app(CRIME)
    for bogus in ("Bestaat niet", "<script>", "Mishandeling ", "x" * 200):
        at = open_app(CRIME, misdrijf=bogus)
        assert not at.exception
        assert headers(at) == headers(default)
        assert any(w.value.startswith("De link vraagt om de soort misdrijf") for w in at.warning)
    assert len(made) == 1, f"the page was made {len(made)} times for one valid choice"
    open_app(CRIME, misdrijf="Mishandeling")  # a valid other choice is a page of its own
    assert len(made) == 2


def test_a_part_that_failed_is_told_and_not_kept(invented, monkeypatch):
    calls = []

    def broken(*args):
        calls.append(args)
        raise KeyError("verzonnen programmeerfout")

    monkeypatch.setattr("ivb.queries.documents.woonoverlast_years", broken)
    first = open_app("pages/woonoverlast.py")
    second = open_app("pages/woonoverlast.py")
    assert first.error and second.error  # the reader is told each time
    assert len(calls) >= 2  # the failed page was made again, not drawn from a tape


def test_readers_asking_at_once_for_the_same_page_make_it_once():
    from ivb import blocks as b
    from ivb.filters import Filters

    made, opened = [], threading.Event()

    def slow_content(out):  # the first reader's run holds on until the others have asked too
        made.append(threading.current_thread().name)
        opened.wait(5)
        out.add(b.Text("Verzonnen tekst."))

    got = []
    readers = [threading.Thread(target=lambda: got.append(tape.tape_for("p", slow_content, Filters(None, 2020, 2024),
                                                                           ("test",))), name=f"lezer-{i}")
               for i in range(5)]
    for reader in readers:
        reader.start()
    time.sleep(0.3)  # every reader has asked by now (should one be late, it finds the kept page: still made once)
    opened.set()
    for reader in readers:
        reader.join(10)
    assert len(made) == 1, f"the page was made by {made}"
    assert len(got) == 5 and all([s.text for s in t.steps] == ["Verzonnen tekst."] for t in got)


@pytest.mark.parametrize("page", ["pages/woonoverlast.py", "pages/overzicht.py"])
def test_a_new_build_shows_on_the_next_run_without_a_restart(invented, page):
    from fixtures import INVENTED

    from ivb.sources.build import build

    at = open_app(page)
    before = seen(at)
    # Invented: the documents get another title in a new build, published while the page is open.
    sources = invented / "bronnen"
    renamed = INVENTED["bronnen"].replace("Verzonnen nota A", "Herziene nota A").replace("Verzonnen verslag B", "Herzien verslag B")
    source_path(sources, "bronnen").write_text(renamed, encoding="utf-8")
    build(sources, invented)
    at.run()
    after = seen(at)
    assert any("Verzonnen nota A" in str(item) or "Verzonnen verslag B" in str(item) for item in before)
    assert not any("Verzonnen nota A" in str(item) or "Verzonnen verslag B" in str(item) for item in after)
    assert any("Herziene nota A" in str(item) or "Herzien verslag B" in str(item) for item in after)


def test_the_warm_up_makes_every_page_for_the_city_and_each_wijk_and_a_first_reader_gets_it(invented, monkeypatch):
    from ivb.queries import core
    from ivb.site import PAGES
    from ivb.ui import warmup
    from ivb.ui.sidebar import wijk_names

    tape.clear()
    direct = open_app("pages/woonoverlast.py", wijk="Centrum")
    tape.clear()
    assert warmup._warm(core.current(), delay=0) == len(PAGES) * (1 + len(wijk_names()))

    def broken(*args):
        raise KeyError("verzonnen programmeerfout")

    # Made before: a reader's first view of a prepared page runs none of its queries.
    monkeypatch.setattr("ivb.queries.documents.woonoverlast_years", broken)
    first = open_app("pages/woonoverlast.py", wijk="Centrum")
    assert not first.error and seen(first) == seen(direct)


@pytest.mark.parametrize("fault", ["a part fails", "it cannot be kept"])
def test_the_warm_up_counts_only_the_pages_it_made_and_names_those_that_failed(invented, monkeypatch, caplog, fault):
    from ivb.queries import core
    from ivb.site import PAGES
    from ivb.ui import warmup
    from ivb.ui.sidebar import wijk_names

    def broken(out):
        if fault == "a part fails":
            with out.section():
                raise KeyError("verzonnen programmeerfout")
        # A block that holds a lambda cannot be pickled: the page is drawn, but not kept, and the warm-up goes on.
        rows = pd.DataFrame({"jaar": [2020], "waarde": [1.0]})  # invented
        out.add(b.Chart("Verzonnen", rows, lambda data, **options: None, "Verzonnen.", "verzonnen"))

    monkeypatch.setattr("ivb.content.woonoverlast.content", broken)  # the Woonoverlast page fails everywhere
    areas = 1 + len(wijk_names())
    with caplog.at_level("INFO", logger="ivb"):
        made = warmup._warm(core.current(), delay=0)
    assert made == (len(PAGES) - 1) * areas
    ready = next(r.getMessage() for r in caplog.records if "klaar voor lezers" in r.getMessage())
    assert ready.startswith(f"{made} van {len(PAGES) * areas} pagina's voorbereid")
    assert f"{areas} mislukt" in ready and "Woonoverlast (hele gemeente)" in ready


def test_a_build_published_halfway_through_a_page_does_not_show_on_that_page(invented, monkeypatch):
    from fixtures import INVENTED

    import ivb.content.criminaliteit as crime
    from ivb.sources.build import build

    # Invented: the documents get other titles in a new build, published while the police part of the page is made;
    # the charts of the documents come after it and name their sources.
    sources = invented / "bronnen"
    renamed = INVENTED["bronnen"].replace("Verzonnen nota A", "Herziene nota A").replace("Verzonnen verslag B", "Herzien verslag B")
    police_section = crime.police_section

    def publish_then_police(out):
        if not published:
            source_path(sources, "bronnen").write_text(renamed, encoding="utf-8")
            build(sources, invented)
            published.append(True)
        police_section(out)

    published = []
    monkeypatch.setattr(crime, "police_section", publish_then_police)
    at = open_app(CRIME)
    assert published, "the page did not reach its police part"
    shown = str(seen(at))
    assert "Verzonnen nota A" in shown and "Herziene nota A" not in shown, "one page showed two builds"
    at = open_app(CRIME)  # the next run: the new build, all of it
    shown = str(seen(at))
    assert "Herziene nota A" in shown and "Verzonnen nota A" not in shown
